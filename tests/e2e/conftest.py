"""End-to-end tests in Debian's headless Chromium, driven with Playwright's sync API against
pytest-django's live server. See tests/e2e/README.md.

Fixtures:
- `browser`: one Chromium for the whole e2e package (started once: about a second).
- `site`: the live server as people reach it, with `site.person(user)` giving someone their own
  browser context (own cookies), pages checked by `tests.e2e.browser.check_page`.
- `working_today`: the live server's "today" is a working day (see `working_today`).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, sync_playwright

from tests.e2e.browser import AXE, CHROMIUM, CSS, SCREENSHOTS, Site

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _prerequisites() -> None:
    """Fail (never skip) when something the suite needs is missing, saying how to get it."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: install Debian's package with "
            "`sudo apt-get install chromium` (the e2e tests never download a browser)"
        )
    if not CSS.is_file():
        pytest.fail(f"{CSS} is missing: build the front end with `npm run build` (or `make setup`)")
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: install the npm packages with `npm ci` (or `make setup`)")


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    _prerequisites()
    # Playwright's sync API keeps an asyncio event loop running in this (the test) thread for as
    # long as it is started. Django then refuses database calls made from this thread (its
    # "async-unsafe" check sees the running loop), although the test's own calls — factories,
    # reading results — are ordinary synchronous code that never runs inside that loop. So the
    # check is turned off for the e2e package only, while Playwright runs, and restored after
    # (the fixture is package-scoped: the rest of the suite runs with the check on).
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()


@pytest.fixture(scope="package")
def screenshots() -> Path:
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


def _last_working_day(day):  # type: ignore[no-untyped-def]
    from supervise.policy.dates import working_calendar

    calendar = working_calendar()
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


@pytest.fixture
def working_today() -> Iterator[None]:
    """A session can be booked only on a working day and said to have taken place only on or
    before today, so the journeys book "today". When the suite runs on a weekend or bank holiday
    the server's clock (`django.utils.timezone.now`, which every date in the product comes from,
    in the live server's thread too: same process) is moved back to the last working day, same
    time of day. The codes of the authenticator app are computed from the same clock
    (tests.security.helpers.fresh_code), so signing in still works."""
    today = timezone.localdate()
    shift = today - _last_working_day(today)
    if not shift:
        yield
        return
    real_now = timezone.now

    def shifted_now() -> datetime:
        return real_now() - shift

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", shifted_now)
        yield


@pytest.fixture
def site(  # type: ignore[no-untyped-def]
    request, browser, live_server, transactional_db, screenshots, working_today
) -> Iterator[Site]:
    """The live server runs in another thread, so the data must be committed (transactional
    database, emptied after each test)."""
    the_site = Site(
        browser=browser,
        base_url=live_server.url,
        screenshots=screenshots,
        test_name=request.node.name.removeprefix("test_"),
    )
    yield the_site
    the_site.close()
