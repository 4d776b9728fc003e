"""Fixtures of the presentation tests: outputs in a temporary root and page checks (``browser`` is in tests/conftest.py)."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def output_root(tmp_path, monkeypatch):
    """Point every writer at a temporary output root (never the repository's reports/)."""
    root = tmp_path / "out"
    root.mkdir()
    monkeypatch.setenv("CASESTUDY_OUTPUT_ROOT", str(root))
    return root


LINKS_JS = """
const bad = [];
for (const a of document.querySelectorAll('a[href^="#"]')) {
  const id = decodeURIComponent(a.getAttribute('href').slice(1));
  if (!document.getElementById(id)) bad.push(a.getAttribute('href'));
}
return [document.querySelectorAll('a[href^="#"]').length, bad];
"""
RESOURCES_JS = """
const urls = [];
for (const el of document.querySelectorAll('[src],[href]')) {
  for (const attr of ['src', 'href']) { const v = el.getAttribute(attr); if (v) urls.push(v); }
}
return urls.filter(u => /^(https?:)?\\/\\//i.test(u));
"""


def _check_page(driver, url, screenshot):
    """Load ``url``; return (number of internal links, broken links, console errors, external requests, external refs)."""
    driver.get(url)
    n_links, broken = driver.execute_script(LINKS_JS)
    external_refs = driver.execute_script(RESOURCES_JS)
    driver.save_screenshot(str(screenshot))
    errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    requests = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            u = msg["params"]["request"]["url"]
            if u.lower().startswith(("http:", "https:", "ws:", "wss:", "ftp:")):
                requests.append(u)
    return n_links, broken, errors, requests, external_refs


@pytest.fixture
def check_page():
    """``check_page(driver, url, screenshot)`` -> (internal links, broken links, console errors, requests, external refs)."""
    return _check_page
