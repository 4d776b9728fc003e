"""Bilingual captions of the paper's figures and tables, each saying it is a reconstruction.

The paper's images are not in its text, and Tabel 1's columns are garbled in
it, so every figure and table the package rebuilds says so in its caption, in
Indonesian and in English. Titles follow the paper (section IV, section III).

Examples
--------
>>> caption("gambar_3", "en")
"Figure 3. Network relationships (the business network: direct and indirect ties). Reconstructed by the casestudy package from the paper's description; the original image is not in the paper's text."
>>> caption("tabel_2", "id").startswith("Tabel 2. Transaksi Penjualan")
True
>>> sorted(PAPER_ITEMS)[:2]
['gambar_1', 'gambar_2']
"""

from __future__ import annotations

from dataclasses import dataclass

from casestudy.errors import ReportError, expectation

__all__ = ["PaperItem", "PAPER_ITEMS", "caption", "captions_markdown"]


@dataclass(frozen=True)
class PaperItem:
    """A figure or table of the paper: its number, its printed title and an English title."""

    id: str
    kind: str  # 'figure' or 'table'
    number: int
    title_id: str
    title_en: str
    where: str
    note_id: str
    note_en: str


_FIG_NOTE_ID = ("Direkonstruksi oleh paket casestudy dari uraian dalam makalah; gambar aslinya tidak ada dalam teks "
                "makalah.")
_FIG_NOTE_EN = ("Reconstructed by the casestudy package from the paper's description; the original image is not in the "
                "paper's text.")

PAPER_ITEMS: dict[str, PaperItem] = {
    p.id: p
    for p in (
        PaperItem("gambar_1", "figure", 1, "Framework CRM Buttle", "Buttle's CRM framework (five primary stages)",
                  "II", _FIG_NOTE_ID, _FIG_NOTE_EN),
        PaperItem("gambar_2", "figure", 2, "Tahapan Studi Kasus",
                  "Case study stages (Yin's components, framework details, theory base)", "III", _FIG_NOTE_ID,
                  _FIG_NOTE_EN),
        PaperItem("gambar_3", "figure", 3, "Hubungan Jaringan",
                  "Network relationships (the business network: direct and indirect ties)", "IV", _FIG_NOTE_ID,
                  _FIG_NOTE_EN),
        PaperItem("gambar_4", "figure", 4, "Komponen Nilai Pelanggan",
                  "Components of customer value (13 aspects in four factors)", "IV", _FIG_NOTE_ID, _FIG_NOTE_EN),
        PaperItem("gambar_5", "figure", 5, "Siklus Hidup Pelanggan",
                  "The customer lifecycle (new customers, care, develop)", "IV", _FIG_NOTE_ID, _FIG_NOTE_EN),
        PaperItem("gambar_6", "figure", 6, "CRM Pada Jasa TIK",
                  "CRM at the ICT service company (five stages and their sub-elements)", "IV", _FIG_NOTE_ID,
                  _FIG_NOTE_EN),
        PaperItem("tabel_1", "table", 1, "Basis Data Pelanggan", "The customer database variables", "IV",
                  "Direkonstruksi dari teks makalah (kolom tabel aslinya rusak dalam teks) dan dipetakan ke skema "
                  "buku besar pesanan paket casestudy.",
                  "Reconstructed from the paper's text (the printed table's columns are garbled) and mapped onto "
                  "the casestudy package's order-ledger schema."),
        PaperItem("tabel_2", "table", 2, "Transaksi Penjualan", "Sales transactions (orders per year, 2017-2023)",
                  "IV", "Angka seperti yang dicetak dalam makalah; tata letak direkonstruksi oleh paket casestudy.",
                  "Numbers as printed in the paper; layout reconstructed by the casestudy package."),
    )
}


def caption(item_id: str, language: str = "en") -> str:
    """Return the caption of a paper figure or table in ``language`` ('en' or 'id').

    Parameters
    ----------
    item_id : str
        ``gambar_1`` .. ``gambar_6``, ``tabel_1``, ``tabel_2``.
    language : {'en', 'id'}
    """
    if item_id not in PAPER_ITEMS:
        raise ReportError(expectation("item_id", "one of " + ", ".join(PAPER_ITEMS), item_id))
    p = PAPER_ITEMS[item_id]
    if language == "id":
        word = "Gambar" if p.kind == "figure" else "Tabel"
        return f"{word} {p.number}. {p.title_id}. {p.note_id}"
    if language == "en":
        word = "Figure" if p.kind == "figure" else "Table"
        return f"{word} {p.number}. {p.title_en}. {p.note_en}"
    raise ReportError(expectation("language", "one of en, id", language))


def captions_markdown() -> str:
    """All captions as a Markdown list, Indonesian then English for each item.

    Examples
    --------
    >>> captions_markdown().splitlines()[0]
    '# Captions of the reconstructed paper figures and tables'
    """
    lines = ["# Captions of the reconstructed paper figures and tables", ""]
    for item_id in PAPER_ITEMS:
        lines += [f"## {item_id}", "", f"- id: {caption(item_id, 'id')}", f"- en: {caption(item_id, 'en')}", ""]
    return "\n".join(lines)
