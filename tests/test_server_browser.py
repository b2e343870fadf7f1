"""The pages in a real browser: Debian's Chromium, headless, driven by Playwright, against a
real `rightsgraph serve` on loopback. Screenshots go to build/screenshots/."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, SEED

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "build" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="make test-deps installs chromium")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = context.new_page()
    pg.requests = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    yield pg
    context.close()


def shot(page, name: str, full: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def assert_local(page, origin: str) -> None:
    remote = [u for u in page.requests if not (u.startswith(origin) or u.startswith("data:"))]
    assert not remote, remote


def seed_id() -> str:
    from rightsgraph.pipeline import convert

    return convert(SEED).report_id


def test_report_page_to_actor_with_interventions_and_quotes(page, live_server):
    page.goto(f"{live_server.url}/doc/report/{seed_id()}")
    marks = page.locator("mark.hl")
    assert marks.count() >= 5
    assert page.locator(".legend li").count() >= 3
    shot(page, "report")
    details = page.locator("details.facts", has=page.locator(".fact-links", has_text="Speaker:")).first
    details.scroll_into_view_if_needed()
    details.locator("summary").click()
    shot(page, "report-facts-open")
    speaker = details.locator(".link-item", has_text="Speaker:").first.locator("a")
    name = speaker.inner_text()
    speaker.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == name
    group = page.locator("section.evidence", has=page.locator("h2", has_text="Interventions"))
    assert group.locator("blockquote").count() >= 1
    assert group.locator("blockquote").first.inner_text().strip()
    shot(page, "actor", full=True)
    assert_local(page, live_server.url)


def test_fact_page_and_keyboard(page, live_server):
    page.goto(f"{live_server.url}/doc/report/{seed_id()}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    page.locator("a.ref").first.click()
    page.wait_for_load_state()
    assert page.locator(".evidence-one blockquote").count() == 1
    assert page.locator(".context mark.hl").count() == 1
    shot(page, "fact")
    assert_local(page, live_server.url)


@pytest.mark.parametrize("path,name", [("/", "home"), ("/search?q=detention", "search"),
                                       ("/dataset", "dataset"), ("/validation", "validation"),
                                       ("/ontology", "ontology")])
def test_pages_load_nothing_remote(page, live_server, path, name):
    response = page.goto(live_server.url + path)
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    shot(page, name)
    assert_local(page, live_server.url)


@pytest.mark.parametrize("kind", ["paragraph/14", "concept", "instrument"])
def test_phone_width_pages(browser, live_server, kind):
    paths = {"paragraph/14": f"/doc/report/{seed_id()}/paragraph/14",
             "concept": "/doc/vocab/route/darien", "instrument": "/doc/instrument/resolution/hrc-53-24"}
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = context.new_page()
    requests = []
    pg.on("request", lambda r: requests.append(r.url))
    response = pg.goto(live_server.url + paths[kind])
    if response.status == 404:
        context.close()
        pytest.skip("the extractors name other resources now")
    assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(pg, f"phone-{kind.replace('/', '-')}", full=True)
    assert all(urlsplit(u).netloc == urlsplit(live_server.url).netloc for u in requests)
    context.close()


def test_yasgui_runs_a_library_query(page, live_server):
    if not (ROOT / "build/web/node_modules/@zazuko/yasgui/build/yasgui.min.js").exists():
        pytest.fail("YASGUI is not installed: run 'make test-deps'")
    page.goto(f"{live_server.url}/editor#report-structure")
    page.wait_for_selector(".yasqe .CodeMirror")
    assert "rg:Report" in page.evaluate("window.rightsgraphEditor.getTab().getQuery()")
    page.locator(".yasqe_queryButton").click()
    rows = page.locator(".yasr table tbody tr")
    rows.first.wait_for(timeout=30_000)
    assert rows.count() >= 3
    shot(page, "editor", full=True)
    assert_local(page, live_server.url)
