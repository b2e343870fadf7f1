"""Actors and interventions against the hand-written gold files: precision and recall per category.

Guideline the gold files follow: one intervention per speaker per paragraph; a person keeps the
capacity in which they first spoke (a panellist's closing remarks stay a panellist's); "Participants",
"Some/Many/Several/Other participants" and agentless passives of a plenary ("It was stressed") are
the collective groups; delegation lists and written statements give one intervention per item.
"""

from __future__ import annotations

import json

import pytest

from conftest import GENRE_REPORTS, SEED
from gold_actors import gold_files, score

TARGETS = {"states": 0.95, "persons": 0.95, "organizations": 0.9, "interventions": 0.9,
           "person-attributes": 0.9}


@pytest.mark.parametrize("gold", gold_files(), ids=lambda p: p.name.removesuffix(".actors.json"))
def test_precision_and_recall_per_category(gold):
    for category, s in score(gold).items():
        assert s.precision >= TARGETS[category], (category, s)
        assert s.recall >= TARGETS[category], (category, s)


def test_seed_and_every_genre_report_have_an_actors_gold_file():
    reports = {json.loads(g.read_text(encoding="utf-8"))["report"].rsplit("/", 1)[1] for g in gold_files()}
    assert {p.name for p in GENRE_REPORTS} | {SEED.name} <= reports


def test_seed_titles_as_stated(seed_converted):
    path = next(g for g in gold_files() if g.name.startswith(SEED.stem))
    gold = json.loads(path.read_text(encoding="utf-8"))
    titles = {a.key: a.title for a in seed_converted.facts.actors if a.kind == "Person"}
    for person in gold["persons"]:
        assert titles[person["key"]] == person["title"]


@pytest.mark.parametrize("report", [SEED, *GENRE_REPORTS], ids=lambda p: p.stem)
def test_every_actor_and_intervention_quote_is_exact(report):
    from rightsgraph.pipeline import convert

    converted = convert(report)
    doc, facts = converted.document, converted.facts
    evidence = [i.evidence for i in facts.interventions] + [e for a in facts.actors for e in a.mentions]
    for ev in evidence:
        assert doc.paragraph(ev.paragraph).text[ev.start : ev.end] == ev.quote


def test_segments_follow_the_section_structure(seed_converted):
    segments = seed_converted.facts.meeting.segments
    assert [s.slug for s in segments] == ["opening", "segment-1", "segment-2", "concluding"]
    assert segments[1].sections == ("III", "III.A", "III.B")


def test_the_group_spoken_for_lists_its_members(seed_converted):
    groups = {a.key: a for a in seed_converted.facts.actors if a.kind == "ActorGroup"}
    assert groups["group/global-compact-champion-countries"].members == ("state/MAR",)
    behalf = [i for i in seed_converted.facts.interventions if i.on_behalf_of]
    assert [(i.speaker, i.on_behalf_of) for i in behalf] == [
        ("state/MAR", ("group/global-compact-champion-countries",))]


def test_unnamed_speakers_live_in_their_report(seed_converted):
    people = {a.key: a for a in seed_converted.facts.actors if a.kind == "Person"}
    assert people["person/migrant-12"].report_scoped
    assert not people["person/gehad-madi"].report_scoped
