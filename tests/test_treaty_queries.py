"""The treaty-body query of the library on a store of two cycles of concluding observations (small
texts in the genre's form, written here): "treaty-recommendations-across-cycles"."""

from __future__ import annotations

import pytest

CYCLE = """United Nations

{symbol}

Distr.: General
{date}

Original: English

Committee on the Rights of Persons with Disabilities

Concluding observations on the {which} report of Slovenia

I. Introduction

1. The Committee considered the {which} report of Slovenia at its meetings.

II. Principal areas of concern and recommendations

A. Accessibility (art. 9)

2. The Committee is concerned about the inaccessibility of public transport.

3. {lead} the State party:
(a) Adopt an accessibility plan with time-bound targets;
(b) Train the staff of public transport.

III. Follow-up

4. The Committee welcomes the adoption of the Accessibility Act.
"""


@pytest.fixture(scope="module")
def cycles(tmp_path_factory):
    from rightsgraph.pipeline import build
    from rightsgraph.store import open_store

    root = tmp_path_factory.mktemp("cycles")
    first = root / "crpd-c-svn-co-1.md"
    first.write_text(CYCLE.format(symbol="CRPD/C/SVN/CO/1", date="16 April 2018", which="initial",
                                  lead="The Committee recommends that"), encoding="utf-8")
    second = root / "crpd-c-svn-co-2.md"
    second.write_text(CYCLE.format(
        symbol="CRPD/C/SVN/CO/2", date="3 October 2024", which="second periodic",
        lead="The Committee reiterates its previous recommendations (CRPD/C/SVN/CO/1, para. 3) and "
             "recommends that"), encoding="utf-8")
    with open_store(root / "store") as store:
        summary = build([second, first], store, root / "out")
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


def test_treaty_recommendations_across_cycles(cycles):
    base = "https://w3id.org/rightsgraph/id/"
    rows = _run(cycles, "treaty-recommendations-across-cycles", body=base + "org/crpd",
                state=base + "state/SVN")
    assert [(r["symbol"], r["issued"], r["number"], r["subItem"]) for r in rows] == [
        ("CRPD/C/SVN/CO/1", "2018-04-16", "3", "(a)"), ("CRPD/C/SVN/CO/1", "2018-04-16", "3", "(b)"),
        ("CRPD/C/SVN/CO/2", "2024-10-03", "3", "(a)"), ("CRPD/C/SVN/CO/2", "2024-10-03", "3", "(b)"),
    ]  # oldest cycle first; the concern of paragraph 2 and the welcome of paragraph 4 are no recommendations
    assert {r["heading"] for r in rows} == {"Accessibility (art. 9)"}
    assert rows[0]["action"] == "Adopt an accessibility plan with time-bound targets"
    assert {r["reiterates"] for r in rows[2:]} == {base + "report/crpd-c-svn-co-1"}  # the earlier cycle
    assert {r["reiterates"] for r in rows[:2]} == {""}
    assert {r["bodyLabel"] for r in rows} == {"Committee on the Rights of Persons with Disabilities"}


def test_another_state_has_none_of_them(cycles):
    base = "https://w3id.org/rightsgraph/id/"
    assert _run(cycles, "treaty-recommendations-across-cycles", body=base + "org/crpd",
                state=base + "state/AUT") == []
