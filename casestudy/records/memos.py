"""Memos: the analyst's notes on codes, codings, sources, cases or the project.

Examples
--------
>>> Memo("code", "intimacy_on_site_assistance", "coder_a", "Only the Gresik case.").target_kind
'code'
>>> Memo("sentence", "x", "coder_a", "note")
Traceback (most recent call last):
...
casestudy.errors.ValidationError: memo on 'x': 'target_kind' must be one of code, coding, source, project, case (got 'sentence')
"""

from __future__ import annotations

from dataclasses import dataclass

from casestudy.errors import ValidationError
from casestudy.validators import check_one_of, check_text

__all__ = ["MEMO_TARGETS", "Memo"]

MEMO_TARGETS = ("code", "coding", "source", "project", "case")


@dataclass(frozen=True)
class Memo:
    """A memo.

    Parameters
    ----------
    target_kind : {'code', 'coding', 'source', 'project', 'case'}
    target_id : str
        Id of the target (a coding's id as text; ``project`` for the project).
    author : str
        Coder id of the author.
    text : str
        The memo.
    id : int, optional
        Database id when read back.
    """

    target_kind: str
    target_id: str
    author: str
    text: str
    id: int | None = None

    def __post_init__(self) -> None:
        where = f"memo on {self.target_id!r}"
        check_one_of("target_kind", self.target_kind, MEMO_TARGETS, ValidationError, where)
        for name in ("target_id", "author", "text"):
            check_text(name, getattr(self, name), ValidationError, where)
