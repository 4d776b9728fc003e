"""Qualitative analysis: transcripts, pseudonyms, codebook, coded segments, suggestions, queries.

The qualitative records (transcripts, cases, coders, codebook, codings, memos) live in
:mod:`casestudy.records`, below both this package and the store, and are re-exported
here. Modules that use the case study database (``queries``, ``suggest``'s ``autocode``,
``commands``) are imported by their full path.

Examples
--------
>>> from casestudy.coding import Coding, Transcript
>>> t = Transcript.from_turns("int_inf01", [("INF01", "Halo.")], language="id")
>>> Coding.from_quote(t.text, "int_inf01", "Halo", "x", "coder_a").end
11
"""

from casestudy.coding.codebook_yaml import codebook_from_text, load_codebook, to_yaml
from casestudy.coding.pseudonyms import PseudonymKey, load_key
from casestudy.coding.transcript_readers import read_transcript
from casestudy.deprecation import deprecated_names
from casestudy.records import (Assignment, CodingCase, Code, Codebook, CodebookRevision, Coder, Coding, Memo, Transcript,
                               Turn, locate_quote)

__all__ = ["CodingCase", "Code", "Codebook", "CodebookRevision", "codebook_from_text", "load_codebook", "to_yaml",
           "Assignment", "Coder", "Memo", "PseudonymKey", "load_key", "Coding", "locate_quote", "read_transcript",
           "Transcript", "Turn"]

#: ``Case`` is ``CodingCase`` (``DeprecationWarning`` for one release).
__getattr__ = deprecated_names(__name__)
