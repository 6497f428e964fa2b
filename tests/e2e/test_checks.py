"""The page checks can fail: a page broken on purpose fails every one of them, in one message."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests import factories as f

BREAK_THE_PAGE = """() => {
  const main = document.querySelector("main");
  main.insertAdjacentHTML("beforeend",
    '<h1>A second main heading</h1>'
    + '<div class="govuk-error-summary">There is a problem</div>'
    + '<input type="text" id="unlabelled">'
    + '<div id="too-wide">Wider than a phone</div>');
  document.getElementById("too-wide").style.width = "900px";  // CSSOM: allowed by the CSP
}"""


def test_a_page_broken_on_purpose_fails_every_check(site) -> None:  # type: ignore[no-untyped-def]
    visitor = site.person(f.UserFactory(), who="visitor")
    assert visitor.open("/accessibility/") == 200
    visitor.page.evaluate(BREAK_THE_PAGE)
    with pytest.raises(PlaywrightError):  # an inline script: refused by the page's CSP
        visitor.page.add_script_tag(content="window.inlineScriptRan = true")

    with pytest.raises(AssertionError) as failure:
        visitor.check("broken on purpose")
    message = str(failure.value)
    assert "expected exactly one h1, found 2" in message
    assert "an error summary is shown but the title is 'Accessibility statement" in message
    assert "- label (critical): Form elements must have labels" in message
    assert "#unlabelled" in message
    assert "at 400px the page is" in message
    assert "div#too-wide «Wider than a phone»" in message
    assert "Content-Security-Policy violations" in message
