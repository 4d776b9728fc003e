"""Captions: bilingual, and each says it is a reconstruction."""

from casestudy.present.captions import PAPER_ITEMS, caption, captions_markdown


def test_every_caption_says_reconstructed_in_both_languages():
    assert sorted(PAPER_ITEMS) == [f"gambar_{i}" for i in range(1, 7)] + ["tabel_1", "tabel_2"]
    for item in PAPER_ITEMS:
        assert "econstructed" in caption(item, "en"), item
        assert "irekonstruksi" in caption(item, "id"), item
    assert caption("gambar_5", "id").startswith("Gambar 5. Siklus Hidup Pelanggan.")
    assert captions_markdown().count("- id: ") == 8
