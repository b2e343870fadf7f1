"""Pages in the reader's language: labels by Accept-Language (and ?lang=), falling back to
English, never mixed (regression: an English page showed "capacity: Délégué", "Objectif 8 :
Sauver des vies" and "Niños, niñas y adolescentes": the link-label OPTIONAL had no language
filter). Text marked with another language (`lang="fr"`: a concept's definitions in every
language, a literal in French) is that language's, and is left out of the check."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from pyoxigraph import Literal, NamedNode, Store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
BROWSE = ("states", "bodies", "violation-types", "themes")
LABELS = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


def _labels(store_path) -> dict[str, dict[str, set[str]]]:
    """subject -> language -> its labels, from the served store."""
    store = Store.read_only(str(store_path))
    out: dict[str, dict[str, set[str]]] = {}
    for p in LABELS:
        for q in store.quads_for_pattern(None, NamedNode(p), None, None):
            if isinstance(q.object, Literal) and isinstance(q.subject, NamedNode):
                lang = (q.object.language or "").split("-")[0]
                out.setdefault(q.subject.value, {}).setdefault(lang, set()).add(q.object.value)
    return out


def foreign_labels(store_path) -> set[str]:
    """The labels in another language of resources that have an English one, unless the same
    words are an English label too."""
    labels = _labels(store_path)
    english = {label for langs in labels.values() for label in langs.get("en", ())}
    found = {label for langs in labels.values() if "en" in langs
             for lang, texts in langs.items() if lang not in ("en", "") for label in texts}
    return found - english


def mixed_labels(text: str, foreign: set[str]) -> list[str]:
    """The foreign labels `text` shows, as words ("Rapport" is not in "Rapporteur")."""
    return sorted(label for label in foreign
                  if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text))


@pytest.fixture(scope="module")
def labels(served_store):
    return _labels(served_store)


@pytest.fixture(scope="module")
def foreign(served_store) -> set[str]:
    return foreign_labels(served_store)


class _Text(HTMLParser):
    """The text of a page outside elements marked with a language other than English."""

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []  # per open element: inside another language?
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        lang = dict(attrs).get("lang")
        outer = self.stack[-1] if self.stack else False
        self.stack.append(outer or (lang is not None and not lang.lower().startswith("en")))

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def english_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def test_the_regression_labels_exist_in_the_store(foreign):
    """The labels of the report that started it, so the checks below check something."""
    assert {"Délégué", "Niños, niñas y adolescentes"} <= foreign


def test_mixed_labels_are_found_as_words():
    assert mixed_labels("capacity: Délégué of Chile", {"Délégué", "Rapport"}) == ["Délégué"]
    assert mixed_labels("the Special Rapporteur", {"Rapport"}) == []


def _concept_with_french(labels) -> tuple[str, str, str]:
    for iri, langs in sorted(labels.items()):
        if "/vocab/violation-type/" in iri and langs.get("fr") and langs.get("en"):
            return iri, min(langs["en"]), min(langs["fr"])
    raise AssertionError("no violation type with a French label")


def test_lang_parameter_and_accept_language_choose_french(live_server, labels):
    iri, english, french = _concept_with_french(labels)
    path = "/doc/" + iri.split("/id/", 1)[1]
    for how in ({"headers": {"Accept-Language": "fr-FR,fr;q=0.9"}}, {"params": {"lang": "fr"}}):
        page = httpx.get(live_server.url + path, timeout=30, **how).text
        assert f"<h1>{french}</h1>" in page, how
    assert f"<h1>{english}</h1>" in httpx.get(live_server.url + path, timeout=30).text


pytestmark_browser = pytest.mark.skipif(not CHROMIUM.exists(), reason="make test-deps installs chromium")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def _sample(live_server, served_store) -> list[str]:
    """The home and browse pages and one page of each kind: report, paragraph, each kind of
    statement, actor, concept, instrument, place."""
    store = Store.read_only(str(served_store))
    found: dict[str, str] = {}
    for q in store.quads_for_pattern(None, NamedNode(RDF_TYPE), None, None):
        iri = q.subject.value
        if isinstance(q.subject, NamedNode) and "/id/" in iri:
            path = iri.split("/id/", 1)[1]
            parts = path.split("/")
            kind = parts[2] if parts[0] == "report" and len(parts) > 2 else parts[0]
            found.setdefault(kind, path)
    del store
    return [live_server.url + "/", *(live_server.url + f"/browse/{k}" for k in BROWSE),
            *(f"{live_server.url}/doc/{path}" for _, path in sorted(found.items()))]


@pytestmark_browser
def test_in_chromium_english_pages_hold_no_foreign_label(browser, live_server, served_store,
                                                        foreign):
    context = browser.new_context(locale="en-GB", extra_http_headers={"Accept-Language": "en"})
    page = context.new_page()
    try:
        sample = _sample(live_server, served_store)
        assert len(sample) > 12
        for url in sample:
            assert page.goto(url).status == 200, url
            text = page.evaluate("""() => { const body = document.body.cloneNode(true);
                body.querySelectorAll('[lang]:not([lang^="en"])').forEach(e => e.remove());
                return body.innerText; }""")
            assert mixed_labels(text, foreign) == [], url
    finally:
        context.close()


@pytestmark_browser
def test_in_chromium_french_pages_show_french_labels(browser, live_server, labels):
    iri, english, french = _concept_with_french(labels)
    context = browser.new_context(locale="fr-FR", extra_http_headers={"Accept-Language": "fr"})
    page = context.new_page()
    try:
        page.goto(live_server.url + "/doc/" + iri.split("/id/", 1)[1])
        assert page.locator("h1").inner_text() == french
        page.goto(live_server.url + "/browse/violation-types")
        shown = page.locator("main").inner_text()
        both = [langs for iri, langs in labels.items()
                if "/vocab/violation-type/" in iri and langs.get("fr") and langs.get("en")]
        assert any(mixed_labels(shown, langs["fr"]) for langs in both)
        assert not any(mixed_labels(shown, langs["en"] - langs["fr"]) for langs in both)
    finally:
        context.close()
