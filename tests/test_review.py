"""Human review: decisions re-applied on every rebuild, anchored by fact IRI or by quote,
checked by the gate; the review CLI."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import UTC, datetime

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF

from rightsgraph.emit import emit
from rightsgraph.emit.terms import RG
from rightsgraph.facts import Evidence, ViolationReport
from rightsgraph.iris import DEFAULT_BASE
from rightsgraph.review import append_review, apply_reviews, new_review, read_reviews
from rightsgraph.review.anchor import FactIndex
from rightsgraph.review.build import gate_graph
from rightsgraph.review.status import agreement, cohen_kappa
from rightsgraph.validate import validate

WHEN = datetime(2026, 12, 4, 3, 0, tzinfo=UTC)


def decide(rid, decision, fact=None, reviewer="ana-soto", **fields):
    if isinstance(fact, str):
        fields = {"fact": fact, **fields}
    elif fact is not None:
        fields = {"fact": str(fact.node)[len(DEFAULT_BASE):], "kind": fact.kind,
                  "paragraph": fact.paragraph, "start": fact.start, "quote": fact.quote, **fields}
    return new_review(rid, decision, reviewer, time=WHEN, **fields)


@pytest.fixture(scope="module")
def seed_review(seed_converted, tmp_path_factory):
    """The seed reviewed: 5 rejected, 5 corrected, 5 added, 2 merges, in a reviews folder."""
    converted = seed_converted
    rid = converted.report_id
    index = FactIndex(converted.graph, DEFAULT_BASE)
    violations = sorted((f for f in index.facts.values() if f.kind == "violation"),
                        key=lambda f: (f.paragraph, f.start, str(f.node)))
    firsts, seen = [], set()
    for f in violations:  # one violation per paragraph, ten paragraphs
        if f.paragraph not in seen:
            seen.add(f.paragraph)
            firsts.append(f)
    rejects, corrects = firsts[:5], firsts[5:10]
    reviews = [decide(rid, "reject", f, note="not a violation") for f in rejects]
    for f in corrects:
        old = str(converted.graph.value(f.node, RG.violationType)).rsplit("/", 1)[1]
        new = "xenophobia" if old != "xenophobia" else "hate-speech"
        reviews.append(decide(rid, "correct", f, values=(("violationType", f"violation-type/{new}"),)))
    added = []
    for n in sorted(index.paragraphs, key=lambda k: (len(k), k))[4:9]:
        text = index.text(n)
        words = text.split()[2:5]
        quote = " ".join(words)
        start = text.index(quote)
        added.append((n, quote))
        reviews.append(decide(rid, "add", kind="violation", paragraph=n, start=start, quote=quote,
                              values=(("violationType", "violation-type/pushback"),
                                      ("reportedBy", "org/human-rights-council"))))
    persons = sorted(a.key for a in converted.facts.actors if a.kind == "Person" and not a.report_scoped)
    merges = [(persons[0], persons[1]), (persons[2], persons[3])]
    for kept, other in merges:
        reviews.append(decide(rid, "merge", fact=kept, values=(("sameAs", other), ("label", "Kept"))))
    folder = tmp_path_factory.mktemp("reviews")
    for r in reviews:
        append_review(folder, r)
    return {"folder": folder, "rid": rid, "rejects": rejects, "corrects": corrects,
            "added": added, "merges": merges, "reviews": reviews}


def extractor_change(converted):
    """A new extractor: one more violation at the very start of every paragraph."""
    doc, facts = converted.document, converted.facts
    extra = tuple(ViolationReport("violation-type/extortion",
                                  Evidence(p.key, 0, len(p.text.split()[0]), p.text.split()[0]))
                  for p in doc.paragraphs if p.text.split())
    return emit(doc, dataclasses.replace(facts, violations=extra + facts.violations))


def test_review_file_is_one_line_per_decision_and_reads_back(seed_review):
    folder, rid = seed_review["folder"], seed_review["rid"]
    lines = (folder / f"{rid}.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "id,time,reviewer,decision,fact,kind,paragraph,start,quote,set,note"
    assert len(lines) == 1 + 17
    assert read_reviews(folder, rid) == seed_review["reviews"]


def test_all_17_decisions_apply_after_an_extractor_change_and_pass_the_gate(seed_converted,
                                                                            seed_review):
    changed = extractor_change(seed_converted)
    assert len(changed) > len(seed_converted.graph)  # the new extractor found more facts ...
    reviewed = apply_reviews(changed, read_reviews(seed_review["folder"], seed_review["rid"]))
    outcomes = reviewed.outcomes
    assert len(outcomes) == 17
    assert [o.status for o in outcomes] == ["applied"] * 17, [
        (o.review.decision, o.status, o.reason) for o in outcomes if o.status != "applied"]
    g = reviewed.graph
    for f in seed_review["rejects"]:  # ... earlier in the very paragraphs reviewed
        assert (f.node, None, None) not in g
        assert any(str(n).startswith(str(f.node).rsplit("-", 1)[0].rsplit("/", 1)[0])
                   for n in g.subjects(RG.violationType, None))
    for f, r in zip(seed_review["corrects"], seed_review["reviews"][5:10], strict=True):
        value = r.values[0][1]
        assert set(g.objects(f.node, RG.violationType)) == {URIRef(DEFAULT_BASE + "vocab/" + value)}
        assert g.value(f.node, RG.reviewStatus) == URIRef(DEFAULT_BASE + "vocab/review-decision/correct")
    added = {(str(g.value(n, PROV.wasDerivedFrom)).rsplit("/", 1)[1], str(g.value(n, RG.quote)))
             for n in g.subjects(RG.reviewStatus, URIRef(DEFAULT_BASE + "vocab/review-decision/add"))}
    assert added == set(seed_review["added"])
    for kept, other in seed_review["merges"]:
        assert (URIRef(DEFAULT_BASE + kept), OWL.sameAs, URIRef(DEFAULT_BASE + other)) in reviewed.reviews
        facts = set(FactIndex(g, DEFAULT_BASE).facts)
        assert not any((f, None, URIRef(DEFAULT_BASE + other)) in g for f in facts)
    report = validate(gate_graph(reviewed))
    assert report.conforms, [(r.shape, r.message, r.focus) for r in report.blocking][:5]


def test_a_quote_that_disappears_is_reported_unanchored_and_the_others_apply(seed_converted,
                                                                             seed_review):
    """The paragraph of one rejected fact loses the rejected words: that decision is
    unanchored (with its reason), never applied to another fact; the 16 others apply."""
    lost = seed_review["rejects"][0]
    doc = seed_converted.document
    para = doc.paragraph(lost.paragraph)
    text = para.text[:lost.start] + "X" * len(lost.quote) + para.text[lost.start + len(lost.quote):]
    graph = Graph(identifier=seed_converted.graph.identifier)
    graph += seed_converted.graph
    pnode = FactIndex(graph, DEFAULT_BASE).paragraphs[lost.paragraph]
    graph.set((pnode, RG.text, Literal(text, lang=graph.value(pnode, RG.text).language)))
    for f in list(graph.subjects(PROV.wasDerivedFrom, pnode)):  # the extractor finds other words
        if str(graph.value(f, RG.quote)) == lost.quote:
            graph.remove((f, None, None))
    reviewed = apply_reviews(graph, read_reviews(seed_review["folder"], seed_review["rid"]))
    statuses = {o.review.id: o for o in reviewed.outcomes}
    gone = statuses[seed_review["reviews"][0].id]
    assert gone.status == "unanchored" and "quotes these words" in gone.reason
    assert [o.status for o in reviewed.outcomes].count("applied") == 16
    assert reviewed.unanchored == [gone]


def test_a_fact_under_a_new_iri_is_reanchored_by_its_quote(seed_converted, seed_review):
    """The extractor now gives a reviewed fact another type (another IRI): the decision
    follows the quote, in the same paragraph."""
    f = seed_review["rejects"][1]
    graph = Graph(identifier=seed_converted.graph.identifier)
    graph += seed_converted.graph
    moved = URIRef(str(f.node).rsplit("-", 1)[0] + "-0123456789")
    for p, o in list(graph.predicate_objects(f.node)):
        graph.add((moved, p, o))
    graph.remove((f.node, None, None))
    reviewed = apply_reviews(graph, read_reviews(seed_review["folder"], seed_review["rid"]))
    outcome = next(o for o in reviewed.outcomes if o.review == seed_review["reviews"][1])
    assert (outcome.status, outcome.target) == ("reanchored", str(moved)[len(DEFAULT_BASE):])
    assert (moved, None, None) not in reviewed.graph


def _gate(reviewed):
    return {r.shape for r in validate(gate_graph(reviewed)).violations}


def test_gate_refuses_a_correction_of_a_missing_fact_or_of_the_wrong_class(seed_converted,
                                                                           seed_review):
    rid = seed_review["rid"]
    fact = seed_review["corrects"][0]
    wrong = decide(rid, "correct", fact, values=(("violationType", "theme/detention"),))
    reviewed = apply_reviews(seed_converted.graph, [wrong])
    assert "CorrectionValueShape" in _gate(reviewed)
    actor = decide(rid, "correct", fact, values=(("reportedBy", "violation-type/pushback"),))
    assert "CorrectionValueShape" in _gate(apply_reviews(seed_converted.graph, [actor]))
    good = decide(rid, "correct", fact, values=(("violationType", "violation-type/pushback"),))
    reviewed = apply_reviews(seed_converted.graph, [good])
    assert not _gate(reviewed)
    record = next(reviewed.reviews.subjects(RDF.type, RG.ReviewDecision))
    reviewed.reviews.set((record, PROV.wasRevisionOf, URIRef(str(fact.node) + "0")))
    assert "ReviewedFactShape" in _gate(reviewed)


def test_gate_refuses_an_added_fact_whose_quote_is_not_in_its_paragraph(seed_converted,
                                                                        seed_review):
    rid, (n, quote) = seed_review["rid"], seed_review["added"][0]
    add = decide(rid, "add", kind="violation", paragraph=n, start=0, quote=quote,
                 values=(("violationType", "violation-type/pushback"),))
    reviewed = apply_reviews(seed_converted.graph, [add])
    assert not _gate(reviewed)
    record = next(reviewed.reviews.subjects(RDF.type, RG.ReviewDecision))
    reviewed.reviews.set((record, RG.reviewedQuote, Literal("words of no paragraph")))
    assert "AddedFactShape" in _gate(reviewed)


def test_cohen_kappa_per_fact_kind_for_two_reviewers():
    assert cohen_kappa(["a", "a"], ["a", "a"]) is None  # undefined, not 1 nor 0
    assert cohen_kappa(["a", "r", "a", "r"], ["a", "r", "a", "r"]) == 1.0
    rid = "a-hrc-99-1"
    reviews = []
    for i, (x, y) in enumerate([("accept", "accept"), ("reject", "reject"), ("accept", "reject"),
                                ("accept", "accept")]):
        fact = f"report/{rid}/violation/1-{i:010x}"
        reviews.append(new_review(rid, x, "ana", fact=fact, kind="violation", time=WHEN))
        reviews.append(new_review(rid, y, "ben", fact=fact, kind="violation", time=WHEN))
    reviews.append(new_review(rid, "accept", "ana", fact=f"report/{rid}/concern/1-0", kind="concern",
                              time=WHEN))
    result = agreement(reviews)
    assert result["violation"] == {"pair": "ana/ben", "items": 4, "kappa": 0.5}
    assert "concern" not in result  # only ana decided on it


def test_cli_review_writes_nothing_for_a_fact_or_quote_it_cannot_find(cli, seed_store, tmp_path):
    folder = tmp_path / "reviews"
    res = cli("review", "reject", "report/nope/violation/1-00", "--reviewer", "ana",
              "--store", str(seed_store), "--reviews", str(folder))
    assert res.returncode == 2 and "no fact" in res.stderr.decode()
    res = cli("review", "add", "hrc-57-intersessional-panel-discussion-human-rights-migrants",
              "--kind", "violation", "--paragraph", "3", "--quote", "words not in it",
              "--reviewer", "ana", "--store", str(seed_store), "--reviews", str(folder))
    assert res.returncode == 2 and "is not in paragraph 3" in res.stderr.decode()
    assert not any(folder.glob("*.csv"))


def test_cli_build_reports_unanchored_reviews_and_strict_blocks(cli, seed_converted, seed_review,
                                                                tmp_path, seed_path):
    """A rebuild of an edited report: the lost decision is listed, exit 0; --strict: exit 1."""
    lost = seed_review["rejects"][0]
    source = seed_path.read_text(encoding="utf-8")
    para = seed_converted.document.paragraph(lost.paragraph).text
    assert source.count(para[:60]) == 1
    edited = para[:lost.start] + "unreadable" + para[lost.start + len(lost.quote):]
    report = tmp_path / seed_path.name
    report.write_text(source.replace(para, edited), encoding="utf-8")
    args = ("build", str(report), "--reviews", str(seed_review["folder"]), "-j", "1",
            "--store", str(tmp_path / "store"), "--out", str(tmp_path / "out"))
    res = cli(*args)
    err = res.stderr.decode()
    assert res.returncode == 0, err
    assert "17 decisions, 16 applied as recorded, 0 re-anchored by their quote, 1 unanchored" in err
    assert seed_review["reviews"][0].id in err and "unanchored review decisions" in err
    strict = cli(*args[:-4], "--store", str(tmp_path / "store2"), "--out", str(tmp_path / "out2"),
                 "--strict")
    assert strict.returncode == 1, strict.stderr.decode()
    assert not (tmp_path / "out2" / "rightsgraph.ttl").exists()
    status = cli("review", "status", "--store", str(tmp_path / "store"), "--reviews",
                 str(seed_review["folder"]), "--format", "json")
    assert status.returncode == 0, status.stderr.decode()
    assert '"rejected": 4' in status.stdout.decode() and '"added": 5' in status.stdout.decode()
    export = cli("review", "export", "--store", str(tmp_path / "store"))
    rows = list(csv.DictReader(io.StringIO(export.stdout.decode())))
    assert sum(r["status"] == "add" for r in rows) == 5
    assert sum(r["status"] == "correct" for r in rows) == 5


def test_cli_publish_applies_reviews_and_publishes_the_review_graph(cli, seed_review, tmp_path,
                                                                    seed_path):
    graph = tmp_path / "seed.ttl"
    assert cli("convert", str(seed_path), "-o", str(graph)).returncode == 0
    store = tmp_path / "store"
    res = cli("publish", str(graph), "--reviews", str(seed_review["folder"]), "--store", str(store))
    assert res.returncode == 0, res.stderr.decode()
    assert "17 decisions, 17 applied as recorded" in res.stderr.decode()
    rid = seed_review["rid"]
    out = cli("export", "--format", "nq", "--store", str(store))
    quads = out.stdout.decode()
    review_graph = f"<https://w3id.org/rightsgraph/graph/review/{rid}>"
    assert quads.count("/ontology#ReviewDecision> " + review_graph) == 17
    rejected = str(seed_review["rejects"][0].node)
    assert f"<{rejected}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> " \
           f"<https://w3id.org/rightsgraph/ontology#ViolationReport>" not in quads
