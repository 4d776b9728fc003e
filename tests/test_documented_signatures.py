"""The signatures docs/architecture.md gives are the code's (``inspect.signature``).

Every backticked call in the document (```name(parameters)```) that names a public function,
class or method is resolved and compared with the code: the parameters it lists, in order,
their kind (``*`` before keyword-only ones, ``*values``) and every default it spells out.
A document may stop before trailing parameters that have defaults, and write ``...`` for a
default it does not spell out; a call with literal arguments (``FixedClock("2024-...")``) is
an example, not a signature.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path
from typing import Any

import pytest

from casestudy.design.design import CaseStudyDesign
from casestudy.store import CaseDatabase

ARCHITECTURE = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"
#: Where a bare name in the document is looked up, in order (the store API is written as the
#: database's methods; the provenance, validity and agreement functions by their names).
NAMESPACES: tuple[Any, ...] = (CaseDatabase, CaseStudyDesign, "casestudy.provenance", "casestudy.design.validity",
                               "casestudy.reliability.result", "casestudy.coding.informants", "casestudy.store.resolvers",
                               "casestudy")
#: Calls in the document that are not signatures of ours.
NOT_OURS = {"dir", "register"}
_CALL = re.compile(r"`([A-Za-z_][\w.]*)\(([^`]*?)\)(?: -> [^`]*)?`", re.DOTALL)
_PARAM = re.compile(r"^(\*{0,2})([A-Za-z_]\w*)(?:=(.+))?$|^\*$|^\.\.\.$", re.DOTALL)


def documented_calls(markdown: str) -> list[tuple[str, str]]:
    """``(name, parameters)`` of every backticked call, parameters on one line."""
    return [(m[1], " ".join(m[2].split())) for m in _CALL.finditer(markdown)]


def split_parameters(text: str) -> list[str]:
    """Split ``a, b=(1, 2), *, c="x,y"`` at the top-level commas."""
    out, depth, quote, cur = [], 0, "", ""
    for ch in text:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
            continue
        cur += ch
    return [p for p in [*out, cur.strip()] if p]


def resolve(name: str) -> Any:
    """The object ``name`` denotes (a dotted path, or a bare name in :data:`NAMESPACES`), or None."""
    if name.startswith("casestudy."):
        parts = name.split(".")
        for i in range(len(parts), 0, -1):
            try:
                obj: Any = importlib.import_module(".".join(parts[:i]))
            except ImportError:
                continue
            for attr in parts[i:]:
                obj = getattr(obj, attr)
            return obj
    head, _, rest = name.partition(".")
    for space in NAMESPACES:
        space = importlib.import_module(space) if isinstance(space, str) else space
        if (space.__name__ == head or getattr(space, "__name__", "").endswith("." + head)) and rest:
            return getattr(space, rest)
        if not rest and hasattr(space, head):
            return getattr(space, head)
    if rest:
        module = importlib.import_module(f"casestudy.{head}")
        return getattr(module, rest)
    return None


def mismatches(name: str, documented: str, obj: Any) -> list[str]:
    """How the documented parameters differ from ``inspect.signature(obj)`` (empty when they agree)."""
    params = [p for p in inspect.signature(obj).parameters.values() if p.name not in ("self", "cls")]
    written = split_parameters(documented)
    if written == ["..."]:
        return []
    problems, keyword_only, k = [], False, 0
    for w in written:
        if w == "*":
            keyword_only = True
            continue
        m = _PARAM.match(w)
        if m is None or not m.group(2):
            return [f"{name}: cannot read parameter {w!r}"]
        star, pname, default = m.group(1), m.group(2), m.group(3)
        if k >= len(params):
            problems.append(f"{name}: documents {pname!r}, which the code does not have")
            break
        p = params[k]
        k += 1
        kind = (inspect.Parameter.VAR_POSITIONAL if star == "*" else inspect.Parameter.VAR_KEYWORD if star
                else inspect.Parameter.KEYWORD_ONLY if keyword_only else inspect.Parameter.POSITIONAL_OR_KEYWORD)
        if p.name != pname:
            problems.append(f"{name}: parameter {k} is {p.name!r} in the code, {pname!r} in the document")
        elif p.kind != kind:
            problems.append(f"{name}: {pname!r} is {p.kind.description} in the code, {kind.description} in the document")
        elif default is not None and default != "...":
            if p.default is inspect.Parameter.empty:
                problems.append(f"{name}: {pname!r} has no default in the code, {default} in the document")
            elif _value(default) != p.default and default != getattr(p.default, "__name__", None):
                problems.append(f"{name}: {pname!r} defaults to {p.default!r} in the code, {default} in the document")
        elif default is None and p.default is not inspect.Parameter.empty and p.kind == kind and star == "":
            problems.append(f"{name}: {pname!r} defaults to {p.default!r} in the code; the document gives none")
    left = [p.name for p in params[k:] if p.default is inspect.Parameter.empty
            and p.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)]
    if left:
        problems.append(f"{name}: the document leaves out required parameter(s) {', '.join(left)}")
    return problems


def _value(text: str) -> Any:
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text  # a name (``ValidationError``): compared with the default's ``__name__``


def _is_example(documented: str) -> bool:
    """A call with literal arguments (an example of use, not a signature)."""
    return any(_PARAM.match(p) is None for p in split_parameters(documented))


CALLS = [(n, d) for n, d in documented_calls(ARCHITECTURE.read_text(encoding="utf-8"))
         if n not in NOT_OURS and not _is_example(d)]


def test_the_document_gives_signatures() -> None:
    names = {n for n, _ in CALLS}
    assert {"casestudy.store.CaseDatabase", "add_transcripts", "codings", "assess_agreement",
            "casestudy.pt_xyz.build_case_database"} <= names


@pytest.mark.parametrize(("name", "documented"), CALLS, ids=[f"{n}({d})"[:60] for n, d in CALLS])
def test_a_documented_signature_is_the_code_s(name: str, documented: str) -> None:
    obj = resolve(name)
    assert obj is not None, f"{name}: docs/architecture.md names it, the code has nothing of that name"
    assert mismatches(name, documented, obj) == []


def test_a_wrong_signature_is_reported() -> None:
    def f(a, b=1, *, c=None):
        return a, b, c

    assert mismatches("f", "a, b=1, *, c=None", f) == []
    assert mismatches("f", "a, b=2", f) == ["f: 'b' defaults to 1 in the code, 2 in the document"]
    assert mismatches("f", "a, *, b=1", f) == [
        "f: 'b' is positional or keyword in the code, keyword-only in the document"]
    assert mismatches("f", "x", f) == ["f: parameter 1 is 'a' in the code, 'x' in the document"]
    assert mismatches("f", "b=1", f) == ["f: parameter 1 is 'a' in the code, 'b' in the document"]
    assert mismatches("f", "a, b", f) == ["f: 'b' defaults to 1 in the code; the document gives none"]
