"""Fixtures of the presentation tests: outputs in a temporary root, and a real headless browser."""

from __future__ import annotations

import json
import os
import shutil

import pytest

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1200,900",
)


@pytest.fixture
def output_root(tmp_path, monkeypatch):
    """Point every writer at a temporary output root (never the repository's reports/)."""
    root = tmp_path / "out"
    root.mkdir()
    monkeypatch.setenv("CASESTUDY_OUTPUT_ROOT", str(root))
    return root


def _browser_binaries():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = "/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else shutil.which("chromedriver")
    return chromium, driver


@pytest.fixture
def browser(tmp_path):
    """A headless Chromium driven by selenium; skips (or fails under CASESTUDY_REQUIRE_BROWSER=1) without one."""
    chromium, driver_path = _browser_binaries()
    required = os.environ.get("CASESTUDY_REQUIRE_BROWSER") == "1"
    reason = None
    if not chromium or not driver_path:
        reason = "no Chromium/chromedriver installed (apt-get install chromium chromium-driver)"
    else:
        try:
            from selenium import webdriver
            from selenium.webdriver.chrome.options import Options
            from selenium.webdriver.chrome.service import Service
        except ImportError:  # pragma: no cover - selenium is a test dependency
            reason = "selenium is not installed"
    if reason:
        if required:
            pytest.fail(f"CASESTUDY_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    opts = Options()
    opts.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        opts.add_argument(flag)
    profile = tmp_path / "chromium-profile"
    profile.mkdir()
    opts.add_argument(f"--user-data-dir={profile}")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=opts)
    try:
        yield driver
    finally:
        driver.quit()


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
