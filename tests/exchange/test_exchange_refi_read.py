"""Reading .qdc codebooks from other tools into the model and into codebook YAML."""

from __future__ import annotations

from casestudy.coding.codebook_yaml import codebook_from_text, to_yaml
from casestudy.exchange.refi_import import codebook_from_model
from casestudy.exchange.refi_read import read_qdc_bytes

QDC = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Another tool 2.0">
  <Codes>
    <Code guid="{11111111-AAAA-4111-8111-111111111111}" name="Kepuasan" isCodable="false" color="#F0A">
      <Description>Semua tentang kepuasan.</Description>
      <Code guid="22222222-AAAA-4222-8222-222222222222" name="Harga murah" isCodable="true"/>
      <Code guid="33333333-AAAA-4333-8333-333333333333" name="Harga murah" isCodable="true"/>
    </Code>
  </Codes>
  <Sets>
    <Set guid="44444444-AAAA-4444-8444-444444444444" name="Price">
      <MemberCode guid="22222222-AAAA-4222-8222-222222222222"/>
    </Set>
  </Sets>
</CodeBook>""".encode()


def test_foreign_codebook_to_yaml():
    book, report = read_qdc_bytes(QDC, "other.qdc")
    assert book.origin == "Another tool 2.0"
    assert report.discarded == (("MemberCode", 1), ("Set", 1), ("Sets", 1))
    codebook = codebook_from_model(book, "other", "Other tool codebook")
    assert [(c.id, c.parent, c.codable, c.colour, c.definition_en) for c in codebook.codes] == [
        ("kepuasan", None, False, "#ff00aa", "Semua tentang kepuasan."),
        ("harga_murah", "kepuasan", True, None, ""),
        ("harga_murah_2", "kepuasan", True, None, "")]
    assert codebook_from_text(to_yaml(codebook), "other.yaml") == codebook
