"""Violations in the genre's own wording: phrases, the longest of overlapping mentions, and
generic types made specific by their sentence (rules found on the development reports; each
case is a sentence written for the test, not one of a report)."""

from __future__ import annotations

import pytest

from rightsgraph.extract.violation_phrases import phrase_mentions
from test_extract_genre import facts_of, violations


@pytest.mark.parametrize("text, kind", [
    ("Travellers said they had been bought and sold along the road.", "slavery"),
    ("Men were auctioned at a market near the coast.", "slavery"),
    ("Guards whipped the detainees.", "physical-violence"),
    ("Several said they had been starved for days.", "denial-of-food-and-water"),
    ("The women were locked in a house for weeks.", "deprivation-of-liberty"),
    ("The captain was later found dead on a beach.", "deaths-and-disappearances"),
    ("Smugglers demanded money from the families.", "extortion"),
    ("Two fishers had been thrown overboard.", "unlawful-killing"),
    ("The dinghy was left drifting for three days.", "denial-of-life-saving-assistance"),
    ("Hundreds of people were rounded up in the capital.", "arbitrary-detention"),
    ("An activist was arrested at the airport.", "arbitrary-detention"),
    ("People were held in crowded holding facilities.", "immigration-detention"),
    ("He was deported the following week.", "unlawful-expulsion-and-return"),
    ("They had no access to a lawyer during the procedure.", "denial-of-access-to-justice"),
    ("Orders were issued without an interview.", "lack-of-individual-assessment"),
    ("People were driven back to the border at night.", "pushback"),
    ("Women had been strip-searched by guards.", "ill-treatment"),
    ("The police forced the men to undress in the street.", "ill-treatment"),
    ("Lawyers were subjected to disciplinary proceedings.", "harassment-of-human-rights-defenders"),
    ("Recruiters forced the girls to sell sex in bars.", "sexual-exploitation"),
    ("The boys were made to work on farms.", "forced-labour"),
    ("An agent kept their passports for months.", "confiscation-of-property"),
    ("Their phones were taken at the checkpoint.", "confiscation-of-property"),
    ("She worked for a year to repay a debt to the recruiter.", "debt-bondage"),
    ("The crew recovered 12 bodies from the water.", "deaths-and-disappearances"),
    ("No one had been held accountable for the shooting.", "impunity"),
    ("Prosecutions of the smugglers remained rare.", "impunity"),
    ("Survivors were fined for using false documents.", "criminalization-of-migration"),
])
def test_phrases_and_forms_of_the_genre(text, kind):
    assert kind in violations(text)


def test_a_phrase_names_only_its_object_so_the_words_around_stay_free():
    assert {"ill-treatment", "confiscation-of-property"} <= violations(
        "They were stripped of their clothes and phones.")
    assert {"criminalization-of-migration", "deprivation-of-liberty"} <= violations(
        "Victims were imprisoned for using false documents.")
    assert {"pushback", "refoulement", "torture"} <= violations(
        "The boat was intercepted and they were returned to a country where they faced torture.")


def test_the_longest_of_overlapping_mentions_wins():
    assert violations("The returnees were detained incommunicado for a month.") == {"arbitrary-detention"}
    assert violations("Families were kept in pre-removal detention.") == {"immigration-detention"}


@pytest.mark.parametrize("text, kind, not_kind", [
    ("Migrants were kept in detention to enforce their removal.", "immigration-detention",
     "deprivation-of-liberty"),
    ("Voluntary return was offered to people in detention.", "immigration-detention",
     "deprivation-of-liberty"),
    ("Children continued to be detained because of their parents' migration status.",
     "immigration-detention-of-children", "deprivation-of-liberty"),
    ("He described his detention and deportation after an age assessment.", "deprivation-of-liberty",
     "immigration-detention"),
    ("Children were detained in police stations.", "deprivation-of-liberty",
     "immigration-detention-of-children"),
    ("Dozens were deported within hours of their arrest.", "arbitrary-deportation",
     "unlawful-expulsion-and-return"),
])
def test_a_generic_type_takes_the_specific_one_its_sentence_gives(text, kind, not_kind):
    found = violations(text)
    assert kind in found and not_kind not in found


@pytest.mark.parametrize("text", [
    "The panel discussed the protection of victims of trafficking.",
    "Officials worked on the identification of trafficked persons.",
    "Independent monitoring of forced returns was discussed.",
])
def test_measures_about_a_violation_do_not_report_it(text):
    assert violations(text) == set()


def test_a_sentence_without_the_words_of_a_phrase_is_not_scanned_for_it():
    assert phrase_mentions("Nothing of the kind happened here.") == []
    assert [m.ref for m in phrase_mentions("Their PASSPORTS were taken.")] == [
        "violation-type/confiscation-of-property"]


def test_a_name_of_the_type_is_the_evidence_before_a_phrase():
    facts = facts_of("People were intercepted, pushed and pulled back to the coast.")
    assert [v.evidence.quote for v in facts.violations] == ["pulled back"]
