"""Browser fixtures: Debian's Chromium driven by Playwright against pytest-django's live
server, with the release slice loaded again (live-server tests flush the tables)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def async_unsafe_allowed() -> Iterator[None]:
    """Playwright's sync API keeps an event loop running in this thread while the browser is
    open; Django then refuses ORM calls here unless told they are safe, which they are: the
    loop only waits on the browser, and the test's own queries are plain synchronous calls."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="module")
def browser(django_db_setup: None, async_unsafe_allowed: None) -> Iterator[Any]:
    executable = os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(45_000)  # generous: CI machines are shared and slow
    yield context.new_page()
    context.close()


@pytest.fixture
def release(metrics_slice_dir: Path) -> None:
    """Live-server tests run in transactions that flush the tables: load the slice again."""
    from metrics.services.catalog import framework_load
    from metrics.services.imports import metrics_import

    framework_load()
    metrics_import(sources=[metrics_slice_dir])
