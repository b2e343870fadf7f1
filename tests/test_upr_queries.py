"""The UPR queries of the library on a store of a Working Group report and its Add.1 (small texts
in the genre's form, tests/test_upr.py): "upr-recommendations-received",
"upr-supported-noted-by-theme", "upr-recommendations-made"."""

from __future__ import annotations

import pytest

from test_upr import VIEWS, WORKING_GROUP

ID = "https://w3id.org/rightsgraph/id/"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    from rightsgraph.pipeline import build
    from rightsgraph.store import open_store

    root = tmp_path_factory.mktemp("upr-store")
    # the Add.1 is read first: its responses meet the recommendations all the same
    views, wg = root / "a-views.md", root / "b-wg.md"
    views.write_text(VIEWS, encoding="utf-8")
    wg.write_text(WORKING_GROUP, encoding="utf-8")
    with open_store(root / "store") as store:
        summary = build([views, wg], store, root / "out")
    assert summary.ok
    return root / "store"


def _run(store_dir, name, **params):
    from rightsgraph.prefilter import bind_query
    from rightsgraph.querylib import find_query
    from rightsgraph.store import open_store

    with open_store(store_dir, read_only=True) as store:
        result = store.query(bind_query(store, find_query(name), params))
        return [{v: (t.value if t is not None else "") for v, t in zip(result.variables, row, strict=True)}
                for row in result.rows]


def test_upr_recommendations_received(store_dir):
    rows = _run(store_dir, "upr-recommendations-received", state=ID + "state/SVN")
    got = [(r["number"], r["recommenders"].split(", ") if r["recommenders"] else [],
            r["statusLabel"]) for r in rows]
    assert [(n, sorted(by), s) for n, by, s in got] == [
        ("4.1", ["France", "Lithuania"], "Supported"),
        ("4.2", ["Slovakia", "Ukraine"], "Supported"),
        ("4.3", ["United Kingdom of Great Britain and Northern Ireland"], "Supported"),
        ("5.1", ["Bangladesh", "Egypt"], "Supported"),
        ("5.2", ["Brazil", "Costa Rica"], "Noted"),
    ]
    assert {r["symbol"] for r in rows} == {"A/HRC/43/15"}
    assert _run(store_dir, "upr-recommendations-received", state=ID + "state/FRA") == []


def test_upr_supported_noted_by_theme(store_dir):
    rows = _run(store_dir, "upr-supported-noted-by-theme", state=ID + "state/SVN")
    totals = {k: sum(int(r[k]) for r in rows) for k in ("supported", "noted", "unanswered", "total")}
    assert totals == {"supported": 4, "noted": 1, "unanswered": 0, "total": 5}


def test_upr_recommendations_made(store_dir):
    rows = _run(store_dir, "upr-recommendations-made", state=ID + "state/CRI")
    assert [(r["addressee"], r["number"], r["statusLabel"]) for r in rows] == [
        (ID + "state/SVN", "5.2", "Noted")]
    made = _run(store_dir, "upr-recommendations-made")
    assert {(r["state"].rsplit("/", 1)[-1], r["number"]) for r in made} >= {("FRA", "4.1"), ("LTU", "4.1")}
