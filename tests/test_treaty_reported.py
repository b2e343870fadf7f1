"""OHCHR compilations, stakeholders' summaries and national reports: who recommended what, on
small texts of each genre (tests/data/treaty/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rightsgraph.extract.compilation import extract_reported
from rightsgraph.extract.compilation_national import extract_own_report
from rightsgraph.extract.compilation_sources import stakeholders
from rightsgraph.extract.rulepack import load_pack
from rightsgraph.parse import parse

DATA = Path(__file__).resolve().parent / "data" / "treaty"


def _doc(name: str, symbol: str):
    return parse((DATA / name).read_text(encoding="utf-8"), symbol=symbol)


@pytest.fixture(scope="module")
def compilation():
    doc = _doc("compilation.md", "A/HRC/WG.6/34/SVN/2")
    return doc, extract_reported(doc, load_pack("en", "compilation"), subject="state/SVN")


def _recs(found):
    return [(str(r.evidence.paragraph), r.recommended_by, r.action) for r in found.recommendations]


def test_the_body_a_sentence_names_recommends(compilation):
    _, found = compilation
    assert ("2", ("org/cescr",), "ratify the ILO Convention No. 118") in _recs(found)
    assert ("3", ("org/ccpr",), "establish a national human rights institution") in _recs(found)
    assert ("4", ("org/unesco",), "decriminalize defamation") in _recs(found)  # "(UNESCO)" restates it


def test_it_was_recommended_takes_the_bodies_of_the_footnotes_symbols(compilation):
    _, found = compilation
    (first, *_) = found.recommendations
    assert first.recommended_by == ("org/cerd", "org/cescr")
    assert first.context.rule.endswith("it-was-recommended")
    assert first.context.sources == ("CERD/C/SVN/CO/8-11", "E/C.12/SVN/CO/2")


def test_anaphors_resolve_to_the_body_named_before(compilation):
    _, found = compilation
    recs = _recs(found)
    assert ("3", ("org/sr-minorities",), "adopt multi-year funding") in recs  # "She called on"
    assert ("4", ("org/ccpr",), "adopt a comprehensive strategy") in recs  # "The Committee", CCPR/C/...
    (concern,) = found.concerns
    assert concern.concern_of == ("org/ccpr",) and concern.description == "the backlog of cases"


def test_a_footnotes_see_also_is_not_a_source(compilation):
    _, found = compilation
    rec = next(r for r in found.recommendations if str(r.evidence.paragraph) == "3")
    assert rec.context.sources == ("CCPR/C/SVN/CO/3",)


def test_the_addressee_is_the_state_under_review(compilation):
    _, found = compilation
    assert {r.addressed_to for r in found.recommendations} == {("state/SVN",)}


@pytest.fixture(scope="module")
def summary():
    doc = _doc("stakeholders.md", "A/HRC/WG.6/34/SVN/3")
    pack = load_pack("en", "stakeholders")
    codes = stakeholders(doc, pack)
    return codes, extract_reported(doc, pack, subject="state/SVN", codes=codes)


def test_the_list_of_submissions_gives_each_code_an_actor(summary):
    codes, _ = summary
    keys = {code: a.key for code, a in codes.actors.items()}
    assert keys["AI"] == "org/amnesty-international"  # a registry body
    assert keys["JS2"] == "group/js2" and codes.actors["JS2"].report_scoped  # a joint submission
    assert keys["CoE-Commissioner"] == "org/coe-commissioner"  # an attachment, by its description
    assert keys["HRORS"] == "org/human-rights-ombudsman-of-the-republic-of-slovenia"


def test_stakeholders_named_by_code_recommend(summary):
    _, found = summary
    assert _recs(found)[0] == ("3", ("group/js2", "org/coe-commissioner"), "ratify the 1961 Convention")
    assert ("4", ("org/amnesty-international",), "provide adequate funding") in _recs(found)  # "It"
    assert [c.concern_of for c in found.concerns] == [("org/coe-acfc",)]


def test_as_recommended_is_not_a_recommendation(summary):
    _, found = summary
    assert "2" not in {str(r.evidence.paragraph) for r in found.recommendations}


NATIONAL = """National report submitted in accordance with paragraph 5 of the annex to Human Rights \
Council resolution 16/21

Slovenia

I. Introduction

1. This section presents information on the implementation of the recommendations.

II. Implementation

2. In May 2017, the Government established the Inter-ministerial Working Group. New amendments to \
the Act will be prepared again. The national communities have observed progress. Slovenia expects \
that the measure will reduce poverty.

3. Slovenia strives to promote co-existence and cultural exchange.
"""


def test_a_national_report_gives_the_states_practices_and_commitments():
    doc = parse(NATIONAL, symbol="A/HRC/WG.6/34/SVN/1")
    own = extract_own_report(doc, load_pack("en", "national-report"), subject="state/SVN")
    assert [(str(c.evidence.paragraph), c.action) for c in own.commitments] == [
        ("2", "New amendments to the Act will be prepared again"),
        ("3", "Slovenia strives to promote co-existence and cultural exchange")]
    assert [(str(p.evidence.paragraph), p.practice_of) for p in own.practices] == [("2", ("state/SVN",))]
    assert own.practices[0].description.startswith("In May 2017, the Government established")
