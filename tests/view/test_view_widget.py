"""The widget layer: thin over the session, with a static picture and no model id where no frontend runs."""

from __future__ import annotations

import importlib.resources
import json
import subprocess
import sys

import nbformat
import pytest

from casestudy import paths
from casestudy.errors import CodingError, StoreError
from casestudy.view import CodingSession, CodingView, open_view
from casestudy.view._demo import demo_database
from casestudy.view.selection import utf16_offsets
from casestudy.view.widget import WIDGET_MIMETYPE

RUNNER = paths.project_root() / "tools" / "run_notebooks.py"


def test_the_javascript_and_css_ship_inside_the_package_and_load_nothing_from_the_network():
    files = importlib.resources.files("casestudy.view")
    js = (files / "coding_view.js").read_text(encoding="utf-8")
    css = (files / "coding_view.css").read_text(encoding="utf-8")
    assert str(CodingView._esm) == js and str(CodingView._css) == css  # what the browser gets is the package file
    assert "export default" in js
    for text in (js, css):
        assert "http://" not in text and "https://" not in text
    assert not [line for line in js.splitlines() if line.startswith("import ")]  # no module fetched at run time


def test_a_message_from_the_browser_becomes_one_event_and_a_new_state(tmp_path):
    db = demo_database(tmp_path / "demo.sqlite")
    view = CodingView(CodingSession(db, "coder_a"))
    text = db.source_text("int_demo")
    start = text.index("ramai")
    units = utf16_offsets(text)
    view._on_message(view, {"action": "code", "start16": units[start], "end16": units[start + 5], "code": "busy"},
                     [])
    assert view.state["message"].startswith("coded 'ramai' as busy")
    assert [c["text"] for c in view.state["codings"].values()] == ["ramai"]
    view._on_message(view, {"action": "undo"}, [])
    assert view.state["codings"] == {} and db.events()["action"].tolist()[-1] == "undo"
    view._on_message(view, "not a mapping", [])
    assert view.state["message"].startswith("coding view: 'action' must be one of open, show, code")
    db.close()


def test_the_view_needs_a_database_file_and_an_existing_one(tmp_path):
    with pytest.raises(StoreError) as err:
        CodingView(CodingSession(demo_database(), "coder_a"))
    assert str(err.value) == ("open_view: 'db' must be a database file (the view reads it from the kernel's threads)"
                              " (got ':memory:')")
    with pytest.raises(StoreError) as err:
        open_view(tmp_path / "missing.sqlite", "coder_a")
    assert str(err.value) == (f"open_view: 'db' must be an existing case study database file (got"
                              f" {str(tmp_path / 'missing.sqlite')!r})")
    assert not (tmp_path / "missing.sqlite").exists()


def test_the_bundle_has_a_static_picture_beside_the_live_view(tmp_path):
    path = tmp_path / "demo.sqlite"
    demo_database(path).close()
    view = open_view(path, "coder_a")
    bundle = view._repr_mimebundle_()
    assert bundle["text/plain"].startswith("Coding view of int_demo for coder_a (codebook demo v1)")
    assert "<div class='csv-static'>" in bundle["text/html"] and "ramai every Saturday" in bundle["text/html"]
    assert bundle[WIDGET_MIMETYPE]["model_id"] == view.model_id
    view.session.db.close()


def test_the_notebook_runner_saves_the_static_picture_without_widget_state(tmp_path):
    db_path = tmp_path / "demo.sqlite"
    demo_database(db_path).close()
    nb_path = tmp_path / "view.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        f"from casestudy.view import open_view\nopen_view({str(db_path)!r}, 'coder_a')")])
    nbformat.write(nb, nb_path)
    for _ in range(2):
        subprocess.run([sys.executable, str(RUNNER), str(nb_path)], check=True, capture_output=True, timeout=300)
        saved = json.loads(nb_path.read_text(encoding="utf-8"))
        outputs = saved["cells"][0]["outputs"]
        assert [sorted(o["data"]) for o in outputs] == [["text/html", "text/plain"]]
        assert "model_id" not in nb_path.read_text(encoding="utf-8")
        assert "widgets" not in saved["metadata"]
    first = nb_path.read_bytes()
    subprocess.run([sys.executable, str(RUNNER), str(nb_path)], check=True, capture_output=True, timeout=300)
    assert nb_path.read_bytes() == first


def test_the_static_picture_withholds_a_source_whose_release_is_not_recorded_and_escapes_text(tmp_path):
    from casestudy.records.transcripts import Transcript
    from casestudy.view.render import render_html, render_text

    db = demo_database(tmp_path / "demo.sqlite", suggestions=False)
    hidden = Transcript.from_turns("int_hidden", [("Ana", "<script>alert(1)</script> secret words")],
                                   speakers=(("Ana", "informant"),), release="unknown", language="id")
    db.add_transcripts([hidden])
    state = CodingSession(db, "coder_a", source="int_hidden").state()
    assert state["withheld"] is True
    assert "secret" not in render_html(state) and "secret" not in render_text(state)
    assert render_text(state).endswith("text withheld: this source's consent (release) is not recorded")
    db._con.execute("UPDATE sources SET release = 'recorded' WHERE id = 'int_hidden'")
    html = render_html(CodingSession(db, "coder_a", source="int_hidden").state())
    assert "&lt;script&gt;alert(1)&lt;/script&gt; secret words" in html and "<script>" not in html
    db.close()


def test_an_unknown_coder_is_refused_in_open_view_words_unless_added(tmp_path):
    path = tmp_path / "demo.sqlite"
    demo_database(path).close()
    with pytest.raises(CodingError) as err:
        open_view(path, "coder_c")
    assert str(err.value) == ("open_view: 'coder' must be a coder of the database (autocoder, coder_a, coder_b), or"
                              " add_coder=True to add a new one (got 'coder_c')")
    view = open_view(path, "coder_c", add_coder=True)
    assert view.state["coder"] == "coder_c"
    assert view.session.db.events()["action"].tolist()[-1] == "add_coders"
    view.session.db.close()
