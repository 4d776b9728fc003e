"""Qualitative analysis: transcripts, pseudonyms, codebook, coded segments, suggestions, queries.

The domain objects are importable from here. Modules that use the case study
database (``project``, ``queries``, ``suggest``'s ``autocode``) are imported by
their full path, so that :mod:`casestudy.store` can import these objects
without a cycle.

Examples
--------
>>> from casestudy.coding import Coding, Transcript
>>> t = Transcript.from_turns("int_inf01", [("INF01", "Halo.")])
>>> Coding.from_quote(t.text, "int_inf01", "Halo", "x", "coder_a").end
11
"""

from casestudy.coding.cases import Case
from casestudy.coding.codebook import Code, Codebook, CodebookRevision
from casestudy.coding.codebook_yaml import codebook_from_text, load_codebook, to_yaml
from casestudy.coding.coders import Assignment, Coder
from casestudy.coding.memos import Memo
from casestudy.coding.pseudonyms import PseudonymKey, load_key
from casestudy.coding.segments import Coding, locate_quote
from casestudy.coding.transcript_readers import read_transcript
from casestudy.coding.transcripts import Transcript, Turn

__all__ = ["Case", "Code", "Codebook", "CodebookRevision", "codebook_from_text", "load_codebook", "to_yaml",
           "Assignment", "Coder", "Memo", "PseudonymKey", "load_key", "Coding", "locate_quote", "read_transcript",
           "Transcript", "Turn"]
