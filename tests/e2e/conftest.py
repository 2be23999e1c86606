"""Headless Chromium (Debian's `chromium`, driven by Playwright) against a running node: a
browser per test, a page that fails the test on any script error, and the screenshots the
run writes to `build/screenshots/`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, async_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
"""Installed by scripts/services.sh (`apt-get install chromium`); Playwright's own browser
download is never used."""
SCREENSHOTS = ROOT / "build" / "screenshots"


def chromium() -> str:
    """The browser's path; fails the test with what to do when it is not installed."""
    assert CHROMIUM.exists(), "run scripts/services.sh: it installs Debian's chromium"
    return str(CHROMIUM)


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    """Headless Chromium, closed after the test."""
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=chromium(), headless=True)
        yield launched
        await launched.close()


REFUSED_TOKEN = "Failed to load resource: the server responded with a status of 401"
"""What the browser itself logs when the API refuses a wrong token (the sign-in test sends one
on purpose); the page shows the API's own words for it."""


def _record(errors: list[str], kind: str, text: str) -> None:
    if kind == "error" and not text.startswith(REFUSED_TOKEN):
        errors.append(text)


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    """A laptop-sized page; the test fails if a script on it throws or logs an error."""
    context = await browser.new_context(viewport={"width": 1366, "height": 900})
    opened = await context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    opened.on("console", lambda message: _record(errors, message.type, message.text))
    yield opened
    await context.close()
    assert errors == []


async def screenshot(page: Page, name: str) -> Path:
    """Write the whole page to `build/screenshots/<name>.png`."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    await page.screenshot(path=str(path), full_page=True)
    return path
