"""Extraction III: the wording of the genre beyond the seed (rules found on the development
reports, kept general: each case below is a sentence of its own, not one of a report)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rightsgraph.extract import extract
from rightsgraph.parse import parse

HEAD = "I. Background\n\n"


def facts_of(*paragraphs: str):
    body = "".join(f"{n}. {text}\n\n" for n, text in enumerate(paragraphs, 1))
    return extract(parse(HEAD + body))


def violations(*paragraphs: str) -> set[str]:
    return {v.violation_type.split("/", 1)[1] for v in facts_of(*paragraphs).violations}


@pytest.mark.parametrize("text, kind", [
    ("Unaccompanied children had been separated from their relatives.", "family-separation"),
    ("Children had allegedly been held in police cells.", "deprivation-of-liberty"),
    ("Participants regretted the use of force against children during deportation.",
     "excessive-use-of-force"),
    ("Survivors said that they had been intercepted at sea and returned.", "pushback"),
    ("Migrants were abandoned by smugglers in the desert.", "denial-of-life-saving-assistance"),
    ("He was expelled from the country after a week.", "unlawful-expulsion-and-return"),
    ("About 2,000 people were expelled to the border in a single month.", "collective-expulsion"),
])
def test_surface_forms_of_the_genre(text, kind):
    assert kind in violations(text)


def test_the_first_of_two_conjoined_modifiers_names_its_own_type():
    assert {"racial-profiling", "religious-profiling"} <= violations(
        "Migrants faced racial and religious profiling at borders.")


@pytest.mark.parametrize("text", [
    "Collective expulsion of aliens is prohibited by international law.",
    "The principle protects people from return where they were at risk of violations, such as "
    "torture, ill-treatment and forced labour.",
    "The authorities ordered the administrative detention of 21 humanitarian vessels.",
    "She outlined residence permits for victims of trafficking.",
    "The mechanism allowed relatives to report disappearances.",
])
def test_norms_lists_of_risks_ships_and_measures_are_not_violations(text):
    assert violations(text) == set()


def test_the_items_of_a_recommendation_list_recommend_too():
    text = ("The Special Rapporteur recommends that States: (a) End the detention of children; "
            "(b) Refrain from pushbacks at borders.")
    facts = facts_of(text)
    assert facts.violations == ()
    assert len(facts.recommendations) == 2


def test_a_representative_who_reports_abuses_reports_violations():
    assert "deaths-and-disappearances" in violations(
        "The representative of Nigeria expressed alarm at the number of young people who died at sea.")
    assert violations("The representative of Norway referred to shelters for trafficked persons.") == set()


def concerns(*paragraphs: str) -> set[tuple[int, tuple[str, ...]]]:
    return {(int(c.evidence.paragraph), c.concern_of) for c in facts_of(*paragraphs).concerns}


@pytest.mark.parametrize("cue", ["deplored the fact that", "regretted that", "expressed alarm at",
                                 "condemned", "is alarmed that", "is particularly concerned about"])
def test_concern_cues(cue):
    text = f"The representative of Portugal {cue} children were held with adults."
    assert concerns(text) == {(1, ("state/PRT",))}


def test_commitment_cues():
    facts = facts_of("The representative of Malta said that his country was working with its neighbours "
                     "to identify victims. The representative of Kenya announced that it would open an "
                     "office.")
    assert {c.committed_by for c in facts.commitments} == {("state/MLT",), ("state/KEN",)}


def test_regression_a_reported_measure_is_a_practice_not_a_commitment():
    """Issue 22: 11 of the seed's 12 "commitments" were reported practices ("informed
    participants about the adoption of ..."), each duplicating the practice."""
    facts = facts_of("The representative of Thailand informed participants about a memorandum of "
                     "understanding adopted in 2019 that ended the detention of children. "
                     "The representative of Kenya referred to efforts to register children at birth. "
                     "The representative of Greece informed participants about the adoption of "
                     "legislative tools to protect migrants.")
    assert facts.commitments == ()
    assert {p.practice_of for p in facts.practices} == {("state/THA",), ("state/KEN",), ("state/GRC",)}


def test_a_pledge_of_future_action_is_a_commitment_of_its_actor():
    facts = facts_of("The representative of Chile pledged to close the detention centre by 2026. "
                     "OHCHR will continue to support States in implementing these recommendations.")
    assert [(c.committed_by, c.action[:5]) for c in facts.commitments] == [
        (("state/CHL",), "to cl"), (("org/ohchr",), "suppo")]


def test_practices_of_a_party_and_of_a_state_a_rapporteur_names():
    facts = facts_of(
        "The Special Rapporteur on the human rights of migrants, Jane Roe, presented the report.",
        "The representative of Tunisia described a national authority against trafficking. "
        "The Special Rapporteur notes, as a good practice, that Ecuador published its agreements.",
        "Several delegations shared examples of inclusive early warning systems.")
    practices = {(int(p.evidence.paragraph), p.practice_of) for p in facts.practices}
    assert {(2, ("state/TUN",)), (2, ("state/ECU",)), (3, ("group/several-participants",))} <= practices
    assert not any(p.practice_of == ("person/jane-roe",) for p in facts.practices)


def recommenders(*paragraphs: str) -> set[tuple[int, tuple[str, ...]]]:
    return {(int(r.evidence.paragraph), r.recommended_by) for r in facts_of(*paragraphs).recommendations}


def test_asked_that_recommends_and_inviting_to_take_the_floor_does_not():
    rec = recommenders(
        "The President of the Human Rights Council, John Doe, opened the debate and invited the "
        "panellists to take the floor.",
        "A woman with a disability described her journey. She asked that survivors be heard in every plan.")
    assert (2, ("person/woman-with-a-disability-2",)) in rec
    assert not any(n == 1 for n, _ in rec)


def test_the_council_as_subject_of_the_call_recommends():
    rec = recommenders("The moderator noted that the Council had repeatedly called for an end to the "
                       "practice.")
    assert (1, ("org/human-rights-council",)) in rec


def test_an_article_of_a_registry_instrument_is_cited_as_its_part():
    facts = facts_of("The principle is set out in article 3 of the Convention against Torture and Other "
                     "Cruel, Inhuman or Degrading Treatment or Punishment.")
    assert {c.instrument for c in facts.citations} == {"instrument/cat", "instrument/cat/article-3"}
    part = next(i for i in facts.instruments if i.key == "instrument/cat/article-3")
    assert part.part_of == "instrument/cat"


def test_counts_of_people_in_words_and_capitalised_nouns_are_statistics():
    facts = facts_of("More than 1.3 million Afghans were returned. At least three people have died. "
                     "The two segments were held in the morning.")
    assert {s.value for s in facts.statistics} == {Decimal(1300000), Decimal(3)}


def test_a_region_that_ends_an_organisations_name_is_not_a_place():
    facts = facts_of("The Regional Director of Save the Children for East and Southern Africa, Tom Roe, "
                     "spoke. Many migrants in Africa travel by land.")
    assert [p.key for p in facts.places] == ["place/africa"]
    facts = facts_of("The Regional Director of Save the Children for East and Southern Africa, Tom Roe, "
                     "spoke.")
    assert facts.places == ()


def test_a_currency_is_not_a_state_and_a_person_spoken_of_is_not_a_speaker():
    facts = facts_of("Workers paid fees of 3,000 United States dollars to brokers.",
                     "In one case, a worker from Peru died of heatstroke in the fields.",
                     "A worker from Peru described her journey.")
    assert not any(a.kind == "State" and a.iso3 == "USA" for a in facts.actors)
    people = {a.key for a in facts.actors if a.kind == "Person"}
    assert people == {"person/worker-from-peru-3"}


def test_an_office_named_by_its_title_alone_speaks_for_itself():
    facts = facts_of(
        "In the present report the United Nations High Commissioner for Human Rights examines "
        "working conditions.",
        "Some schemes have introduced safeguards. The High Commissioner notes as a good practice that "
        "Chile allows workers to change employers.",
        "The High Commissioner is concerned that workers were dismissed. The High Commissioner "
        "recommends that States protect workers.")
    office = ("org/high-commissioner-for-human-rights",)
    assert {(int(c.evidence.paragraph), c.concern_of) for c in facts.concerns} == {(3, office)}
    assert {(int(r.evidence.paragraph), r.recommended_by) for r in facts.recommendations} == {(3, office)}
    assert {(int(p.evidence.paragraph), p.practice_of) for p in facts.practices} == {(2, ("state/CHL",))}
    assert not any(a.key.endswith("participants") for a in facts.actors)  # "Some schemes have ..."


def test_a_call_for_input_recommends_nothing():
    rec = recommenders("The Special Rapporteur issued a call for input and received 30 submissions.",
                       "The Special Rapporteur calls for the release of all children.")
    assert {n for n, _ in rec} == {2}


def test_regression_call_made_by_a_former_holder_is_not_the_action():
    """Issue 22: an action read "made by a former holder of his mandate for the establishment ..."."""
    facts = facts_of(
        "The Special Rapporteur on the human rights of migrants, Jane Roe, presented the report. "
        "She reiterated the call made by a former holder of her mandate for the establishment of "
        "independent monitoring mechanisms. She joined civil society's call to the Council and "
        "States to establish an independent monitoring mechanism at borders.")
    actions = [r.action for r in facts.recommendations]
    assert actions == ["the establishment of independent monitoring mechanisms",
                       "to establish an independent monitoring mechanism at borders"]
    assert "group/states" in facts.recommendations[1].addressed_to


def test_regression_a_citation_in_a_list_of_delegations_is_its_delegation_s():
    """Issue 22: "Global Compact" in one item of the list of speaking delegations (and its
    footnote) was attributed to all of them."""
    facts = facts_of(
        "During the first segment, interventions were made by delegates of the following States "
        "and organizations: Algeria, Bangladesh, Morocco (in its national capacity and on behalf "
        "of the Global Compact champion countries), Panama and Human Rights Watch.")
    cited = [(c.instrument, c.cited_by) for c in facts.citations]
    assert cited == [("instrument/gcm", ("state/MAR",))]
