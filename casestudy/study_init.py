"""A researcher's own study folder, anywhere: the skeleton ``casestudy init`` writes.

:func:`init_study` writes an empty but valid, runnable study: a design file
(``design.yaml``, Yin 2018, the framework chosen or none), a codebook without
codes, ``consent.csv`` with its header only, ``transcripts/``, a ``.gitignore``
that keeps pseudonym keys and the database out of version control, and a README
of the next commands. Nothing in it refers to this repository: every path in the
design and codebook files is relative to the file's own folder. The templates
ship as package data (``casestudy/templates/study``).

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "library"
>>> [p.name for p in init_study(folder, title="Library service", language="en", framework="servqual_1988")]
['design.yaml', 'codebook.yaml', 'consent.csv', '.gitignore', 'README.md', '.gitkeep']
>>> from casestudy.design.designfile import load_design
>>> d = load_design(folder / "design.yaml")
>>> d.title, d.yin_edition, d.framework.id
('Library service', '2018', 'servqual_1988')
>>> init_study(folder, title="Again")
Traceback (most recent call last):
...
casestudy.errors.ValidationError: casestudy init: 'DIR' must be a new or empty folder (got 'library')
"""

from __future__ import annotations

import os
import re
import shutil
from importlib import resources
from pathlib import Path

import jinja2

from casestudy.errors import ValidationError, expectation
from casestudy.framework.framework_yaml import (
    NO_FRAMEWORK, SHIPPED_FRAMEWORKS, is_framework_file, load_framework,
)

__all__ = ["init_study", "study_id", "CONSENT_HEADER", "DESIGN_NAME", "CODEBOOK_NAME"]

#: The header of ``consent.csv`` (one consent model for the whole package).
CONSENT_HEADER = "informant,consent_recorded,consent_date,scope"
DESIGN_NAME = "design.yaml"
CODEBOOK_NAME = "codebook.yaml"
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_WHERE = "casestudy init"


def study_id(name: str) -> str:
    """A lower-case id from a folder name or title.

    Examples
    --------
    >>> study_id("My Library Study (2024)")
    'my_library_study_2024'
    >>> study_id("2024")
    'study_2024'
    """
    s = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    return s if s[:1].isalpha() else f"study_{s}" if s else "study"


def _template(name: str) -> jinja2.Template:
    text = resources.files("casestudy").joinpath("templates", "study", name).read_text(encoding="utf-8")
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, autoescape=False)
    return env.from_string(text)


def init_study(folder: str | os.PathLike[str], *, title: str, language: str | None = None,
               framework: str = NO_FRAMEWORK) -> list[Path]:
    """Write an empty but valid study into ``folder`` (new or empty); return the files written.

    Parameters
    ----------
    folder : path-like
        The study folder; created if missing, refused if it holds anything.
    title : str
        The study's title.
    language : str, optional
        The language of the transcripts and codebook (``en``, ``id``...); when not given
        it is left undeclared and must be given on import (never assumed).
    framework : str
        ``buttle_2004``, ``servqual_1988``, ``none`` or a framework YAML file (copied into
        the folder as ``framework.yaml``).
    """
    target = Path(folder)
    if not isinstance(title, str) or not title.strip():
        raise ValidationError(expectation("--title", "a non-empty title", title, _WHERE))
    if language is not None and not _LANGUAGE.match(language):
        raise ValidationError(expectation("--language", "a language code such as en or id", language, _WHERE))
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ValidationError(expectation("DIR", "a new or empty folder", target.name, _WHERE))
    spec, note, copy_from = framework, "", None
    if is_framework_file(framework):
        src = Path(framework)
        load_framework(str(src.resolve()))          # refuse a bad file before writing anything
        spec, copy_from, note = "framework.yaml", src, f"copied from {src.name}"
    elif framework not in (*SHIPPED_FRAMEWORKS, NO_FRAMEWORK):
        raise ValidationError(expectation("--framework", "one of " + ", ".join([*SHIPPED_FRAMEWORKS, NO_FRAMEWORK])
                                             + " or a framework .yaml file", framework, _WHERE))
    sid = study_id(target.name or title)
    values = {"id": sid, "title": title.strip(), "framework": spec, "framework_note": note,
              "design_name": DESIGN_NAME, "languages": [language] if language in ("en", "id") else [],
              "language": language or "", "yin": "2018"}
    contents = {
        DESIGN_NAME: _template("design.yaml.j2").render(values),
        CODEBOOK_NAME: _template("codebook.yaml.j2").render(values),
        "consent.csv": CONSENT_HEADER + "\n",
        ".gitignore": _template("gitignore.j2").render(values),
        "README.md": _template("README.md.j2").render(values),
    }
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in contents.items():
        (target / name).write_text(text, encoding="utf-8", newline="\n")
        written.append(target / name)
    if copy_from is not None:
        shutil.copyfile(copy_from, target / "framework.yaml")
        written.append(target / "framework.yaml")
    (target / "transcripts").mkdir()
    (target / "transcripts" / ".gitkeep").write_text("", encoding="utf-8")
    written.append(target / "transcripts" / ".gitkeep")
    return written
