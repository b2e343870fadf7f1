"""emit: every fact kind becomes triples with stable IRIs, evidence and provenance."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF

from rightsgraph.emit import emit
from rightsgraph.facts import (
    Actor,
    Citation,
    Commitment,
    Concern,
    Evidence,
    Facts,
    Instrument,
    Intervention,
    Meeting,
    Place,
    PromisingPractice,
    Recommendation,
    Segment,
    Statistic,
    ViolationReport,
)
from rightsgraph.parse import parse

RG = Namespace("https://w3id.org/rightsgraph/ontology#")
ID = "https://w3id.org/rightsgraph/id/"
TEXT = (
    "A/HRC/99/1\n\nHuman Rights Council\n\nNinety-ninth session\n\nA test report\n\n"
    "I. Panel\n\n1. The representative of Chile, Ana Soto, urged States to end detention.\n\n"
    "2. Over 1,200 people crossed the Darien in 2023, and were reportedly detained.\n"
)


def ev(doc, n, phrase):
    text = doc.paragraph(n).text
    start = text.index(phrase)
    return Evidence(str(n), start, start + len(phrase), phrase)


def sample():
    doc = parse(TEXT)
    facts = Facts(
        meeting=Meeting("A test panel", None, "instrument/resolution/hrc-1-1",
                        (Segment("segment-1", "First segment", 1, ("I",)),)),
        actors=(Actor("state/CHL", "State", "Chile", iso3="CHL"),
                Actor("person/ana-soto", "Person", "Ana Soto", title="representative",
                      represents="state/CHL", mentions=(ev(doc, 1, "Ana Soto"),)),
                Actor("group/participants", "ActorGroup", "participants", report_scoped=True)),
        interventions=(Intervention("person/ana-soto", "segment-1", "capacity/delegate",
                                    ev(doc, 1, "Ana Soto, urged States")),),
        violations=(ViolationReport("violation-type/arbitrary-detention", ev(doc, 2, "detained"),
                                    reported_by=("group/participants",),
                                    locations=("route/darien",), hedged=True),),
        recommendations=(Recommendation("end detention", ev(doc, 1, "urged States to end detention"),
                                        recommended_by=("person/ana-soto",),
                                        addressed_to=("group/participants",), specificity=3,
                                        specificity_rule="verb 'end' with an object"),),
        commitments=(Commitment("end detention", ev(doc, 1, "end detention"), ("state/CHL",)),),
        practices=(PromisingPractice("ending detention", ev(doc, 1, "end detention"), ("state/CHL",)),),
        concerns=(Concern("detention", ev(doc, 2, "reportedly detained"), ("group/participants",)),),
        instruments=(Instrument("instrument/resolution/hrc-1-1", "Resolution", "resolution 1/1",
                                identifier="1/1"),),
        citations=(Citation("instrument/resolution/hrc-1-1", ev(doc, 1, "urged")),),
        places=(Place("place/darien-province", "Place", "Darien province"),),
        statistics=(Statistic(Decimal(1200), "people crossed", ev(doc, 2, "Over 1,200 people"),
                              qualifier="more than", period="2023", about=("route/darien",)),),
    )
    return doc, facts


def test_every_fact_has_iri_evidence_and_provenance():
    doc, facts = sample()
    g = emit(doc, facts)
    rid = "a-hrc-99-1"
    kinds = {"intervention": RG.Intervention, "violation": RG.ViolationReport,
             "recommendation": RG.Recommendation, "commitment": RG.Commitment,
             "practice": RG.PromisingPractice, "concern": RG.Concern, "citation": RG.Citation,
             "statistic": RG.Statistic}
    for kind, cls in kinds.items():
        nodes = list(g.subjects(RDF.type, cls))
        assert len(nodes) == 1, kind
        node = nodes[0]
        assert str(node).startswith(f"{ID}report/{rid}/{kind}/")
        para = g.value(node, PROV.wasDerivedFrom)
        quote, start, end = (g.value(node, RG[p]) for p in ("quote", "start", "end"))
        assert str(g.value(para, RG.text))[int(start):int(end)] == str(quote)
        assert g.value(node, PROV.wasGeneratedBy) is not None
    # Chile is described once, in the registry graph; the report graph says what the report
    # says about it (its mentions) and repeats nothing of the registry's description
    from rightsgraph.emit.registry import registry_graph

    chile = URIRef(ID + "state/CHL")
    assert (chile, RG.iso3166Alpha3, Literal("CHL")) in registry_graph()
    assert (chile, RG.iso3166Alpha3, None) not in g
    assert not set(g) & set(registry_graph())
    assert (URIRef(f"{ID}report/{rid}/group/participants"), RDF.type, RG.ActorGroup) in g
    viol = next(g.subjects(RDF.type, RG.ViolationReport))
    assert g.value(viol, RG.location) == URIRef(ID + "vocab/route/darien")
    assert g.value(viol, RG.violationType) == URIRef(ID + "vocab/violation-type/arbitrary-detention")


def test_emit_is_deterministic():
    doc, facts = sample()
    assert isomorphic(emit(doc, facts), emit(doc, facts))
    assert sorted(emit(doc, facts)) == sorted(emit(doc, facts))


def statement_iris(graph) -> dict[str, URIRef]:
    """Each statement's IRI by its quote and type (what stays when facts come or go)."""
    out = {}
    for node in graph.subjects(PROV.wasGeneratedBy, None):
        out[(str(graph.value(node, RG.quote)), str(graph.value(node, RDF.type)))] = node
    return out


def test_fact_iri_is_stable_when_other_facts_of_its_paragraph_come_or_go():
    doc, facts = sample()
    before = statement_iris(emit(doc, facts))
    earlier = ViolationReport("violation-type/pushback", ev(doc, 2, "Over"))
    more = Facts(**{**facts.__dict__, "violations": (earlier, *facts.violations),
                    "recommendations": ()})
    after = statement_iris(emit(doc, more))
    assert set(before) - set(after) == {("urged States to end detention", str(RG.Recommendation))}
    assert set(after) - set(before) == {("Over", str(RG.ViolationReport))}
    assert all(after[k] == before[k] for k in before if k in after)
    assert before[("detained", str(RG.ViolationReport))] == URIRef(
        ID + "report/a-hrc-99-1/violation/2-2f4946996a")  # kind, paragraph, span, type: no rank


def test_same_kind_paragraph_span_and_type_is_one_fact_another_type_another():
    doc, facts = sample()
    twice = facts.violations[0]
    other = ViolationReport("violation-type/pushback", twice.evidence)
    g = emit(doc, Facts(**{**facts.__dict__, "violations": (twice, twice, other)}))
    nodes = set(g.subjects(RDF.type, RG.ViolationReport))
    assert len(nodes) == 2
    assert len({str(n).rsplit("/", 1)[1].split("-")[0] for n in nodes}) == 1  # both in ¶2


def test_fact_key_digest_collision_takes_the_full_digest(monkeypatch):
    from rightsgraph import iris
    from rightsgraph.emit import facts as emit_facts_module

    def short(*args, digits=iris.FACT_DIGEST):
        key = iris.fact_key(*args, digits=digits)
        return key if digits == 64 else key.rsplit("-", 1)[0] + "-0"  # every short digest clashes

    monkeypatch.setattr(emit_facts_module, "fact_key", short)
    doc, facts = sample()
    other = ViolationReport("violation-type/pushback", facts.violations[0].evidence)
    g = emit(doc, Facts(**{**facts.__dict__, "violations": (facts.violations[0], other)}))
    nodes = sorted(str(n) for n in g.subjects(RDF.type, RG.ViolationReport))
    assert nodes[0].endswith("/violation/2-0") and len(nodes[1].rsplit("-", 1)[1]) == 64
