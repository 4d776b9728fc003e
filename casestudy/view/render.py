"""The coding view without a browser: its state as plain text and as static HTML.

A notebook run without a widget frontend (nbval, ``make reproduce``, a notebook
viewer) shows these instead of the interactive view, so the committed notebook
holds a deterministic picture of the coding and no widget state. Text is escaped;
a source whose release is not recorded shows no text at all (privacy fails closed:
these renderings end up in notebook outputs).

Examples
--------
>>> from casestudy.view._demo import demo_database
>>> from casestudy.view.session import CodingSession
>>> s = CodingSession(demo_database(), "coder_a")
>>> print(render_text(s.state()))
Coding view of int_demo for coder_a (codebook demo v1)
  showing the codings of: coder_a
  turns: 4 (2 codable); codings shown: 0; suggestions waiting: 3 (busy 1, price 1, slow 1)
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import Any

__all__ = ["render_text", "render_html"]

_CSS = (".csv-static{font:13px/1.5 system-ui,sans-serif;max-width:60em}"
        ".csv-static .turn{margin:.3em 0}.csv-static .sp{font-weight:600}"
        ".csv-static .off{color:#777}.csv-static mark{padding:0 1px;border-radius:2px}"
        ".csv-static table{border-collapse:collapse}.csv-static td,.csv-static th{padding:1px 6px;"
        "text-align:left;vertical-align:top;border-bottom:1px solid #ddd}")


def _counts(items: list[dict[str, Any]]) -> str:
    c = Counter(q["code"] for q in items)
    return ", ".join(f"{k} {n}" for k, n in sorted(c.items()))


def render_text(state: dict[str, Any]) -> str:
    """A few lines saying what the view shows (for ``text/plain``)."""
    cb = state["codebook"]
    book = f" (codebook {cb['id']} v{cb['version']})" if cb else " (no codebook stored)"
    lines = [f"Coding view of {state['source']} for {state['coder']}{book}",
             f"  showing the codings of: {', '.join(state['shown']) or 'nobody'}"]
    if state["withheld"]:
        lines.append("  text withheld: this source's consent (release) is not recorded")
        return "\n".join(lines)
    turns = [b for b in state["blocks"] if b["turn"] is not None]
    queue = state["queue"]
    waiting = f"{len(queue)} ({_counts(queue)})" if queue else "0"
    lines.append(f"  turns: {len(turns)} ({sum(b['codable'] for b in turns)} codable); codings shown:"
                 f" {len(state['codings'])}; suggestions waiting: {waiting}")
    if state.get("message"):
        lines.append(f"  last action: {state['message']}")
    return "\n".join(lines)


def _mark(run: dict[str, Any], state: dict[str, Any], colours: dict[str, str]) -> str:
    text = escape(run["text"])
    if not run["codings"]:
        return text
    codes = sorted({state["codings"][str(i)]["code"] for i in run["codings"]})
    colour = colours.get(codes[0], "#999999")
    return f'<mark style="background:{colour}55" title="{escape(", ".join(codes))}">{text}</mark>'


def render_html(state: dict[str, Any]) -> str:
    """The transcript with coded spans marked, the codes used and the suggestion queue, as static HTML."""
    colours = {c["id"]: c["colour"] for c in state["codes"]}
    out = [f"<div class='csv-static'><style>{_CSS}</style>",
           f"<p><b>{escape(render_text(state).splitlines()[0])}</b><br>"
           f"Static picture of the coding view (open the notebook in JupyterLab to code interactively).</p>"]
    if state["withheld"]:
        out.append("<p>Text withheld: this source's consent (release) is not recorded.</p></div>")
        return "".join(out)
    for b in state["blocks"]:
        body = "".join(_mark(r, state, colours) for r in b["runs"])
        cls = "turn" if b["codable"] else "turn off"
        speaker = f"<span class='sp'>{escape(b['speaker'])}:</span> " if b["speaker"] else ""
        out.append(f"<div class='{cls}'>{speaker}{body}</div>")
    used = [c for c in state["codes"] if c["n"]]
    if used:
        out.append("<table><tr><th>code</th><th>label</th><th>codings shown</th></tr>")
        out += [f"<tr><td><mark style='background:{c['colour']}55'>{escape(c['id'])}</mark></td>"
                f"<td>{escape(c['label'])}</td><td>{c['n']}</td></tr>" for c in used]
        out.append("</table>")
    here = [q for q in state["queue"] if q.get("source", state["source"]) == state["source"]]
    if here:  # only this source's quotes: another source may be withheld
        out.append("<p><b>Suggestions waiting for review</b></p><table><tr><th>id</th><th>code</th>"
                   "<th>text</th><th>rule</th></tr>")
        out += [f"<tr><td>{q['id']}</td><td>{escape(q['code'])}</td><td>{escape(q['text'])}</td>"
                f"<td>{escape(q['rule'])}</td></tr>" for q in here]
        out.append("</table>")
    if len(here) < len(state["queue"]):
        out.append(f"<p>{len(state['queue']) - len(here)} more suggestion(s) wait in other sources.</p>")
    out.append("</div>")
    return "".join(out)
