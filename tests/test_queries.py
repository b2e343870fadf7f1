"""The query library on the seed store: every query's answer against gold files where they exist,
else against the same facts computed with rdflib from the converted graphs."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict

import pytest
from rdflib import RDF, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from conftest import ROOT, SEED

RG = Namespace("https://w3id.org/rightsgraph/ontology#")
SCHEMA = Namespace("https://schema.org/")
GOLD = ROOT / "tests" / "data" / "gold" / "queries"
QUERIES = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
ACTOR_CLASSES = ("State", "IntergovernmentalOrganization", "RegionalOrganization", "UNEntity",
                 "HumanRightsMechanism", "CivilSocietyOrganization", "AcademicInstitution",
                 "Person", "ActorGroup")


# ---------------------------------------------------------------- fixtures and helpers

def number(p: URIRef, g: Graph) -> str:
    return str(g.value(p, RG.paragraphNumber))


def statements(g: Graph, cls) -> list[URIRef]:
    return sorted(g.subjects(RDF.type, cls))


def pairs(rows, *cols) -> Counter:
    return Counter(tuple(r[c] for c in cols) for r in rows)


def gold(name: str) -> list[dict[str, str]] | None:
    path = GOLD / f"{name}.csv"
    if not path.exists():
        return None
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# ---------------------------------------------------------------- every query has a test

def test_every_library_query_is_tested():
    """Each queries/NAME.rq is run by name ("NAME") by some test that checks its answer."""
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    missing = [q for q in QUERIES if f'"{q}"' not in sources]
    assert missing == [], f"no test runs {missing}: add one that checks the answer"


@pytest.mark.parametrize("name", QUERIES)
def test_query_has_header_and_gold_matches(name, run):
    from rightsgraph.querylib import find_query

    q = find_query(name)
    assert q.title and q.title != name and q.description, f"{name}.rq needs # title/# description"
    expected = gold(name)
    if expected is None:
        return
    rows = run(name)
    cols = list(expected[0]) if expected else []
    if "report" in cols:  # the gold speaks for the reports it names
        rows = [r for r in rows if r["report"] in {e["report"] for e in expected}]
    assert Counter(tuple(r[c] for c in cols) for r in rows) == \
        Counter(tuple(e[c] for c in cols) for e in expected)


def test_gold_files_name_library_queries():
    assert {p.stem for p in GOLD.glob("*.csv")} <= set(QUERIES)
    assert len(list(GOLD.glob("*.csv"))) >= 2


# ---------------------------------------------------------------- the queries, one by one

def test_report_structure(run, reports):
    rows = run("report-structure")
    expected = Counter()
    for g in reports:
        for s in g.subjects(RDF.type, RG.Section):
            expected[(str(g.value(s, RG.inReport)), str(g.value(s, RG.sectionNumber)),
                      str(len(set(g.subjects(RG.inSection, s)))))] += 1
    assert pairs(rows, "report", "number", "paragraphs") == expected
    assert sum(1 for r in rows if r["number"] == "III.B" and r["paragraphs"] == "13") == 1


def test_paragraphs_mentioning(run, reports):
    for text in ("detention", "Search and Rescue", "zzz-no-such-word"):
        rows = run("paragraphs-mentioning", text=text)
        expected = {(str(g.value(p, RG.inReport)), number(p, g)) for g in reports
                    for p in g.subjects(RDF.type, RG.Paragraph)
                    if text.lower() in str(g.value(p, RG.text)).lower()}
        assert {(r["report"], r["number"]) for r in rows} == expected
    assert len(run("paragraphs-mentioning", text="Darien")) == 1


def test_actors_by_type(run, reports, vocab):
    rows = run("actors-by-type")
    expected = Counter()
    for g in reports:
        for cls in ACTOR_CLASSES:
            # typed in the report graph, or a shared entity typed once in the registry graph
            # and mentioned in the report
            typed = set(g.subjects(RDF.type, RG[cls])) | {
                a for a in vocab.subjects(RDF.type, RG[cls]) if (a, RG.mentionedIn, None) in g}
            for a in typed:
                expected[(cls, str(a))] += 1
    assert Counter({(r["kind"], r["actor"]): int(r["reports"]) for r in rows}) == expected
    paragraphs = defaultdict(set)
    for g in reports:
        for a, _, p in g.triples((None, RG.mentionedIn, None)):
            paragraphs[str(a)].add(str(p))
    for r in rows:
        assert int(r["paragraphs"]) == len(paragraphs[r["actor"]])
    states = run("actors-by-type", type="State")
    assert {r["actor"] for r in states} == {a for (k, a) in expected if k == "State"}


def _narrower_or_same(vocab: Graph, concept: URIRef, top: URIRef) -> bool:
    return concept == top or top in set(vocab.transitive_objects(concept, SKOS.broader))


def test_evidence_for_violation_type(run, reports, vocab):
    from rightsgraph.querylib import find_query

    default = next(p.default for p in find_query("evidence-for-violation-type").params)
    top = URIRef(default)
    rows = run("evidence-for-violation-type")
    expected = set()
    for g in reports:
        for v in statements(g, RG.ViolationReport):
            vt = g.value(v, RG.violationType)
            if _narrower_or_same(vocab, vt, top):
                p = g.value(v, PROV.wasDerivedFrom)
                text = str(g.value(p, RG.text))
                start, end = int(g.value(v, RG.start)), int(g.value(v, RG.end))
                assert text[start:end] == str(g.value(v, RG.quote))
                expected.add((number(p, g), str(vt), str(g.value(v, RG.quote)), str(start)))
    assert {(r["paragraph"], r["violationType"], r["quote"], r["start"]) for r in rows} == expected


def _violation_pairs(reports, prop, restrict=None) -> Counter:
    out = Counter()
    for g in reports:
        for v in statements(g, RG.ViolationReport):
            for x in set(g.objects(v, prop)):
                if restrict is None or restrict(x):
                    out[(str(x), str(g.value(v, RG.violationType)))] += 1
    return out


def test_violations_by_route(run, reports, vocab):
    routes = set(vocab.subjects(RDF.type, RG.MigrationRoute))
    for g in reports:
        routes |= set(g.subjects(RDF.type, RG.MigrationRoute))
    expected = _violation_pairs(reports, RG.location, lambda x: x in routes)
    rows = run("violations-by-route")
    assert Counter({(r["route"], r["violationType"]): int(r["reports"]) for r in rows}) == expected
    _assert_paragraphs_in_order(rows)


def test_violations_by_affected_group(run, reports):
    expected = _violation_pairs(reports, RG.affectedGroup)
    rows = run("violations-by-affected-group")
    assert Counter({(r["affectedGroup"], r["violationType"]): int(r["reports"])
                    for r in rows}) == expected


def test_perpetrators_by_violation_type(run, reports):
    expected = _violation_pairs(reports, RG.perpetrator)
    rows = run("perpetrators-by-violation-type")
    assert Counter({(r["perpetratorType"], r["violationType"]): int(r["reports"])
                    for r in rows}) == expected
    hedged = Counter()
    for g in reports:
        for v in statements(g, RG.ViolationReport):
            if g.value(v, RG.hedged) == Literal(True):
                for x in set(g.objects(v, RG.perpetrator)):
                    hedged[(str(x), str(g.value(v, RG.violationType)))] += 1
    for r in rows:
        assert int(r["hedgedReports"]) == hedged[(r["perpetratorType"], r["violationType"])]


def test_who_called_for(run, reports):
    for text in ("detention", "JUSTICE", "zzz-no-such-word"):
        expected = {str(r) for g in reports for r in statements(g, RG.Recommendation)
                    if text.lower() in str(g.value(r, RG.action)).lower()
                    or text.lower() in str(g.value(r, RG.quote)).lower()}
        assert {r["recommendation"] for r in run("who-called-for", text=text)} == expected


def _assert_paragraphs_in_order(rows) -> None:
    for r in rows:
        numbers = [int(n) for n in r["paragraphs"].split()]
        assert numbers == sorted(set(numbers)), r


def _per_concept(reports, prop) -> Counter:
    return Counter(str(c) for g in reports for r in statements(g, RG.Recommendation)
                   for c in set(g.objects(r, prop)))


def test_recommendations_by_gcm_objective(run, reports):
    rows = run("recommendations-by-gcm-objective")
    assert Counter({r["gcmObjective"]: int(r["recommendations"]) for r in rows}) == \
        _per_concept(reports, RG.gcmObjective)
    _assert_paragraphs_in_order(rows)


def test_recommendations_by_sdg_target(run, reports):
    rows = run("recommendations-by-sdg-target")
    assert Counter({r["sdgTarget"]: int(r["recommendations"]) for r in rows}) == \
        _per_concept(reports, RG.sdgTarget)
    _assert_paragraphs_in_order(rows)


def test_recommendation_specificity(run, reports):
    count, scored, scores = Counter(), Counter(), defaultdict(list)
    for g in reports:
        for r in statements(g, RG.Recommendation):
            for by in set(g.objects(r, RG.recommendedBy)):
                count[str(by)] += 1
                if (s := g.value(r, RG.specificity)) is not None:
                    scored[str(by)] += 1
                    scores[str(by)].append(int(s))
    rows = run("recommendation-specificity")
    assert Counter({r["recommender"]: int(r["recommendations"]) for r in rows}) == count
    for r in rows:
        assert int(r["withScore"]) == scored[r["recommender"]]
        if scores[r["recommender"]]:
            assert int(r["highest"]) == max(scores[r["recommender"]])


def test_mandate_chain(run, reports):
    expected = set()
    for g in reports:
        for report in g.subjects(RDF.type, RG.Report):
            for res in g.objects(report, RG.requestedBy):
                meetings = [m for m in g.subjects(RG.summarizedIn, report)
                            if (m, RG.requestedBy, res) in g]
                for m in meetings or [None]:
                    date = g.value(m, DCTERMS.date) if m else None
                    expected.add((str(res), str(m or ""), str(date or ""), str(report)))
    rows = run("mandate-chain")
    assert {(r["resolution"], r["meeting"], r["meetingDate"], r["report"]) for r in rows} == expected


def test_commitments_by_actor(run, reports):
    expected = set()
    for g in reports:
        for c in statements(g, RG.Commitment):
            for a in set(g.objects(c, RG.committedBy)) or {""}:
                expected.add((str(a), str(c)))
    assert {(r["committedBy"], r["commitment"]) for r in run("commitments-by-actor")} == expected


def test_concerns_by_actor(run, reports):
    expected = set()
    for g in reports:
        for c in statements(g, RG.Concern):
            for a in set(g.objects(c, RG.concernOf)) or {""}:
                expected.add((str(a), str(c)))
    assert {(r["concernOf"], r["concern"]) for r in run("concerns-by-actor")} == expected


ROLE_PROPS = {RG.speaker: "speaker", RG.recommendedBy: "recommends", RG.addressedTo: "addressed",
              RG.reportedBy: "reports violation", RG.committedBy: "commits",
              RG.practiceOf: "practice", RG.concernOf: "concern", RG.attributedTo: "cites",
              RG.onBehalfOf: "spoken for", RG.source: "statistic source"}


def _appearances(reports, actor: URIRef) -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for g in reports:
        for p in g.objects(actor, RG.mentionedIn):
            out[(str(g.value(p, RG.inReport)), number(p, g))].add("named")
        for prop, role in ROLE_PROPS.items():
            for s in g.subjects(prop, actor):
                p = g.value(s, PROV.wasDerivedFrom)
                if p is not None:
                    out[(str(g.value(p, RG.inReport)), number(p, g))].add(role)
    return out


def test_actor_appearances(run, reports):
    from rightsgraph.querylib import find_query

    actors = {URIRef(next(p.default for p in find_query("actor-appearances").params))}
    for g in reports:  # and every actor the reports name, so the test bites once actors land
        actors |= set(g.subjects(RG.mentionedIn, None))
    order = ["named", *ROLE_PROPS.values()]  # each paragraph lists its roles in this order
    for actor in sorted(actors)[:25]:
        rows = run("actor-appearances", actor=str(actor))
        got = {(r["report"], r["paragraph"]): set(r["roles"].split(", ")) for r in rows}
        assert got == _appearances(reports, actor), actor
        for r in rows:
            assert r["roles"].split(", ") == sorted(r["roles"].split(", "), key=order.index), r


def test_footnote_sources(run, reports):
    expected = set()
    for g in reports:
        for n in g.subjects(RDF.type, RG.Footnote):
            p = g.value(n, RG.citedIn)
            urls = " ".join(sorted(str(u) for u in g.objects(n, SCHEMA.url)))
            expected.add((str(g.value(n, RG.inReport)), str(g.value(n, RG.footnoteNumber)),
                          number(p, g) if p is not None else "", urls))
    rows = run("footnote-sources")
    got = {(r["report"], r["footnote"], r["paragraph"], " ".join(sorted(r["urls"].split())))
           for r in rows}
    assert got == expected
    assert any(r["urls"].startswith("https://www.ohchr.org/") for r in rows)


def test_labels_come_from_vocabulary_graphs(run, vocab):
    """Concept labels live in the vocabulary graphs, not in report graphs: the English one."""
    for r in run("evidence-for-violation-type"):
        labels = {str(x) for x in vocab.objects(URIRef(r["violationType"]), SKOS.prefLabel)
                  if getattr(x, "language", None) == "en"}
        assert r["typeLabel"] == (min(labels) if labels else "")


def test_queries_readme_lists_every_query():
    """queries/README.md ends with the table `rightsgraph queries --format markdown` prints."""
    from rightsgraph.querylib import library
    from rightsgraph.render import library_markdown

    readme = (ROOT / "queries" / "README.md").read_text(encoding="utf-8")
    missing = [q for q in QUERIES if f"`{q}`" not in readme]
    assert missing == [], f"add a row for {missing} to queries/README.md"
    assert readme.endswith(library_markdown(library())), \
        "regenerate the table: rightsgraph queries --format markdown"


# ---------------------------------------------------------------- answers against the extraction gold

FACTS_GOLD = ROOT / "tests" / "data" / "gold" / f"{SEED.stem}.facts.json"
GOLD_TARGET = 0.85  # what extraction is held to on the seed (tests/test_extract_gold.py)


def _key(iri: str, report_iri: str) -> str:
    """A resource IRI back to its fact key (``state/COL``, ``group/participants``)."""
    scoped = report_iri.rstrip("/") + "/"
    if iri.startswith(scoped):
        return iri[len(scoped):]
    return iri.removeprefix("https://w3id.org/rightsgraph/id/").removeprefix("vocab/")


def _agreement(got: set, expected: set) -> tuple[float, float]:
    hit = len(got & expected)
    return (hit / len(got) if got else 1.0), (hit / len(expected) if expected else 1.0)


@pytest.fixture(scope="module")
def facts_gold() -> dict:
    import json

    if not FACTS_GOLD.exists():
        pytest.skip("no extraction gold for the seed yet")
    return json.loads(FACTS_GOLD.read_text(encoding="utf-8"))


def _seed_rows(rows, reports):
    seed = str(next(reports[0].subjects(RDF.type, RG.Report)))
    return seed, [r for r in rows if r.get("report", seed) == seed]


def test_evidence_for_violation_type_against_gold(run, reports, facts_gold):
    """Asked type by type, the evidence query finds the seed's violations as the gold lists them."""
    seed, _ = _seed_rows([], reports)
    expected = {(int(p), slug) for p, slug in facts_gold["violations"]}
    got = set()
    for slug in sorted({slug for _, slug in expected}):
        iri = f"https://w3id.org/rightsgraph/id/vocab/violation-type/{slug}"
        _, rows = _seed_rows(run("evidence-for-violation-type", type=iri), reports)
        got |= {(int(r["paragraph"]), slug) for r in rows if r["violationType"] == iri}
    expected_types = {slug for _, slug in expected}
    precision, recall = _agreement(got, expected)
    assert recall >= GOLD_TARGET and precision >= GOLD_TARGET, (precision, recall, expected_types)


@pytest.mark.parametrize("name,column,category", [
    ("commitments-by-actor", "committedBy", "commitments"),
    ("concerns-by-actor", "concernOf", "concerns"),
])
def test_statements_by_actor_against_gold(run, reports, facts_gold, name, column, category):
    seed, rows = _seed_rows(run(name), reports)
    got = {(int(r["paragraph"]), _key(r[column], seed)) for r in rows if r[column]}
    expected = {(int(p), k) for p, k in facts_gold[category]}
    precision, recall = _agreement(got, expected)
    assert recall >= GOLD_TARGET and precision >= GOLD_TARGET, (precision, recall)


def test_who_called_for_against_gold(run, reports, facts_gold):
    """Recommendations found by a word each of them contains ("to" in the action or quote is
    not guaranteed, so ask with a space: every multi-word action) against the gold recommenders."""
    seed, rows = _seed_rows(run("who-called-for", text=" "), reports)
    got = set()
    for r in rows:
        g = reports[0]
        for by in g.objects(URIRef(r["recommendation"]), RG.recommendedBy):
            got.add((int(r["paragraph"]), _key(str(by), seed)))
    expected = {(int(p), k) for p, k in facts_gold["recommendations"]}
    precision, recall = _agreement(got, expected)
    assert recall >= GOLD_TARGET and precision >= GOLD_TARGET, (precision, recall)
