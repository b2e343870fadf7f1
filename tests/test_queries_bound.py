"""Library queries with their parameter bound, on the seed store: a bound parameter selects
(it never labels rows it does not hold), and labels come from the vocabulary graphs."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import RDF, SKOS, Namespace
from rdflib.namespace import PROV

RG = Namespace("https://w3id.org/rightsgraph/ontology#")


def test_recommendations_to_states_bound_theme_selects(run, reports):
    """With a theme bound, only the recommendations that have it come back (the VALUES binding
    used to turn `OPTIONAL { ?recommendation rg:theme ?theme }` into a label for every one)."""
    rows_of: dict[str, Counter] = {}
    everyone = Counter()
    for g in reports:
        for r in g.subjects(RDF.type, RG.Recommendation):
            for to in g.objects(r, RG.addressedTo):
                if not (str(to).endswith("/group/states") or (to, RDF.type, RG.State) in g):
                    continue
                for p in g.objects(r, PROV.wasDerivedFrom):
                    for a in g.objects(r, RG.action):
                        key = (str(p), str(a))
                        everyone[key] += 1
                        for theme in g.objects(r, RG.theme):
                            rows_of.setdefault(str(theme), Counter())[key] += 1
    # the theme of the most recommendations, and one that only some of them have
    theme = max(rows_of, key=lambda t: (sum(rows_of[t].values()), t))
    assert 0 < sum(rows_of[theme].values()) < sum(everyone.values())
    rows = run("recommendations-to-states", theme=theme)
    assert {r["theme"] for r in rows} == {theme}
    got = Counter((r["paragraph"], r["action"]) for r in rows)
    assert set(got) == set(rows_of[theme])
    # unbound: every recommendation to States, with each of its themes (or none)
    assert {(r["paragraph"], r["action"]) for r in run("recommendations-to-states")} == set(everyone)


def test_speakers_capacity_is_the_vocabulary_label(run, reports, vocab):
    """The capacity column is the English skos:prefLabel of the capacity concept, read from the
    vocabulary graph, not the tail of its IRI."""
    expected = Counter()
    for g in reports:
        for i in g.subjects(RDF.type, RG.Intervention):
            for c in g.objects(i, RG.capacity):
                labels = [str(x) for x in vocab.objects(c, SKOS.prefLabel)
                          if getattr(x, "language", None) == "en"]
                assert labels, f"no English label for {c}"
                expected[labels[0]] += 1
    rows = run("speakers")
    got = Counter(r["capacity"] for r in rows if r["capacity"])
    assert got == expected
    assert any(" " in label for label in got), "a two-word capacity label (not an IRI slug)"


# ---------------------------------------------------------------- bound = unbound restricted

# parameter -> the column that holds its value, for the queries whose unbound answer is "any"
COLUMN = {
    "actors-by-type": "kind", "commitments-by-actor": "committedBy", "concerns-by-actor": "concernOf",
    "footnote-sources": "report", "instruments-cited": "instrument", "mandate-chain": "report",
    "perpetrators-by-violation-type": "perpetratorType", "practices-by-state": "state",
    "recommendations-by-gcm-objective": "gcmObjective", "recommendations-by-sdg-target": "sdgTarget",
    "recommendations-to-states": "theme", "report-structure": "report", "speakers": "report",
    "violations-by-affected-group": "affectedGroup", "violations-by-route": "route",
}


@pytest.fixture(scope="module")
def picks(seed_store) -> dict[str, tuple[str, str]]:
    """The bench's bound values (bench/queries.py: the value with the most facts)."""
    from conftest import load_bench
    from rightsgraph.querylib import library
    from rightsgraph.store import open_store

    store = open_store(seed_store, read_only=True)
    try:
        return load_bench("queries").bound_values(store, library())
    finally:
        store.close()


def test_every_parameter_has_a_bench_value(picks):
    """The bench knows how to choose a value for every parametrised query, and finds one on the
    seed store for each, but for the UPR queries: the seed is no UPR document."""
    from conftest import load_bench
    from rightsgraph.querylib import library

    bench = load_bench("queries")
    first = {q.name: q.params[0].name for q in library() if q.params}
    known = {n for n, p in first.items() if p in ("text", "report") or (n, p) in bench.PICKS}
    assert known == set(first)
    assert set(first) - set(picks) == {n for n in first if n.startswith("upr-")}


@pytest.mark.parametrize("name", sorted(COLUMN))
def test_bound_answer_is_the_unbound_answer_restricted(name, run, picks):
    """A bound parameter selects what is read, and the answer is what the unbound query says
    about that value, row for row (the rewrites that read less must not answer differently)."""
    param, value = picks[name]
    bound = run(name, **{param: value})
    every = run(name)
    assert bound, f"{name} with {param}={value} answers nothing on the seed store"
    assert Counter(tuple(r.items()) for r in bound) == \
        Counter(tuple(r.items()) for r in every if r[COLUMN[name]] == value)
    assert len(bound) < len(every)


def test_subquery_placeholders_get_the_values():
    """`VALUES ?name { UNDEF }` in a subquery gets the bound values; one in a comment or a
    string stays as it is, and an unbound parameter leaves every placeholder alone."""
    from pathlib import Path

    from rightsgraph.querylib import LibraryQuery, Param, bind

    text = ('SELECT * WHERE {\n  # VALUES ?x { UNDEF } in a comment\n'
            '  { SELECT ?x WHERE { VALUES ?x { UNDEF } ?x ?p "VALUES ?x { UNDEF }" } }\n'
            '  { SELECT ?y WHERE { values ?y {UNDEF} ?y ?p ?o } }\n}')
    q = LibraryQuery("q", Path("q.rq"), "q", "", (Param("x", "iri"), Param("y", "iri")), text)
    bound = bind(q, {"x": ["urn:a", "urn:b"]})
    assert bound.count("VALUES ?x { <urn:a> <urn:b> }") == 2  # the outer block and the subquery
    assert "# VALUES ?x { UNDEF } in a comment" in bound and '"VALUES ?x { UNDEF }"' in bound
    assert "values ?y {UNDEF}" in bound
    assert bind(q, {}) == text
    assert "VALUES ?y { <urn:c> } ?y ?p ?o" in bind(q, {"y": "urn:c"})
