"""The fact queries of queries/ answer on the seed store as the gold file says."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import DATA
from rightsgraph.querylib import bind, find_query

BASE = "https://w3id.org/rightsgraph/id/"
GOLD = json.loads((DATA / "gold" / "a-hrc-57-migrants-in-transit.facts.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def store(tmp_path_factory, seed_converted):
    from rightsgraph.pipeline import publish
    from rightsgraph.store.embedded import EmbeddedStore

    s = EmbeddedStore(tmp_path_factory.mktemp("store"))
    publish(s, seed_converted)
    yield s
    s.close()


def ask(store, name: str, **params: str) -> list[dict[str, str]]:
    q = find_query(name)
    result = store.query(bind(q, params))
    return [
        {v: (t.value if t is not None else None) for v, t in zip(result.variables, row, strict=True)}
        for row in result.rows
    ]


def key(iri: str) -> str:
    if iri.startswith(BASE + "report/"):
        return iri.removeprefix(BASE + "report/").split("/", 1)[1]
    return iri.removeprefix(BASE)


def test_violation_types_by_frequency(store):
    rows = ask(store, "violation-types")
    counts = Counter()
    for r in rows:
        counts[r["type"].rsplit("/", 1)[1]] += int(r["reports"])
    gold = Counter(t for _, t in GOLD["violations"])
    top = {t for t, _ in gold.most_common(3)}
    assert top <= {t for t, _ in counts.most_common(6)}
    assert all(r["reporter"] for r in rows if r["type"].endswith("/pushback"))


def test_recommendations_to_states_by_theme(store):
    rows = ask(store, "recommendations-to-states")
    found = {(int(r["number"]), key(r["recommender"])) for r in rows if r["recommender"]}
    gold = {tuple(x) for x in GOLD["recommendations"]}
    assert len(found & gold) >= 15
    themed = ask(store, "recommendations-to-states", theme=BASE + "vocab/theme/international-cooperation")
    assert themed and all(r["theme"].endswith("/international-cooperation") for r in themed)


def test_promising_practices_by_state(store):
    rows = ask(store, "practices-by-state")
    found = {(key(r["state"]), int(r["number"])) for r in rows}
    gold = {tuple(x) for x in GOLD["practices"] if x[0].startswith("state/")}
    assert found == gold
    one = ask(store, "practices-by-state", state=BASE + "state/COL")
    assert {int(r["number"]) for r in one} == {n for s, n in gold if s == "state/COL"}


def test_statistics_about_a_route(store):
    rows = ask(store, "route-statistics")
    assert {r["value"] for r in rows} >= {"500000", "36", "600"}
    assert all(r["route"].endswith("/route/darien") for r in rows)


def test_instruments_cited_and_where(store):
    rows = ask(store, "instruments-cited")
    found = {(int(r["number"]), key(r["instrument"])) for r in rows}
    assert found == {tuple(x) for x in GOLD["instruments"]}
    parts = {key(r["instrument"]): r["partOf"] for r in rows if r["partOf"]}
    assert parts["instrument/gcm/objective-8"] == BASE + "instrument/gcm"
