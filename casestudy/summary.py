"""One summary table: the fields of an object, rendered to text, HTML (escaped) and LaTeX with one number format.

Objects that print a summary (the database, a codebook, a design, a transcript) build a
:class:`Summary` and let it render, so that every notebook shows the same shape and the same
numbers: integers as they are, other numbers with :data:`DIGITS` decimals.

Examples
--------
>>> s = Summary("Codebook buttle_crm v1", [("codes", 61), ("alpha", 0.80712), ("title", "<CRM & co>")])
>>> print(s.to_text())
Codebook buttle_crm v1
  codes  61
  alpha  0.807
  title  <CRM & co>
>>> "&lt;CRM &amp; co&gt;" in s.to_html()
True
>>> print(s.to_latex().splitlines()[3])
codes & 61 \\\\
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable
from dataclasses import dataclass
from numbers import Integral, Real
from typing import Any

__all__ = ["DIGITS", "Summary", "SummaryTable", "format_value"]

#: Decimals of every non-integer number in a summary.
DIGITS = 3
_TEX = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{",
        "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def format_value(value: object) -> str:
    """A value as a summary prints it (one number format for the whole package).

    >>> format_value(3), format_value(0.5), format_value(float("nan")), format_value(None), format_value(0.00049)
    ('3', '0.500', 'n/a', '', '4.9e-04')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Real) and not isinstance(value, Integral):
        v = float(value)
        if math.isnan(v):
            return "n/a"
        return f"{v:.1e}" if 0 < abs(v) < 10 ** -DIGITS else f"{v:.{DIGITS}f}"
    if isinstance(value, Integral):
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class Summary:
    """A title and ``(field, value)`` rows."""

    title: str
    rows: tuple[tuple[str, object], ...]

    def __init__(self, title: str, rows: Iterable[tuple[str, object]]) -> None:
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "rows", tuple(rows))

    def _cells(self) -> list[tuple[str, str]]:
        return [(str(k), format_value(v)) for k, v in self.rows]

    def to_text(self) -> str:
        """Plain text: the title, then one indented ``field  value`` line per row."""
        cells = self._cells()
        width = max((len(k) for k, _ in cells), default=0)
        return "\n".join([self.title, *(f"  {k.ljust(width)}  {v}" for k, v in cells)])

    def to_html(self) -> str:
        """An HTML table; every title, field and value is escaped."""
        body = "".join(f"<tr><th style='text-align:left'>{html.escape(k)}</th><td style='text-align:left'>"
                       f"{html.escape(v)}</td></tr>" for k, v in self._cells())
        return f"<table><caption>{html.escape(self.title)}</caption>{body}</table>"

    def to_latex(self) -> str:
        """A booktabs ``tabular`` with the title as a comment line; special characters escaped."""
        def tex(s: str) -> str:
            return "".join(_TEX.get(c, c) for c in s)
        lines = [f"% {tex(self.title)}", r"\begin{tabular}{ll}", r"\toprule"]
        lines += [f"{tex(k)} & {tex(v)} \\\\" for k, v in self._cells()]
        return "\n".join([*lines, r"\bottomrule", r"\end{tabular}"])

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        return self.to_html()


class SummaryTable:
    """A result object's table (a DataFrame) with a title and a note, in the same three renderings.

    Examples
    --------
    >>> import pandas as pd
    >>> t = SummaryTable("Fit <A>", pd.DataFrame({"term": ["x"], "p_value": [0.0004]}), note="n = 7")
    >>> print(t.to_text())
    Fit <A> (n = 7)
    term  p_value
       x  4.0e-04
    >>> "Fit &lt;A&gt;" in t.to_html()
    True
    """

    def __init__(self, title: str, frame: Any, note: str = "") -> None:
        self.title, self.frame, self.note = title, frame, note

    def _head(self) -> str:
        return f"{self.title} ({self.note})" if self.note else self.title

    def _cells(self) -> list[list[str]]:
        return [[format_value(v.item() if hasattr(v, "item") else v) for v in row]
                for row in self.frame.itertuples(index=False, name=None)]

    def to_text(self) -> str:
        """Plain text: the title, then the columns right-aligned."""
        cols = [str(c) for c in self.frame.columns]
        rows = self._cells()
        widths = [max([len(c), *(len(r[i]) for r in rows)]) for i, c in enumerate(cols)]
        lines = ["  ".join(c.rjust(w) for c, w in zip(cols, widths))]
        lines += ["  ".join(v.rjust(w) for v, w in zip(r, widths)) for r in rows]
        return "\n".join([self._head(), *lines])

    def to_html(self) -> str:
        """An HTML table; title, note, headers and cells escaped."""
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in self.frame.columns)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in r) + "</tr>" for r in self._cells())
        note = f" {html.escape(self.note)}" if self.note else ""
        return (f"<p><b>{html.escape(self.title)}</b>{note}</p>"
                f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")

    def to_latex(self) -> str:
        """A booktabs ``tabular``; the title as a comment line; special characters escaped."""
        def tex(v: str) -> str:
            return "".join(_TEX.get(c, c) for c in v)
        cols = [tex(str(c)) for c in self.frame.columns]
        lines = [f"% {tex(self._head())}", r"\begin{tabular}{" + "l" * len(cols) + "}", r"\toprule",
                 " & ".join(cols) + r" \\", r"\midrule"]
        lines += [" & ".join(tex(v) for v in r) + r" \\" for r in self._cells()]
        return "\n".join([*lines, r"\bottomrule", r"\end{tabular}"])

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        return self.to_html()
