"""The HTML statement in a real browser: it renders, logs no errors, and passes axe at WCAG 2.1 AA."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import GREEN_PAPER, ORG, Invoke
from tests.test_statement import EXAMPLE_SECTIONS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (.ci/run installs Debian's chromium)"),
    pytest.mark.slow,  # a browser for each page
]

# Flags for a closed network: no background connections, no updates, no sync.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


class Page:
    """A page opened at a width, collecting console errors, to check and then close."""

    def __init__(self, browser, path: Path, width: int) -> None:  # type: ignore[no-untyped-def]
        self.width = width
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(path.as_uri())

    def check_and_close(self) -> None:
        """No sideways scroll, no axe violation at WCAG 2.1 A/AA, no console error."""
        from axe_playwright_python.sync_playwright import Axe

        scroll_width = self.page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= self.width, "the page must not scroll sideways"
        options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
        violations = Axe().run(self.page, options=options).response["violations"]
        assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
        assert self.errors == []
        self.page.close()


@pytest.mark.parametrize("width", [1024, 375], ids=["desktop", "phone"])
def test_html_statement_in_a_browser(invoke: Invoke, tmp_path: Path, browser, width: int) -> None:  # type: ignore[no-untyped-def]
    page_file = tmp_path / "statement.html"
    result = invoke("statement", "--org", ORG, GREEN_PAPER, "-o", page_file, "--today", "2026-11-28")
    assert result.exit_code == 0, result.output
    opened = Page(browser, page_file, width)
    page = opened.page
    assert page.locator("h2").all_inner_texts() == EXAMPLE_SECTIONS
    assert page.locator("h1").inner_text().startswith(ORG)
    assert page.locator("table caption").inner_text() == "The five silver bullets through our four lenses"
    page.screenshot(path=str(tmp_path / f"statement-{width}.png"), full_page=True)
    assert (tmp_path / f"statement-{width}.png").stat().st_size > 10_000
    opened.check_and_close()


@pytest.mark.parametrize("width", [1024, 375], ids=["desktop", "phone"])
@pytest.mark.parametrize("parents", [False, True], ids=["response", "guide-for-parents"])
def test_html_response_in_a_browser(invoke: Invoke, tmp_path: Path, browser, parents: bool, width: int) -> None:  # type: ignore[no-untyped-def]
    page_file = tmp_path / "response.html"
    extra = ["--for", "parents"] if parents else []
    result = invoke("respond", GREEN_PAPER, "--org", ORG, "-o", page_file, "--today", "2026-11-28", *extra)
    assert result.exit_code == 0, result.output
    opened = Page(browser, page_file, width)
    assert opened.page.locator("h2").all_inner_texts()[:22] == [f"Question {n}" for n in range(1, 23)]
    assert opened.page.locator(".banner").inner_text().startswith("Illustrative:")
    opened.check_and_close()


@pytest.mark.parametrize("width", [1024, 375], ids=["desktop", "phone"])
def test_html_network_report_in_a_browser(invoke: Invoke, tmp_path: Path, browser, width: int) -> None:  # type: ignore[no-untyped-def]
    page_file = tmp_path / "network.html"
    forums = Path(__file__).parent.parent / "examples" / "network" / "forums"
    result = invoke("aggregate", forums, "--by", "region", "-f", "html", "-o", page_file)
    assert result.exit_code == 0, result.output
    opened = Page(browser, page_file, width)
    page = opened.page
    assert page.locator("h1").inner_text().startswith("What the network thinks:")
    assert page.locator("p.banner").inner_text().startswith("Illustrative: 30 of 30 assessments")
    data = json.loads(invoke("aggregate", forums, "-f", "json").stdout)
    proposals = {link["proposal"] for link in data["links"]}
    # One chart per proposal that any forum assessed, and one small multiple per region (and "not given").
    assert page.locator("svg[role=img]").count() == len(proposals) + 10
    assert page.locator("figcaption").first.inner_text() == "North East: 3 forums"
    opened.check_and_close()
