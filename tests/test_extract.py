"""Extraction II: evidence offsets, sentence splitting, figures, vocabulary forms, specificity."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Namespace

from rightsgraph.extract.figures import find_figures
from rightsgraph.extract.recommendations import specificity
from rightsgraph.extract.vocab import find_concepts

RG = Namespace("https://w3id.org/rightsgraph/ontology#")
KINDS = ("violations", "recommendations", "commitments", "practices", "concerns", "citations", "statistics")


def test_every_fact_quote_is_the_paragraph_text_at_its_offsets(seed_converted):
    doc, facts = seed_converted.document, seed_converted.facts
    count = 0
    for kind in KINDS:
        for fact in getattr(facts, kind):
            ev = fact.evidence
            assert doc.paragraph(ev.paragraph).text[ev.start : ev.end] == ev.quote, (kind, fact)
            count += 1
    assert count > 200


def test_every_quote_in_the_seed_graph_matches_its_paragraph(seed_converted):
    rows = seed_converted.graph.query(
        """SELECT ?s ?q ?a ?b ?text WHERE { ?s rg:quote ?q ; rg:start ?a ; rg:end ?b ;
             <http://www.w3.org/ns/prov#wasDerivedFrom> ?p . ?p rg:text ?text }""",
        initNs={"rg": RG},
    )
    assert len(rows) > 200
    for _s, q, a, b, text in rows:
        assert str(text)[int(a) : int(b)] == str(q)


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("more than half a million people", Decimal(500000), None),
        ("over 2.5 million migrants", Decimal(2500000), None),
        ("an estimated 36 per cent of them", Decimal(36), "percent"),
        ("pointing to over 29,000 victims", Decimal(29000), None),
        ("within seventy-two hours", Decimal(72), None),
    ],
)
def test_figures_in_numerals_and_words(text, value, unit):
    (figure,) = find_figures(text)
    assert (figure.value, figure.unit) == (value, unit)


def test_statistics_leave_out_years_references_and_ages(seed_converted):
    values = {s.value for s in seed_converted.facts.statistics}
    assert not values & {Decimal(2023), Decimal(2024), Decimal(18), Decimal(1), Decimal("53")}


def test_statistic_source_is_the_footnote_of_its_sentence(seed_converted):
    sourced = [s for s in seed_converted.facts.statistics if any(k.startswith("footnote/") for k in s.source)]
    assert sourced


@pytest.mark.parametrize(
    "text, ref",
    [
        ("faced pushbacks at borders", "violation-type/pushback"),
        ("they were pushed back", "violation-type/pushback"),
        ("multiple push-backs", "violation-type/pushback"),
        ("were detained for months", "violation-type/deprivation-of-liberty"),
        ("kidnappings and homicides", "violation-type/kidnapping"),
    ],
)
def test_vocabulary_matches_word_forms(text, ref):
    assert ref in {m.ref for m in find_concepts(text, "violation-type")}


def test_non_refoulement_is_not_refoulement():
    assert not find_concepts("the principle of non-refoulement", "violation-type")


@pytest.mark.parametrize(
    "action, level",
    [
        ("to ratify the Convention", 5),
        ("Create a forensic data bank within two years", 5),
        ("to consider alternatives", 3),
        ("to continue their efforts", 2),
        ("to share good practices", 1),
        ("to strengthen cooperation", 4),
    ],
)
def test_specificity_levels(action, level):
    assert specificity(action)[0] == level


def test_coordinated_actions_are_split_one_recommendation_each(seed_converted):
    recs = [r for r in seed_converted.facts.recommendations if r.action.startswith("to ")]
    by_sentence = {}
    for r in recs:
        by_sentence.setdefault((r.evidence.paragraph, tuple(r.recommended_by)), []).append(r)
    assert max(len(v) for v in by_sentence.values()) >= 5


def test_explicit_objective_and_target_are_linked(seed_converted):
    from conftest import GENRE_REPORTS
    from rightsgraph.pipeline import convert

    ga = convert(next(p for p in GENRE_REPORTS if p.stem.startswith("ga-")))
    rec = next(r for r in ga.facts.recommendations if "objective 8" in r.action)
    assert "gcm-objective/objective-8" in rec.gcm_objectives
    assert "sdg-target/target-10-7" in rec.sdg_targets
    parts = {i.key: i.part_of for i in ga.facts.instruments}
    assert parts["instrument/gcm/objective-8"] == "instrument/gcm"
    assert parts["instrument/sdg/target-10-7"] == "instrument/2030-agenda"
