"""The attribution API: who states the sentence at an offset of a paragraph."""

from __future__ import annotations

import pytest

from conftest import DATA
from rightsgraph.extract.speakers import attribute
from rightsgraph.facts import Facts
from rightsgraph.ingest import ingest
from rightsgraph.parse import parse


@pytest.fixture(scope="module")
def seed_attribution(seed_doc):
    return attribute(seed_doc, Facts())


@pytest.fixture(scope="module")
def children():
    doc = parse(ingest(DATA / "reports" / "a-hrc-56-40-children-detention.md").text)
    return doc, attribute(doc, Facts())


def _at(doc, attribution, n: int, phrase: str) -> tuple[str, ...]:
    text = doc.paragraph(n).text
    assert phrase in text
    return attribution.speaker_at(str(n), text.index(phrase))


@pytest.mark.parametrize(("n", "phrase", "speakers"), [
    (5, "The United Nations High Commissioner for Human Rights, Volker", ("person/volker-turk",)),
    (5, "He stressed that the physical", ("person/volker-turk",)),
    (6, "The High Commissioner reiterated", ("person/volker-turk",)),
    (9, "Mr. Hernandez recalled", ("person/joel-hernandez",)),
    (12, "He explained that", ("person/migrant-12",)),
    (14, "Ms. Puig noted", ("person/almudena-puig",)),
    (17, "Participants highlighted", ("group/participants",)),
    (19, "Some participants focused", ("group/some-participants",)),
    (20, "It was stressed that divisive", ("group/participants",)),
    (25, "The representative also referred", ("state/GRC",)),
    (26, "The representative of the Bolivarian Republic", ("state/VEN",)),
    (42, "The representative added", ("state/MEX",)),
    (43, "Mr. Madi urged", ("person/gehad-madi",)),
    (44, "He urged for countering", ("person/lansana-alison-gberie",)),
])
def test_seed_speaker_at(seed_doc, seed_attribution, n, phrase, speakers):
    assert _at(seed_doc, seed_attribution, n, phrase) == speakers


def test_delegation_list_sentence_names_every_delegate(seed_doc, seed_attribution):
    speakers = _at(seed_doc, seed_attribution, 16, "interventions were made")
    assert "state/DZA" in speakers and "org/queen-mary-university-of-london" in speakers


def test_background_sentences_have_no_meeting_speaker(seed_doc, seed_attribution):
    speakers = _at(seed_doc, seed_attribution, 2, "The Council")
    assert not any(k.startswith(("person/", "group/")) for k in speakers)


@pytest.mark.parametrize(("n", "phrase", "speakers"), [
    (4, "Ms. Skelton reported", ("person/ann-marie-skelton",)),
    (6, "She called upon States", ("person/young-woman-6",)),
    (8, "The representative of Portugal", ("state/PRT",)),
    (9, "Several participants called", ("group/several-participants",)),
    (10, "The moderator thanked", ("person/marcelo-vasquez-bermudez",)),
])
def test_genre_speaker_at(children, n, phrase, speakers):
    doc, attribution = children
    assert _at(doc, attribution, n, phrase) == speakers


def test_cues_are_exact_quotes(seed_doc, seed_attribution):
    for turn in seed_attribution.turns:
        text = seed_doc.paragraph(turn.paragraph).text
        assert text[turn.cue.start : turn.cue.end] == turn.cue.quote


_PANEL_REPORT = "\n\n".join((
    'United Nations',
    'A/HRC/99/1',
    '**Human Rights Council**',
    '**Ninety-ninth session**',
    '**Panel discussion on the rights of travellers**',
    '**Summary report of the Office of the United Nations High Commissioner for Human Rights**',
    '**Summary**',
    'The present report summarizes the panel discussion on the rights of travellers, which '
    'was held on 3 March 2031.',
    '**I. Introduction**',
    '1. By its resolution 98/7, the Human Rights Council decided to convene a panel '
    'discussion.',
    '2. In the same resolution, the Council recognizing the shared responsibilities of '
    'States, requested the Office to prepare a report.',
    '**II. Summary of the discussion**',
    '**A. Contributions of the panellists**',
    '3. The Chair of the Working Group on Travel, Ada Quill, opened the discussion. A '
    'survivor described his journey. He recommended that States ensure safe passage.',
    '**B. Plenary discussion**',
    '4. Other good practices shared included ensuring access to justice. Some participants '
    'noted with concern that travellers were detained. They called for alternatives to '
    'detention. A strong call was made for independent monitoring.',
)) + "\n"


@pytest.fixture(scope="module")
def panel():
    doc = parse(_PANEL_REPORT)
    return doc, attribute(doc, Facts())


def test_the_council_in_a_resolution_sentence_speaks_for_itself(panel):
    doc, attribution = panel
    assert _at(doc, attribution, 2, "In the same resolution") == ("org/human-rights-council",)


def test_an_unattributed_plenary_sentence_is_the_participants(panel):
    doc, attribution = panel
    assert _at(doc, attribution, 4, "Other good practices") == ("group/participants",)


def test_an_agentless_passive_after_they_is_the_plenary_again(panel):
    doc, attribution = panel
    assert _at(doc, attribution, 4, "They called for") == ("group/some-participants",)
    assert _at(doc, attribution, 4, "A strong call was made") == ("group/participants",)


def test_facts_name_an_unnamed_speaker_as_interventions_do(panel):
    from rightsgraph.extract import extract

    doc, _ = panel
    facts = extract(doc)
    speakers = {i.speaker for i in facts.interventions if i.evidence.paragraph == "3"}
    recommenders = {k for r in facts.recommendations if r.evidence.paragraph == "3" for k in r.recommended_by}
    assert recommenders == {"person/survivor-3"} and recommenders <= speakers
    assert "person/survivor-3" in {a.key for a in facts.actors}
