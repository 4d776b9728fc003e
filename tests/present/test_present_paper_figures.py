"""Paper figures and tables are written as PNG/SVG/PDF and CSV/MD/TeX, deterministically, and recorded."""

from __future__ import annotations

from PIL import Image

from casestudy.design.designfile import load_design
from casestudy import manifest
from casestudy.present.paper_figures import paper_figures, write_paper_outputs
from casestudy.present.style import save_figure


def test_gambar_2_only_with_a_design():
    assert "gambar_2" not in paper_figures(design=None)
    assert "gambar_2" in paper_figures(design=load_design("data/design/pt_xyz.yaml", verify=False))


def test_outputs_are_complete_deterministic_and_recorded(output_root):
    design = load_design("data/design/pt_xyz.yaml", verify=False)
    written = write_paper_outputs(written_by="test", design=design, languages=("en",), formats=("png",))
    names = sorted(p.relative_to(output_root).as_posix() for p in written)
    for i in range(1, 7):
        assert f"reports/figures/paper/gambar_{i}.png" in names
    for t in ("tabel_1", "tabel_2"):
        for ext in ("csv", "md", "tex"):
            assert f"reports/tables/paper/{t}.{ext}" in names
    png = output_root / "reports/figures/paper/gambar_1.png"
    dpi = Image.open(png).info["dpi"]
    assert round(dpi[0]) == 300
    assert "Transaksi Penjualan" in (output_root / "reports/tables/paper/tabel_2.md").read_text()
    assert "2023,31" in (output_root / "reports/tables/paper/tabel_2.csv").read_text()
    assert "contract_value" in (output_root / "reports/tables/paper/tabel_1.csv").read_text()
    # same bytes when drawn and saved again (PNG, SVG and PDF carry no date or version stamp)
    saved = [save_figure(paper_figures(design=design)["gambar_2"], "gambar_2", written_by="test", provenance="published",
                         subdir=d) for d in ("again1", "again2")]
    assert [p.suffix for p in saved[0]] == [".png", ".svg", ".pdf"]
    assert [p.read_bytes() for p in saved[0]] == [p.read_bytes() for p in saved[1]]
    assert saved[0][0].read_bytes() == (output_root / "reports/figures/paper/gambar_2.png").read_bytes()
    assert set(names) <= set(manifest.load())
    assert manifest.verify(output_root).empty


def test_clean_layout_at_print_resolution():
    design = load_design("data/design/pt_xyz.yaml", verify=False)
    from casestudy.present.layout import layout_problems

    for language in ("en", "id"):
        for name, fig in paper_figures(design=design, language=language).items():
            fig.set_dpi(300)  # the PNG's resolution: glyph hinting differs from the screen's
            assert layout_problems(fig).empty, (name, language)
