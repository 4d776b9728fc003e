"""Fixtures shared by every test folder: a real headless browser (report and coding view tests)."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1200,900",
)


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
