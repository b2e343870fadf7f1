"""Treaty-body concluding observations: the rule pack rules/en/treaty-co on small inline texts."""

from __future__ import annotations

import dataclasses

import pytest

from rightsgraph.extract.rulepack import load_pack
from rightsgraph.extract.treaty import extract_observations
from rightsgraph.extract.treaty_rules import series_of, symbols_in, top_items
from rightsgraph.parse import parse

CO = """Concluding observations on the second periodic report of Slovenia

I. Introduction

1. The Committee considered the second periodic report of Slovenia at its 600th meeting.

II. Principal areas of concern and recommendations

A. Equality and non-discrimination (art. 5)

2. The Committee is concerned about:
(a) The lack of harmonization of national legislation with the Convention;
(b) The absence of remedies for the denial of reasonable accommodation.

3. The Committee recommends that the State party:
(a) Review its national legislation and bring it into line with the Convention;
(b) Provide remedies for the denial of reasonable accommodation; and
(c) Train judges on the rights of persons with disabilities.

B. Accessibility (art. 9)

4. The Committee notes with concern the inaccessibility of public transport. It is also concerned that \
websites of public authorities are not accessible.

5. Recalling its general comment No. 2 (2014), the Committee, in close consultation with organizations \
of persons with disabilities, urges the State party to adopt an accessibility plan with time-bound targets.

6. The Committee reiterates its previous recommendations (CRPD/C/SVN/CO/1, para. 15) and the \
recommendation of the Committee on the Rights of the Child (CRC/C/SVN/CO/3-4, para. 9) that the State \
party adopt an accessibility act.

III. Follow-up

7. The Committee welcomes the adoption of the Accessibility Act in 2019.

8. The Committee requests the State party to submit, within 12 months, information on the measures taken.
"""


@pytest.fixture(scope="module")
def observations():
    doc = parse(CO, symbol="CRPD/C/SVN/CO/2-3")
    return extract_observations(doc, load_pack("en", "treaty-co"), author="org/crpd", subject="state/SVN")


def _by_paragraph(facts):
    """Facts by the key of their paragraph (its number as a string in a single numbering)."""
    out: dict[str, list] = {}
    for f in facts:
        out.setdefault(str(f.evidence.paragraph), []).append(f)
    return out


def test_a_listed_concern_is_one_concern_per_sub_item(observations):
    concerns = _by_paragraph(observations.concerns)["2"]
    assert [c.context.sub_item for c in concerns] == ["(a)", "(b)"]
    assert concerns[0].description == "The lack of harmonization of national legislation with the Convention"
    assert all(c.concern_of == ("org/crpd",) for c in concerns)


def test_a_listed_recommendation_is_one_recommendation_per_sub_item(observations):
    recs = _by_paragraph(observations.recommendations)["3"]
    assert [r.context.sub_item for r in recs] == ["(a)", "(b)", "(c)"]
    assert recs[1].action == "Provide remedies for the denial of reasonable accommodation"  # "; and" left out
    assert {r.addressed_to for r in recs} == {("state/SVN",)}
    assert {r.recommended_by for r in recs} == {("org/crpd",)}


def test_quotes_are_exact_substrings_of_their_paragraph(observations):
    doc = parse(CO, symbol="CRPD/C/SVN/CO/2-3")
    for f in (*observations.recommendations, *observations.concerns):
        text = doc.paragraph(f.evidence.paragraph).text
        assert text[f.evidence.start:f.evidence.end] == f.evidence.quote


def test_every_concern_sentence_of_a_paragraph_is_a_concern(observations):
    concerns = _by_paragraph(observations.concerns)["4"]
    assert [c.description for c in concerns] == [
        "the inaccessibility of public transport",
        "websites of public authorities are not accessible",
    ]
    assert [c.context.rule for c in concerns] == ["treaty-co/notes-with-concern", "treaty-co/concerned"]


def test_the_committee_as_subject_after_a_clause_and_the_action_after_the_addressee(observations):
    (rec,) = _by_paragraph(observations.recommendations)["5"]
    assert rec.action == "adopt an accessibility plan with time-bound targets"
    assert rec.context.rule == "treaty-co/recommends"
    assert rec.context.sub_item is None


def test_the_heading_above_and_its_article(observations):
    (rec,) = _by_paragraph(observations.recommendations)["5"]
    assert rec.context.heading == "Accessibility (art. 9)"
    assert "instrument/crpd/article-9" in rec.instruments
    assert "instrument/crpd/article-9" in {i.key for i in observations.instruments}


def test_reiterating_links_the_committees_own_previous_observations_only(observations):
    (rec,) = _by_paragraph(observations.recommendations)["6"]
    assert rec.context.rule == "treaty-co/reiterates-recommendation"
    assert rec.context.reiterates == ("CRPD/C/SVN/CO/1",)  # not the other Committee's CRC/C/SVN/CO/3-4


def test_welcoming_is_neither_concern_nor_recommendation(observations):
    paragraphs = {str(f.evidence.paragraph) for f in (*observations.recommendations, *observations.concerns)}
    assert "1" not in paragraphs and "7" not in paragraphs
    assert "8" in paragraphs  # "requests the State party to submit": a recommendation of the follow-up


def test_a_language_without_a_pack_has_no_rules():
    assert load_pack("es", "treaty-co") is None
    assert load_pack("en", "treaty-co") is not None


def test_symbols_and_their_series():
    assert symbols_in("See CCPR/C/SVN/CO/3, para. 6 and E/C.12/SVN/CO/2, para. 9.") == [
        "CCPR/C/SVN/CO/3", "E/C.12/SVN/CO/2"]
    assert series_of("E/C.12/SVN/CO/2").body == "cescr"
    assert series_of("CRPD/C/EU/CO/1").treaty == "crpd"
    assert series_of("A/HRC/40/64/Add.1") is None


def test_sub_items_are_the_top_level_sequence_only():
    doc = parse("1. The Committee recommends that the State party: (a) Adopt a law under article 4 (3), "
                "including (i) a plan; (b) Report (c) on it.\n")
    assert [i.label for i in top_items(doc.paragraphs[0])] == ["(a)", "(b)", "(c)"]


def test_the_european_union_as_the_party_of_its_concluding_observations():
    """Regression: the EU's symbol (CRPD/C/EU/CO/1) names no State, and where the symbol is read
    from the cover only (the profile's, not the document's), the party was left out."""
    from rightsgraph.extract import extract

    doc = parse("United Nations CRPD/C/EU/CO/1\n\n"
                "Concluding observations on the initial report of the European Union\n\n"
                "1. The Committee recommends that the European Union ratify the Optional Protocol.\n")
    # the cover reader now reads this masthead's symbol; the document without it is the old case
    assert doc.symbol == "CRPD/C/EU/CO/1"
    for variant in (doc, dataclasses.replace(doc, symbol=None)):
        recs = [r for r in extract(variant).recommendations if r.context]
        assert [(r.addressed_to, r.recommended_by, r.action) for r in recs] == [
            (("org/european-union",), ("org/crpd",), "ratify the Optional Protocol")]
