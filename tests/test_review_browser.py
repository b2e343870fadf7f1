"""The review view in a real browser (headless Chromium, Playwright) against a real
`rightsgraph serve --reviews DIR`: sign in with the token, accept a fact, add one from the
words selected in its paragraph; without credentials 401/403 and nothing written."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import httpx
import pytest

from test_server_browser import ARGS, CHROMIUM, shot

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="make test-deps installs chromium")
TOKEN = "correct horse battery staple"


@pytest.fixture(scope="module")
def review_server(served_store, tmp_path_factory):
    from server_support import LiveServer

    folder = tmp_path_factory.mktemp("reviews")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RIGHTSGRAPH_REVIEW_TOKEN", TOKEN)
        server = LiveServer(served_store, "--reviews", str(folder))
    server.folder = folder
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def first_violation(server) -> str:
    q = ("PREFIX rg: <https://w3id.org/rightsgraph/ontology#> SELECT ?f WHERE { GRAPH ?g { "
         "?f a rg:ViolationReport ; rg:start ?s } } ORDER BY ?s ?f LIMIT 1")
    r = httpx.get(server.url + "/sparql", params={"query": q},
                  headers={"Accept": "application/sparql-results+json"})
    iri = r.json()["results"]["bindings"][0]["f"]["value"]
    return iri.split("/id/", 1)[1]


def rows(folder: Path) -> list[dict]:
    return [r for f in sorted(folder.glob("*.csv"))
            for r in csv.DictReader(f.read_text(encoding="utf-8").splitlines())]


def test_without_credentials_nothing_is_written(review_server, live_server):
    fact = first_violation(review_server)
    r = httpx.post(f"{review_server.url}/review/{fact}", data={"decision": "reject"})
    assert r.status_code == 401
    wrong = httpx.post(f"{review_server.url}/review/login",
                       data={"reviewer": "eve", "token": "guess"})
    assert wrong.status_code == 401 and "set-cookie" not in wrong.headers
    forged = httpx.post(f"{review_server.url}/review/{fact}", data={"decision": "reject"},
                        cookies={"rg_review": "eve.0000"})
    assert forged.status_code == 401
    public = httpx.post(f"{live_server.url}/review/{fact}", data={"decision": "reject"})
    assert public.status_code == 403  # the public server (no --reviews) is read-only
    page = httpx.get(f"{live_server.url}/review/{fact}")
    assert page.status_code == 200 and "this server takes no reviews" in page.text
    assert rows(review_server.folder) == []


def test_accept_a_fact_and_add_one_from_a_selected_span(review_server, browser):
    fact = first_violation(review_server)
    rid, paragraph = fact.split("/")[1], fact.split("/")[3].rsplit("-", 1)[0]
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(f"{review_server.url}/doc/{fact}")  # the fact's page links to its review view
    page.click("text=Review this fact")
    page.wait_for_url(f"**/review/{fact}")
    assert page.locator("#accept").count() == 0  # read-only until signed in
    page.click("text=Sign in to review")
    page.fill("input[name=reviewer]", "ana-soto")
    page.fill("input[name=token]", TOKEN)
    page.click("button[type=submit]")
    page.wait_for_url(f"**/review/{fact}")
    assert page.locator("#reviewer").inner_text() == "ana-soto"
    page.fill("#accept-form input[name=note]", "checked against the PDF")
    page.click("#accept")
    page.wait_for_selector("#recorded")
    shot(page, "review-fact")
    [accepted] = rows(review_server.folder)
    assert (accepted["decision"], accepted["fact"], accepted["reviewer"], accepted["note"]) == (
        "accept", fact, "ana-soto", "checked against the PDF")
    assert accepted["id"] == page.locator("#recorded").inner_text()

    page.goto(f"{review_server.url}/review/report/{rid}/paragraph/{paragraph}")
    text = page.locator("#paragraph-text").inner_text()
    words = " ".join(text.split()[3:6])
    start = text.index(words)
    page.evaluate("""([start, end]) => {
        const node = document.getElementById("paragraph-text").firstChild;
        const range = document.createRange();
        range.setStart(node, start); range.setEnd(node, end);
        const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
        node.parentElement.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
    }""", [start, start + len(words)])
    assert page.input_value("#quote") == words  # the selection became the quote
    page.select_option("#add-form select[name=kind]", "violation")
    page.fill("#add-form textarea[name=set]", "violationType=violation-type/pushback")
    page.click("#add")
    page.wait_for_selector("#recorded")
    shot(page, "review-paragraph", full=True)
    added = rows(review_server.folder)[1]
    assert (added["decision"], added["kind"], added["paragraph"], added["quote"]) == (
        "add", "violation", paragraph, words)
    assert int(added["start"]) == start  # offsets computed by the server, checked
    assert added["set"] == "violationType=violation-type/pushback"

    # signed in, but a form without the page's CSRF token (or from another origin) is refused
    bare = page.request.post(f"{review_server.url}/review/{fact}", form={"decision": "reject"})
    assert bare.status == 403
    csrf = page.locator("#add-form input[name=csrf]").get_attribute("value")
    foreign = page.request.post(f"{review_server.url}/review/{fact}",
                                form={"decision": "reject", "csrf": csrf},
                                headers={"Origin": "https://evil.example"})
    assert foreign.status == 403
    assert len(rows(review_server.folder)) == 2
    context.close()


def test_token_is_never_in_the_page_or_the_cookie(review_server):
    r = httpx.post(f"{review_server.url}/review/login", data={"reviewer": "ben", "token": TOKEN})
    assert r.status_code == 303
    cookie = r.headers["set-cookie"]
    assert TOKEN not in cookie and "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    assert os.environ.get("RIGHTSGRAPH_REVIEW_TOKEN") is None  # only the server's environment
