"""The case study's qualitative records: value objects the store persists and the analysis reads.

Frozen, validated objects with no behaviour beyond their own invariants:
transcripts and turns, cases (informants), coders and assignments, the
codebook and its codes, codings and memos. They live below both
:mod:`casestudy.store` and :mod:`casestudy.coding` so that the store never
imports the analysis. :mod:`casestudy.coding` re-exports them under the same
names. A case here is a :class:`CodingCase` (``Case`` is its deprecated name: the design and
a REFI-QDA file have cases of their own).

Examples
--------
>>> from casestudy.records import Coding, Transcript
>>> t = Transcript.from_turns("int_inf01", [("INF01", "Halo.")], language="id")
>>> Coding.from_quote(t.text, "int_inf01", "Halo", "x", "coder_a").end
11
"""

from casestudy.deprecation import deprecated_names
from casestudy.records.cases import CodingCase
from casestudy.records.codebook import Code, Codebook, CodebookRevision
from casestudy.records.coders import Assignment, Coder
from casestudy.records.memos import Memo
from casestudy.records.segments import Coding, locate_quote
from casestudy.records.transcripts import Transcript, Turn

__all__ = ["CodingCase", "Code", "Codebook", "CodebookRevision", "Assignment", "Coder", "Memo", "Coding", "locate_quote",
           "Transcript", "Turn"]

#: ``Case`` is ``CodingCase`` (``DeprecationWarning`` for one release).
__getattr__ = deprecated_names(__name__)
