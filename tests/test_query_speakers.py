"""queries/speakers.rq answers "who spoke in which capacity in which segment" on the seed store."""

from __future__ import annotations

import json

import pytest

from conftest import DATA
from rightsgraph.querylib import bind, find_query

GOLD = json.loads((DATA / "gold" / "a-hrc-57-migrants-in-transit.actors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rows(tmp_path_factory, seed_converted):
    from rightsgraph.pipeline import publish, reference_graphs
    from rightsgraph.store.embedded import EmbeddedStore

    store = EmbeddedStore(tmp_path_factory.mktemp("store"))
    # the registry too, as build publishes it: the States' labels are described there, once
    publish(store, seed_converted, extra=reference_graphs())
    result = store.query(bind(find_query("speakers"), {}))
    out = [{v: (t.value if t is not None else None) for v, t in zip(result.variables, row, strict=True)}
           for row in result.rows]
    store.close()
    return out


def test_one_row_per_intervention(rows, seed_converted):
    assert len(rows) == len(seed_converted.facts.interventions) >= len(GOLD["interventions"]) - 1


def test_panellist_with_mandate_and_segment(rows):
    madi = [r for r in rows if r["speaker"] == "Gehad Madi" and r["paragraph"] == "33"]
    assert len(madi) == 1
    assert madi[0]["represents"] == "Special Rapporteur on the human rights of migrants"
    assert madi[0]["capacity"].lower().startswith("panellist")
    assert madi[0]["segment"].startswith("Second segment")


def test_rows_come_in_segment_order(rows):
    segments = [r["segment"] for r in rows if r["segment"]]
    firsts = list(dict.fromkeys(segments))
    assert firsts[0] == "Opening remarks" and firsts[-1] == "Concluding remarks"


def test_delegates_and_written_statements(rows):
    capacities = {(r["paragraph"], r["speaker"]): r["capacity"].lower() for r in rows}
    assert capacities[("16", "Algeria")].startswith("delegate")
    assert "written" in capacities[("16", "Southern Border Communities Coalition")]
