"""The claims of PT. XYZ's paper, as :class:`~casestudy.stats.audit.Claim` objects (the audit's data).

Each number the paper prints about PT. XYZ is a claim with its check; conflicting
numbers give one claim per reading, grouped by ``conflict`` (the first reading is
the paper's as printed). Claims that are not numbers (``kind='claim'``) quote the
paper's words and are checked against its own design (section III) and data: the
scope the limitations claim, the profitability the abstract reports, the
internal validity and key-informant review it promises, and the observation it
describes. Locations name the section and paragraph where each is printed.

Examples
--------
>>> ids = [c.claim_id for c in CLAIMS]
>>> len(ids) == len(set(ids))
True
>>> sorted({c.kind for c in CLAIMS})
['claim', 'number']
"""

from __future__ import annotations

from casestudy.stats.audit import AuditContext, Claim, Verdict

__all__ = ["CLAIMS"]

_IV = "IV Hasil dan Diskusi"


def _r(x: float, d: int = 2) -> str:
    return f"{x:.{d}f}"


def _total(c: AuditContext) -> int:
    return sum(c.orders.values())


def _sum_text(c: AuditContext) -> str:
    return " + ".join(str(v) for _, v in sorted(c.orders.items()))


def _grim_share(c: AuditContext) -> Verdict:
    share = c.f("b2g_transactions") / (c.f("b2g_transactions") + c.f("other_transactions"))
    n = _total(c)
    k = round(share * n)
    ok = round(k / n, 2) == round(share, 2)
    return (f"{k} of {n}", ok, f"69 / (69 + 31) = {share:.2f}; {share:.2f} x {n} = {share * n:.2f} orders; the "
            f"nearest whole count {k} gives {k}/{n} = {k / n:.4f}, which rounds to {k / n:.2f}: "
            f"{'possible' if ok else 'impossible'} as a rounded share (GRIM check).")


def _grim_power(c: AuditContext) -> str:
    n = _total(c)
    return (f"with {n} orders (at least 100) every share printed to two decimals arises from some whole count, so "
            "GRIM cannot detect an error here.") if n >= 100 else ""


def _factor(c: AuditContext, year: int, base: int) -> Verdict:
    ratio = c.orders[year] / c.orders[base]
    printed = c.f("growth_factor_2023")
    ok = round(ratio, 1) == printed
    return (_r(ratio), ok, f"{year} over {base}: {c.orders[year]} / {c.orders[base]} = {ratio:.3f}, which rounds to "
            f"{ratio:.1f} ({'matches' if ok else 'does not match'} the printed {printed:g}); a {printed:g}-fold rise on "
            f"{c.orders[base]} would be {printed * c.orders[base]:g} orders.")


def _direction(c: AuditContext) -> Verdict:
    d = c.orders[2023] - c.orders[2022]
    word = "a rise" if d > 0 else "a fall" if d < 0 else "no change"
    return (f"{d:+d} orders", d > 0, f"Tabel 2: {c.orders[2023]} orders in 2023 against {c.orders[2022]} in 2022, a "
            f"change of {d:+d}: {word}" + (", as printed." if d > 0 else ", not the rise printed."))


def _complaints_on_tabel2(c: AuditContext) -> Verdict:
    n, k = c.orders[2023], c.f("complaints_2023")
    ok = k <= n
    return (_r(k / n, 3), ok, f"{k:g} {'<=' if ok else '>'} {n}: " + (
        f"possible with at most one complaint per order; rate {k:g} / {n} = {k / n:.3f}." if ok else
        "more complaints than Tabel 2 lists orders for 2023, impossible at one complaint per order."))


def _complaint_base(c: AuditContext) -> Verdict:
    n, b = c.orders[2023], c.f("complaint_base_transactions_2023")
    diff = b - n
    return (str(n), n == b, f"Tabel 2 gives {n} orders for 2023; the complaint sentence prints {b:g} transactions"
            + ("." if diff == 0 else f" ({abs(diff):g} {'more' if diff > 0 else 'fewer'} than Tabel 2)."))


def _covid_mean(c: AuditContext) -> Verdict:
    pre = [c.orders[y] for y in c.orders if y < 2020]
    post = [c.orders[y] for y in c.orders if y >= 2020]
    a, b = sum(pre) / len(pre), sum(post) / len(post)
    word = "higher" if b > a else "lower" if b < a else "equal"
    return (f"{b:.2f} vs {a:.2f} per year", b > a, f"mean orders 2020-2023 = {sum(post)}/{len(post)} = {b:.2f} "
            f"against 2017-2019 = {sum(pre)}/{len(pre)} = {a:.2f}: {word} (arithmetic; a steady trend predicts a "
            "higher later mean too, so this does not show a pandemic effect).")


def _covid_2020(c: AuditContext) -> Verdict:
    d = c.orders[2020] - c.orders[2019]
    return (f"{d:+d} orders", d > 0, f"2020 had {c.orders[2020]} orders against {c.orders[2019]} in 2019: "
            f"{'a rise' if d > 0 else 'a fall' if d < 0 else 'no change'}. The sentence cites 'tabel 2.2', which the "
            "paper does not have (its table is Tabel 2).")


def _same_sentence(what: str):  # noqa: ANN202 - a cannot_fail callable
    return lambda c: f"{what} are printed in one phrase, so the check compares the phrase with itself."


def _profit(c: AuditContext) -> Verdict:
    money = [k for k in c.facts if k.startswith(("revenue", "profit", "cost", "sales_value"))]
    return ("a revenue, cost or profit figure", bool(money), (
        "The paper publishes " + (", ".join(money) if money else "no revenue, cost or profit figure")
        + f"; its only sales data are transaction counts (Tabel 2, {len(c.orders)} years), so an increase in "
        "profitability is asserted, not shown."))


CLAIMS: tuple[Claim, ...] = (
    Claim("segment_total_vs_tabel2", "b2g_transactions", "69 transactions with B2G and 31 with other customers "
          "are all the firm's transactions", lambda c: (
              str(_total(c)), _total(c) == c.f("b2g_transactions") + c.f("other_transactions"),
              f"69 + 31 = {c.f('b2g_transactions') + c.f('other_transactions'):g}; Tabel 2 sums {_sum_text(c)} = "
              f"{_total(c)}: read as all transactions the split "
              + (f"misses {_total(c) - 100} orders." if _total(c) > 100 else
                 "matches." if _total(c) == 100 else f"has {100 - _total(c)} more than Tabel 2.")),
          "all transactions (as printed)", "segments_vs_tabel2"),
    Claim("segment_share_of_158", "b2g_transactions", "69 of every 100 transactions were B2G (a share of the "
          "orders of Tabel 2)", _grim_share, "a share of all orders", "segments_vs_tabel2", cannot_fail=_grim_power),
    Claim("segment_subset_of_100", "b2g_transactions", "69 B2G and 31 other transactions form a subset of 100 "
          "orders", lambda c: (f"100 <= {_total(c)}", 100 <= _total(c),
                               f"100 {'<=' if 100 <= _total(c) else '>'} {_total(c)}: a subset of 100 orders is "
                               + ("possible; the paper does not say which orders it is (the synthetic ledger states "
                                  "one: the first 100 by date)." if 100 <= _total(c) else "impossible.")),
          "a subset of 100 orders", "segments_vs_tabel2"),
    Claim("growth_orders_2023", "growth_orders_2023", "2023 had 31 orders", lambda c: (
        str(c.orders[2023]), c.orders[2023] == c.f("growth_orders_2023"),
        f"Tabel 2 gives {c.orders[2023]} orders for 2023; printed {c.f('growth_orders_2023'):g}.")),
    Claim("growth_factor_2023_vs_2022", "growth_factor_2023", "2023 sales were 1.5 times those of the previous "
          "year (2022)", lambda c: _factor(c, 2023, 2022), "previous year = 2022 (as printed)", "growth_2023"),
    Claim("growth_direction_2023", "growth_orders_2023", "Sales rose in 2023 over the previous year", _direction,
          "direction only", "growth_2023"),
    Claim("growth_factor_2023_vs_2021", "growth_factor_2023", "2023 sales were 1.5 times those of 2021",
          lambda c: _factor(c, 2023, 2021), "base year = 2021", "growth_2023"),
    Claim("growth_factor_2022_vs_2021", "growth_factor_2023", "the 1.5-fold rise describes 2022 over 2021",
          lambda c: _factor(c, 2022, 2021), "rise year = 2022", "growth_2023"),
    Claim("complaint_base_2023", "complaint_base_transactions_2023", "there were 32 transactions in 2023",
          _complaint_base, "base = printed 32 (as printed)", "complaint_base_2023"),
    Claim("complaint_rate_2023_tabel2_base", "complaints_2023", "20 complaints were handled among 2023's orders",
          _complaints_on_tabel2, "base = Tabel 2", "complaint_base_2023"),
    Claim("complaint_rate_2023_printed_base", "complaints_2023", "20 complaints from 32 transactions in 2023",
          lambda c: (_r(c.f("complaints_2023") / c.f("complaint_base_transactions_2023"), 3),
                     c.f("complaints_2023") <= c.f("complaint_base_transactions_2023"),
                     f"20 <= 32; rate 20 / 32 = {c.f('complaints_2023') / c.f('complaint_base_transactions_2023'):.3f}."),
          "base = printed 32, rate", "complaint_base_2023", cannot_fail=_same_sentence("20 complaints and 32 "
                                                                                          "transactions")),
    Claim("founding_years_agree", "founding_year_alt", "the firm was founded in early 2017 and has stood since 2018",
          lambda c: (f"{c.f('founding_year'):g}", c.f("founding_year") == c.f("founding_year_alt"),
                     f"{c.printed['founding_year']!r} ({c.where['founding_year']}) gives {c.f('founding_year'):g}; "
                     f"{c.printed['founding_year_alt']!r} gives {c.f('founding_year_alt'):g}: the two "
                     f"{'agree' if c.f('founding_year') == c.f('founding_year_alt') else 'disagree'}."),
          "both statements (as printed)", "founding_year"),
    Claim("founding_2017_vs_tabel2", "founding_year", "the firm was founded in early 2017", lambda c: (
        "orders from 2017", min(c.orders) >= c.f("founding_year") and min(c.reach.values()) >= c.f("founding_year"),
        f"Tabel 2 starts in {min(c.orders)} ({c.orders[min(c.orders)]} orders) and Sidoarjo was reached in "
        f"{c.reach.get('sidoarjo')}: both fit a founding in 2017."), "founding = 2017", "founding_year"),
    Claim("founding_2018_vs_tabel2", "founding_year_alt", "the firm has stood since 2018", lambda c: (
        "no orders before 2018", min(c.orders) >= c.f("founding_year_alt"),
        f"Tabel 2 lists {c.orders[min(c.orders)]} orders in {min(c.orders)}, before 2018: a firm founded in 2018 "
        "could not have them."), "founding = 2018", "founding_year"),
    Claim("commission_range", "commission_min", "intermediaries earn a 10-20% commission", lambda c: (
        "min <= max", c.f("commission_min") <= c.f("commission_max"),
        f"{c.f('commission_min'):.2f} <= {c.f('commission_max'):.2f}: a valid range."),
          cannot_fail=_same_sentence("the minimum and the maximum")),
    Claim("requirements_months", "requirements_months_min", "requirements are discussed for 1-3 months", lambda c: (
        "min <= max", c.f("requirements_months_min") <= c.f("requirements_months_max"),
        f"{c.f('requirements_months_min'):g} <= {c.f('requirements_months_max'):g}: a valid range."),
          cannot_fail=_same_sentence("the minimum and the maximum")),
    Claim("gresik_app_after_reach", "gresik_app_year", "a Gresik agency ordered an attendance app in 2020",
          lambda c: (f">= {c.reach['gresik']}", c.f("gresik_app_year") >= c.reach["gresik"],
                     f"app year {c.f('gresik_app_year'):g} >= year Gresik was reached {c.reach['gresik']}.")),
    Claim("reach_years_ordered", "tabel2", "the firm reached Sidoarjo (2017), Surabaya (2019), Gresik (2020) and "
          "beyond Java (2021)", lambda c: (
              "first reach year = first order year", min(c.reach.values()) == min(c.orders),
              f"first reach year {min(c.reach.values())}, first Tabel 2 year {min(c.orders)}."),
          location=f"{_IV}: Siklus Hidup Pelanggan, paragraph on new customers",
          words="Sidoarjo telah dijangkau pada 2017 dan pada 2019 meramba ke area surabaya dan 2020 ke daerah gersik "
                "kemudian 2021 ... luar jawa"),
    Claim("key_respondents_cover_units", "key_respondents", "nine key respondents were interviewed", lambda c: (
        ">= 8", c.f("key_respondents") >= 8,
        "units the paper names: owner 1 + at least one government buyer + three customers who first bought in 2019 "
        f"+ two who did not buy again + at least one end user = 8 <= {c.f('key_respondents'):g}.")),
    Claim("three_customers_2019", "tabel2", "three customers first bought in 2019", lambda c: (
        f"<= {c.orders[2019]}", 3 <= c.orders[2019], f"3 new customers <= {c.orders[2019]} orders in 2019 (a weak "
        "check: it fails only if 2019 had fewer than three orders)."),
          location=f"{_IV}: Menciptakan Nilai untuk Pelanggan, paragraph on product introduction",
          words="Tiga pelanggan berbeda telah melakukan transaksi pertama kali pada tahun 2019"),
    Claim("internet_use_increase", "internet_use_2022", "internet use rose from 39.90% (2018) to 66.48% (2022)",
          lambda c: (_r(c.f("internet_use_2022") - c.f("internet_use_2018")) + " points",
                     c.f("internet_use_2022") > c.f("internet_use_2018"),
                     f"{c.f('internet_use_2022'):.2f} - {c.f('internet_use_2018'):.2f} = "
                     f"{c.f('internet_use_2022') - c.f('internet_use_2018'):.2f} percentage points, a "
                     f"{c.f('internet_use_2022') / c.f('internet_use_2018'):.2f}-fold rise."),
          cannot_fail=_same_sentence("both percentages and the word 'peningkatan' (increase)")),
    Claim("covid_demand_2020", "tabel2", "Tabel 2 shows demand rose with COVID-19 (read: in 2020, against 2019)",
          _covid_2020, "year 2020, the first pandemic year (as printed)", "covid_demand",
          location=f"{_IV}: Jaringan Bisnis, paragraph on indirect ties (global ecosystem)",
          words="permintaan penggunaan jasa TIK mengalami peningkatan dibandingkan sebelum terjadi covid19. Hal "
                "tersebut dibuktikan pada tabel 2.2"),
    Claim("covid_demand_period", "tabel2", "Tabel 2 shows demand rose with COVID-19 (read: 2020-2023 against "
          "2017-2019)", _covid_mean, "period means", "covid_demand",
          location=f"{_IV}: Jaringan Bisnis, paragraph on indirect ties (global ecosystem)",
          words="permintaan penggunaan jasa TIK mengalami peningkatan dibandingkan sebelum terjadi covid19"),
    Claim("all_2023_returning", "tabel2", "every 2023 transaction came from a returning customer", lambda c: (
        "", None, "Not checkable: no customer-level data are published; the claim is consistent with Tabel 2 "
        "(customers existed before 2023) but cannot be verified."),
          location=f"{_IV}: Siklus Hidup Pelanggan, paragraph on retention",
          words="Semua transaksi pada tahun 2023 adalah pelanggan yang telah melakukan pembelian kembali"),
    Claim("competitors_sidoarjo", "competitors_max", "at most 10 such firms operate in Sidoarjo", lambda c: (
        "", None, "Not checkable from the paper: no source or list of firms is given.")),
    Claim("gresik_staff_age", "gresik_staff_mean_age_min", "the Gresik staff's average age exceeded 45", lambda c: (
        "", None, "Not checkable: no staff data are published.")),
    # -- claims that are not numbers, against the paper's own design (III) and data ------------------------------
    Claim("scope_beyond_one_firm", "", "the study's scope covers several ICT industries, globally, not one region",
          lambda c: ("one firm in Sidoarjo (III)", False,
                     "Section III designs a single embedded case, PT. XYZ in Sidoarjo ('fokus pada satu kasus yaitu "
                     "PT. XYZ'); the limitations describe a scope of several ICT industries worldwide, which the "
                     "design does not have."),
          location="V Kesimpulan, paragraph on limitations", kind="claim",
          words="ruang lingkup unit yang dianalisis terbatas pada beberapa industri TIK, tidak hanya pada satu "
                "wilayah saja namun secara global"),
    Claim("profitability_shown", "", "effective CRM showed an increase in profitability", _profit,
          location="Abstrak (and V Kesimpulan)", kind="claim",
          words="menunjukkan peningkatan kepuasan pelanggan, loyalitas, dan profitabilitas"),
    Claim("internal_validity_ensured", "", "the triangulated data ensure internal validity", lambda c: (
        "other causes examined (III, Kriteria)", False,
        "Section III defines internal validity as showing that CRM, 'bukan oleh faktor-faktor lain' (not other "
        "factors), caused the rise; sections IV and V examine no other factor (pandemic, internet growth, new "
        "regions, maturation), and IV itself credits the pandemic with the rise in demand."),
          location="Abstrak", kind="claim",
          words="Data dikumpulkan melalui triangulasi metode (dokumen, wawancara, observasi) untuk validitas konstruk "
                "dan validitas internal"),
    Claim("informant_review_done", "", "key informants (maker, buyer, user) reviewed the data", lambda c: (
        "a review reported in IV or V", False,
        "Section III plans the review as a construct-validity tactic; sections IV and V report no review (who "
        "read what, when, with what result)."),
          location="III Metode Penelitian: Kriteria untuk menginterpretasikan temuan", kind="claim",
          words="meminta informan kunci (pembuat, pembeli dan pemakai) meninjau ulang hasil data tersebut"),
    Claim("observation_participant", "", "the observation was participant observation", lambda c: (
        "direct observation (Yin)", False,
        "The same sentence says the researcher attended without taking part and only watched ('hanya "
        "mengamati'): in Yin's terms that is direct observation; participant observation means taking a role in "
        "the events. The package types the field notes as direct observation."),
          location="III Metode Penelitian: Logika yang mengaitkan data dengan proposisi", kind="claim",
          words="observasi partisipatif pasif, dimana peneliti datang ke tempat kegiatan namun tidak terlibat dalam "
                "kegiatan tersebut (hanya mengamati)"),
)
