"""The self-contained HTML case study report: sections, blocks, rendering and writing.

A report is a list of :class:`Section` objects, each holding blocks (paragraphs,
tables, figures, definition lists, linked lists) built by
:mod:`casestudy.present.report_sections`; :func:`render_report` renders them with
the Jinja2 templates under ``casestudy/present/templates`` into ONE HTML file:
figures inline as base64 PNG, CSS inline, no script and no network resource,
printable. A section built from illustrative or synthetic data shows a visible
label; a section whose input is not available says so instead of showing
anything made up. The output has no timestamp: the same inputs give the same
bytes.

Examples
--------
>>> s = Section("orders", "Orders", blocks=[paragraphs("Ten orders in 2017.")], provenance=("published",))
>>> html = render_report([s], title="Demo")
>>> 'id="orders"' in html and "Ten orders in 2017." in html and "http" not in html
True
>>> "not yet available" in render_report([missing("crm", "CRM analytics", "no ledger given")], title="x")
True
"""

from __future__ import annotations

import base64
import io
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd
from matplotlib.figure import Figure

from casestudy import paths
from casestudy.errors import ReportError, expectation
from casestudy import manifest
from casestudy.provenance import LABELS as PROVENANCE_LABELS
from casestudy.provenance import PROVENANCES

__all__ = [
    "Section",
    "Cell",
    "link",
    "anchor",
    "slug",
    "paragraphs",
    "table",
    "df_table",
    "figure",
    "figure_data_uri",
    "deflist",
    "missing",
    "render_report",
    "write_report",
]

Cell = str | Mapping[str, Any]
_TEMPLATES = Path(__file__).with_name("templates")
_SLUG = re.compile(r"[^a-z0-9_-]+")


def slug(*parts: str) -> str:
    """A stable element id from parts, e.g. ``slug('ev', 'ev_int03_1')`` -> ``'ev-ev_int03_1'``.

    Examples
    --------
    >>> slug("finding", "F1 Portfolio")
    'finding-f1-portfolio'
    """
    return "-".join(_SLUG.sub("-", p.lower()).strip("-") for p in parts if p)


def link(text: object, href: str) -> dict[str, str]:
    """A cell that links to ``href`` (``#id`` for an internal anchor)."""
    return {"text": str(text), "href": href}


def anchor(text: object, id_: str) -> dict[str, str]:
    """A cell that is also the target ``id_`` of internal links."""
    return {"text": str(text), "id": id_}


@dataclass
class Section:
    """One section of the report.

    Parameters
    ----------
    id : str
        Element id (the table of contents links to it).
    title : str
        Heading.
    blocks : list of dict
        Content, built with :func:`paragraphs`, :func:`table`, :func:`figure`, :func:`deflist`.
    provenance : tuple of str
        Provenances of the data used; each illustrative or synthetic one adds a visible label.
    available : bool
        False when the section's inputs are missing (see :func:`missing`).
    reason : str
        Why the section is not available.
    """

    id: str
    title: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    provenance: tuple[str, ...] = ()
    available: bool = True
    reason: str = ""

    def __post_init__(self) -> None:
        bad = [p for p in self.provenance if p not in PROVENANCES]
        if bad:
            raise ReportError(expectation("provenance", "a tuple of " + ", ".join(PROVENANCES), bad, self.id))

    @property
    def label_kinds(self) -> list[str]:
        """The provenances that need a visible label (illustrative, synthetic), in a fixed order."""
        return [p for p in PROVENANCES if p in self.provenance and p in PROVENANCE_LABELS]

    @property
    def labels(self) -> list[str]:
        """Visible provenance labels, one per illustrative or synthetic provenance, in a fixed order."""
        return [PROVENANCE_LABELS[p] for p in PROVENANCES if p in self.provenance and p in PROVENANCE_LABELS]


def paragraphs(*texts: str) -> dict[str, Any]:
    """A block of paragraphs."""
    return {"kind": "paragraphs", "items": [t for t in texts if t]}


def table(columns: Sequence[str], rows: Iterable[Sequence[Cell]], *, caption: str = "",
          row_ids: Sequence[str] | None = None, id_: str = "") -> dict[str, Any]:
    """A table block; cells are strings or :func:`link` / :func:`anchor` mappings."""
    body = [list(r) for r in rows]
    return {"kind": "table", "columns": list(columns), "rows": body, "caption": caption,
            "row_ids": list(row_ids) if row_ids is not None else [""] * len(body), "id": id_}


_BREAKS = str.maketrans({"_": "_\u200b", "+": "+\u200b"})


def _fmt(v: object) -> str:
    if v is None or (isinstance(v, float) and v != v) or v is pd.NA:
        return ""
    if isinstance(v, float):
        return f"{v:.3f}".rstrip("0").rstrip(".") if abs(v) < 1e4 else f"{v:,.0f}"
    return str(v).translate(_BREAKS)  # let long ids wrap at '_' and '+' in narrow columns


def df_table(df: pd.DataFrame, *, caption: str = "", columns: Sequence[str] | None = None) -> dict[str, Any]:
    """A table block from a DataFrame (floats to 3 decimals, missing values blank, ids breakable after '_').

    Examples
    --------
    >>> df_table(pd.DataFrame({"a": [1.23456, None]}))["rows"]
    [['1.235'], ['']]
    """
    cols = list(columns) if columns is not None else list(df.columns)
    rows = [[_fmt(v) for v in r] for r in df[cols].itertuples(index=False, name=None)]
    return table([str(c).replace("_", " ") for c in cols], rows, caption=caption)


def figure_data_uri(fig: Figure, dpi: int = 150) -> str:
    """Encode ``fig`` as a ``data:image/png;base64,...`` URI (no metadata, same bytes every run)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None}, bbox_inches="tight", pad_inches=0.05)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def figure(fig: Figure, caption: str, *, alt: str = "", id_: str = "", dpi: int = 150) -> dict[str, Any]:
    """A figure block, embedded as a base64 PNG, shown 1.5 times its printed size (at most the page width)."""
    width = round(float(fig.get_size_inches()[0]) * 96 * 1.5)
    return {"kind": "figure", "src": figure_data_uri(fig, dpi), "caption": caption, "alt": alt or caption, "id": id_,
            "width": width}


def deflist(items: Iterable[tuple[str, Cell | Sequence[Cell]]], id_: str = "") -> dict[str, Any]:
    """A definition list: (term, cell or list of cells) pairs."""
    out = []
    for term, value in items:
        cells = [value] if isinstance(value, (str, Mapping)) else list(value)
        out.append((term, cells))
    return {"kind": "deflist", "items": out, "id": id_}


def missing(id_: str, title: str, reason: str) -> Section:
    """A section whose inputs are not available: it says so and shows nothing else."""
    return Section(id_, title, available=False, reason=reason)


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    return env


def render_report(sections: Sequence[Section], *, title: str, subtitle: str = "",
                  notes: Sequence[str] = (), alert: str = "") -> str:
    """Render the sections into one self-contained HTML document.

    Parameters
    ----------
    sections : sequence of Section
    title, subtitle : str
    notes : sequence of str
        Paragraphs under the title (e.g. what is published and what is not).
    alert : str
        A warning that must come first: the first line of the body, before the title (e.g. that the
        report includes sources without recorded consent).

    Returns
    -------
    str
        The HTML text. Duplicate element ids are an error.
    """
    ids = [s.id for s in sections]
    if len(ids) != len(set(ids)):
        raise ReportError(expectation("sections[].id", "unique", ids))
    html = _env().get_template("report.html.j2").render(title=title, subtitle=subtitle, notes=list(notes), alert=alert,
                                                          sections=list(sections))
    dupes = sorted({i for i in re.findall(r'\sid="([^"]+)"', html) if html.count(f' id="{i}"') > 1})
    if dupes:
        raise ReportError(expectation("element ids", "unique in the report", dupes[:5]))
    return html


def write_report(html: str, path: str | os.PathLike[str], *, written_by: str,
                 inputs: Iterable[str | os.PathLike[str]] = ()) -> Path:
    """Write the report; record it in the manifest when it lies under ``reports/``; return its path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8", newline="\n")
    if out.resolve().is_relative_to(paths.reports_dir().resolve()):
        manifest.record([out], written_by, inputs)
    return out
