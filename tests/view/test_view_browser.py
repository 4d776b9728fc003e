"""The coding view in a real JupyterLab, driven through a real Chromium.

JupyterLab runs as a child process on a free localhost port with a token (as root
with ``--allow-root``), with its configuration, runtime and workspace folders in a
temporary directory and a kernel of this interpreter. A temporary notebook opens the
view on a temporary database holding the demo interview (an emoji and a combining
accent come before the phrase coded). The test selects the phrase in the browser,
clicks a code, clicks the coded span to attach a memo, and clicks a suggestion's
"accept", then reads the database: the coding has
the phrase's code-point offsets, the view's coder, its event and the memo written
after clicking the coded span; the accepted
suggestion became that coder's coding, origin and rule kept.

Skips only where no browser exists (``browser`` fixture); ``.ci/run`` sets
CASESTUDY_REQUIRE_BROWSER=1, which turns that skip into a failure.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import nbformat
import pytest

from casestudy.store import CaseDatabase, FixedClock
from casestudy.view._demo import demo_database

PHRASE = "ramai every Saturday"
SELECT_JS = """
const phrase = arguments[0];
const run = [...document.querySelectorAll('.cs-view .cs-run')].find(r => r.textContent.includes(phrase));
if (!run) return null;
const node = run.firstChild, at = node.data.indexOf(phrase);
const range = document.createRange();
range.setStart(node, at);
range.setEnd(node, at + phrase.length);
const sel = document.getSelection();
sel.removeAllRanges();
sel.addRange(range);
return [Number(run.dataset.u16) + at, Number(run.dataset.u16) + at + phrase.length];
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_config(root):
    """Kernel of this interpreter, no news prompt, isolated settings; return the environment."""
    kernels = root / "jupyter-path" / "kernels" / "python3"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (ipykernel)", "language": "python"}), encoding="utf-8")
    labconfig = root / "config" / "labconfig"
    labconfig.mkdir(parents=True)
    (labconfig / "page_config.json").write_text(json.dumps({"disabledExtensions": {
        "@jupyterlab/apputils-extension:announcements": True}}), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env.update(JUPYTER_PATH=str(root / "jupyter-path"), JUPYTER_CONFIG_DIR=str(root / "config"),
               JUPYTER_RUNTIME_DIR=str(root / "runtime"), JUPYTER_DATA_DIR=str(root / "data"),
               JUPYTER_PLATFORM_DIRS="1", PYTHONHASHSEED="0")
    return env


@pytest.fixture
def lab(tmp_path):
    """JupyterLab on a free localhost port; yields (base URL, token, folder); stopped afterwards."""
    folder = tmp_path / "work"
    folder.mkdir()
    env = _write_config(tmp_path)
    port, token = _free_port(), secrets.token_hex(16)
    log = (tmp_path / "lab.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
         "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={folder}",
         f"--LabApp.user_settings_dir={tmp_path / 'settings'}", f"--LabApp.workspaces_dir={tmp_path / 'ws'}",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail("JupyterLab did not start:\n" + (tmp_path / "lab.log").read_text()[-3000:])
            time.sleep(0.5)
        yield base, token, folder
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the server and the kernels it started (our own process group)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


def _wait(driver, script, timeout=60.0, *args):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script, *args)
        if value:
            return value
        time.sleep(0.25)
    errors = [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    page = driver.execute_script("return document.body.innerText")[-2000:]
    raise AssertionError(f"timed out waiting for: {script}\nbrowser errors: {errors}\npage:\n{page}")


def test_select_a_phrase_click_a_code_and_accept_a_suggestion_in_jupyterlab(browser, lab):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    base, token, folder = lab
    demo_database(folder / "study.sqlite").close()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from casestudy.view import open_view\nview = open_view('study.sqlite', 'coder_a')\nview")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, folder / "coding.ipynb")

    browser.set_window_size(1400, 1000)
    browser.get(f"{base}/doc/tree/coding.ipynb?token={token}")
    _wait(browser, "const e = document.querySelector('.jp-Notebook .jp-Cell .cm-content');"
                   " return e && e.getClientRects().length > 0 && document.body.innerText.includes('| Idle')", 90)
    browser.find_element(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell .cm-content").click()
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()
    _wait(browser, "return document.querySelectorAll('.cs-view .cs-run').length > 3", 90)

    # select the phrase (after the emoji and the combining accent) and click the code "Busy"
    start16, end16 = browser.execute_script(SELECT_JS, PHRASE)
    _wait(browser, "return document.querySelector('.cs-selection q')", 10)
    browser.find_element(By.CSS_SELECTOR, ".cs-code[data-code='busy']").click()
    _wait(browser, "const m = document.querySelector('.cs-message'); return m && m.textContent.startsWith('coded')", 30)

    # click the coded span: its coding is shown, and a memo is attached to it
    browser.execute_script("document.getSelection().removeAllRanges()")
    browser.find_element(By.CSS_SELECTOR, ".cs-run.cs-coded").click()
    memo = _wait(browser, "return document.querySelector('.cs-detail textarea')", 10)
    memo.send_keys("Ramai: crowded, in the informant's words.")
    browser.find_element(By.CSS_SELECTOR, ".cs-detail .cs-save-memo").click()
    _wait(browser, "const m = document.querySelector('.cs-message');"
                   " return m && m.textContent.startsWith('memo saved')", 30)

    # accept the first suggestion of the queue, one by one
    item = browser.find_element(By.CSS_SELECTOR, ".cs-suggestion")
    suggestion = int(item.get_attribute("data-id"))
    item.find_element(By.CSS_SELECTOR, ".cs-accept").click()
    _wait(browser, "const m = document.querySelector('.cs-message'); return m && m.textContent.startsWith('accepted')",
          30)
    assert not browser.find_elements(By.CSS_SELECTOR, f".cs-suggestion[data-id='{suggestion}']")
    severe = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE" and "casestudy" in e["message"]]
    assert severe == []

    with CaseDatabase(folder / "study.sqlite", clock=FixedClock(), backup=False) as db:
        text = db.source_text("int_demo")
        start = text.index(PHRASE)
        assert (start16, end16) == (start + 1, start + 1 + len(PHRASE))  # the browser counted the emoji twice
        mine = db.codings(coder="coder_a")
        manual = mine[mine["origin"] == "manual"]
        assert manual[["start", "end", "code_id", "status", "text", "memo"]].values.tolist() == [
            [start, start + len(PHRASE), "busy", "accepted", PHRASE, "Ramai: crowded, in the informant's words."]]
        events = db.events().set_index("event_id")
        event = events.loc[int(manual["event_id"].iloc[0])]
        assert (event["actor"], event["action"]) == ("coder_a", "add_codings")
        accepted = mine[mine["suggestion_id"] == suggestion]
        original = db.codings(coder="autocoder").set_index("coding_id").loc[suggestion]
        assert accepted[["status", "origin", "code_id", "start", "end", "rule"]].values.tolist() == [
            ["accepted", "auto", original["code_id"], original["start"], original["end"], original["rule"]]]
        decision = events.loc[int(accepted["event_id"].iloc[0])]
        assert (decision["actor"], decision["action"]) == ("coder_a", "accept_suggestions")
        assert original["status"] == "suggested"  # the program's suggestion stays as it was made
