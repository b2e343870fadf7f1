"""A crawl of every page of the seed site, from the home page along every link: no answer of
500 or more (regression: /doc/place/europe, linked from every report page, answered 500), and
English pages in English."""

from __future__ import annotations

import httpx

from server_support import MAX_PAGES, crawl
from test_server_language import english_text, foreign_labels, mixed_labels


def test_regression_place_page_answers(live_server):
    r = httpx.get(live_server.url + "/doc/place/europe", headers={"Accept": "text/html"}, timeout=30)
    assert r.status_code in (200, 404), r.text[:300]
    again = httpx.get(live_server.url + "/", timeout=30)
    assert again.status_code == 200


def test_crawl_of_the_whole_site_has_no_server_error_nor_a_foreign_label(live_server,
                                                                          served_store):
    """Every page, read as an English reader asks for it (Accept-Language: en): no answer of
    500 or more, and no label in another language where an English one exists (the languages
    test names the labels of the regression)."""
    foreign, mixed = foreign_labels(served_store), {}

    def visit(url, r):
        if r.headers.get("content-type", "").startswith("text/html"):
            hits = mixed_labels(english_text(r.text), foreign)
            if hits:
                mixed[url] = hits

    seen = crawl(live_server.url, headers={"Accept-Language": "en"}, visit=visit)
    assert len(seen) < MAX_PAGES, "the crawl did not end"
    assert sum(1 for u in seen if "/doc/" in u) > 100, "the crawl reached the resource pages"
    errors = {u: s for u, s in seen.items() if s >= 500}
    assert errors == {}
    assert mixed == {}
