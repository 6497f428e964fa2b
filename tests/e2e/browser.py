"""People at a browser, and the checks every page they reach must pass.

`check_page` runs, on the page as it is now:
- axe-core (WCAG 2.0/2.1 A and AA, 2.2 AA): no violations;
- exactly one `h1`; a `<title>`; the title starts with "Error: " when an error summary is shown;
- at 400 CSS pixels wide nothing overflows sideways (no horizontal scrolling of the page);
- no Content-Security-Policy violation was reported by the browser on this page;
and saves a full-page screenshot (wide, and 400px) into screenshots/e2e/.

axe is injected with `page.evaluate(source)`: that runs through the DevTools protocol, which the
page's Content-Security-Policy (`script-src 'self'`) does not govern, so the pages are tested
with their real policy. (`page.add_script_tag` adds an inline <script>, which the policy blocks;
it would need a context with `bypass_csp=True`, hiding any CSP problem of the pages themselves.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Locator, Page

from tests.factories import PASSWORD
from tests.security.helpers import enrol, fresh_code

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CSS = PROJECT / "static_build" / "css" / "supervise.css"
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = PROJECT / "screenshots" / "e2e"

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 400, "height": 900}

# Findings of axe that are artefacts of how it reads a component, each checked by hand, kept as
# narrow as possible (one rule, one component): (rule, CSS selector of the elements).
KNOWN_FALSE_POSITIVES: list[tuple[str, str]] = []  # none: every page passes as it is

AXE_RUN = """async ([tags, known]) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  const expected = (id, node) => known.some(([rule, selector]) => rule === id
    && node.target.length === 1 && document.querySelector(node.target[0])?.matches(selector));
  return result.violations
    .map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.filter(n => !expected(v.id, n)).map(n => n.target.join(" ")),
    }))
    .filter(v => v.nodes.length);
}"""

PAGE_FACTS = """() => ({
  h1: document.querySelectorAll("h1").length,
  title: document.title,
  errorSummary: document.querySelector(".govuk-error-summary") !== null,
})"""

OVERFLOW = """() => {
  // What sticks out on the right and is not clipped by a box that scrolls or clips (a wide
  // table in its scrolling region is fine). An absolutely positioned element escapes the
  // overflow of every ancestor up to its containing block.
  const positioned = s => ["absolute", "fixed"].includes(s.position);
  const clipped = e => {
    let escaping = positioned(getComputedStyle(e));
    for (let a = e.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (!escaping && style.overflowX !== "visible") return true;
      if (escaping && style.position !== "static") {
        if (style.overflowX !== "visible") return true;
        escaping = positioned(style);
      }
    }
    return false;
  };
  const wide = [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(e));
  const set = new Set(wide);
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    widest: wide.filter(e => !set.has(e.parentElement) || positioned(getComputedStyle(e)))
      .slice(0, 5)
      .map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
                + (typeof e.className === "string" && e.className.trim()
                   ? "." + e.className.trim().split(/\\s+/).join(".") : "")
                + " «" + (e.textContent || "").trim().slice(0, 40) + "»"),
  };
}"""


def _file_name(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"axe found {len(violations)} violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {target}" for target in violation["nodes"][:10])
    return "\n".join(lines)


def check_page(
    page: Page, name: str, shot: Path, csp_errors: list[str], *, javascript: bool = True
) -> None:
    """Every check on the current page; one assertion listing every problem found. Without
    JavaScript axe cannot run (its checks wait on timers, which never fire then): the layout
    and structure are still checked; the same pages are run through axe with JavaScript on."""
    problems: list[str] = []
    page.wait_for_load_state("load")
    page.screenshot(path=str(shot.with_suffix(".png")), full_page=True)
    facts = page.evaluate(PAGE_FACTS)
    if facts["h1"] != 1:
        problems.append(f"expected exactly one h1, found {facts['h1']}")
    if not facts["title"].strip():
        problems.append("the page has no <title>")
    if facts["errorSummary"] and not facts["title"].startswith("Error: "):
        problems.append(f"an error summary is shown but the title is {facts['title']!r}")
    if javascript:
        if page.evaluate("typeof window.axe") == "undefined":
            page.evaluate(AXE.read_text(encoding="utf-8"))
        violations = page.evaluate(AXE_RUN, [AXE_TAGS, KNOWN_FALSE_POSITIVES])
        if violations:
            problems.append(format_violations(page.url, violations))
    page.set_viewport_size(NARROW)
    try:
        overflow = page.evaluate(OVERFLOW)
        if overflow["scrollWidth"] > overflow["innerWidth"]:
            problems.append(
                f"at {NARROW['width']}px the page is {overflow['scrollWidth']}px wide "
                f"(scrolls sideways); too wide: {overflow['widest']}"
            )
        page.screenshot(path=str(shot.with_name(shot.name + "-400.png")), full_page=True)
    finally:
        page.set_viewport_size(WIDE)
    if csp_errors:
        problems.append("Content-Security-Policy violations: " + "; ".join(csp_errors))
        csp_errors.clear()
    assert not problems, f"{name} ({page.url}):\n" + "\n".join(problems)


@dataclass
class Site:
    """The live server, and the people at their browsers in one test."""

    browser: Browser
    base_url: str
    screenshots: Path
    test_name: str = "test"
    contexts: list[BrowserContext] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def person(
        self, user: Any, *, javascript: bool = True, who: str = "", enrolled: bool = True
    ) -> Person:
        """Someone at their own browser (own cookies), with an authenticator app set up unless
        `enrolled` is False."""
        if enrolled:
            enrol(user)
        context = self.browser.new_context(
            base_url=self.base_url, viewport=WIDE, java_script_enabled=javascript
        )
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        return Person(self, user, context, who or user.get_username(), javascript=javascript)

    def shot_path(self, who: str, name: str) -> Path:
        number = len(self.checked) + 1
        parts = (_file_name(self.test_name), f"{number:02d}", _file_name(who), _file_name(name))
        return self.screenshots / "-".join(parts)

    def close(self) -> None:
        for context in self.contexts:
            context.close()


class Person:
    def __init__(
        self, site: Site, user: Any, context: BrowserContext, who: str, *, javascript: bool
    ) -> None:
        self.site = site
        self.javascript = javascript
        self.user = user
        self.who = who
        self.page = context.new_page()
        self.csp_errors: list[str] = []
        self.page.on("console", self._console)

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.csp_errors.append(message.text)

    # --- getting about ---------------------------------------------------------------------------

    def open(self, path: str) -> int:
        """Go to a page by its address; the HTTP status."""
        response = self.page.goto(path)
        assert response is not None, path
        return response.status

    def link(self, name: str, *, exact: bool = False) -> None:
        self.page.get_by_role("link", name=name, exact=exact).first.click()

    def press(self, name: str, *, exact: bool = False) -> None:
        self.page.get_by_role("button", name=name, exact=exact).click()

    def field(self, label: str, *, exact: bool = True) -> Locator:
        return self.page.get_by_label(label, exact=exact)

    def textbox(self, label: str) -> Locator:
        """The text field with this label (a checkbox may share it: "keep confidential")."""
        return self.page.get_by_role("textbox", name=label, exact=True)

    def fill(self, label: str, text: str) -> None:
        self.textbox(label).fill(text)

    def fill_date(self, legend: str, day: date) -> None:
        group = self.page.get_by_role("group", name=legend)
        group.get_by_label("Day", exact=True).fill(str(day.day))
        group.get_by_label("Month", exact=True).fill(str(day.month))
        group.get_by_label("Year", exact=True).fill(str(day.year))

    def choose(self, label: str) -> None:
        self.page.get_by_label(label, exact=True).check()

    def text(self) -> str:
        return self.page.locator("main").inner_text()

    def heading(self) -> str:
        return self.page.locator("h1").inner_text().strip()

    # --- checking --------------------------------------------------------------------------------

    def check(self, name: str) -> None:
        """The accessibility and layout checks on the page this person is looking at."""
        shot = self.site.shot_path(self.who, name)
        self.site.checked.append(f"{self.who}: {name}")
        check_page(self.page, name, shot, self.csp_errors, javascript=self.javascript)

    # --- signing in through the real pages -------------------------------------------------------

    def sign_in(self, *, check: bool = False) -> None:
        """Username and password, then the 6-digit code from the (test) authenticator app."""
        self.open("/sign-in/")
        if check:
            self.check("sign in")
        self.fill("Username", self.user.get_username())
        self.fill("Password", PASSWORD)
        self.press("Sign in", exact=True)
        assert self.heading() == "Enter the code from your authenticator app", self.text()
        if check:
            self.check("sign-in code")
        self.fill("Code from your authenticator app", fresh_code(self.user))
        self.press("Continue", exact=True)
        assert "/sign-in/" not in self.page.url, self.text()
