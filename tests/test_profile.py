"""The genre profile: chosen from a document's cover and structure, never its file name."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from tests.realcorpus import REAL, needs_real_corpus

from rightsgraph.ingest import ingest
from rightsgraph.parse import parse
from rightsgraph.pipeline import convert
from rightsgraph.profile import GENERIC, genres, profile

ROOT = Path(__file__).resolve().parents[1]
RG = "https://w3id.org/rightsgraph/ontology#"

GENRE_REPORTS = {
    "corpus/a-hrc-57-migrants-in-transit.md": "hrc-panel-summary",
    "tests/data/reports/a-hrc-55-29-disability-emergencies.md": "hrc-panel-summary",
    "tests/data/reports/a-hrc-56-40-children-detention.md": "hrc-panel-summary",
    "tests/data/reports/a-hrc-59-27-trafficking-at-sea.md": "hrc-panel-summary",
    "tests/data/reports/a-hrc-59-45-sr-return-readmission.md": "special-procedure-report",
    "tests/data/reports/ga-79-special-rapporteur-border-deaths.md": "special-procedure-report",
    "tests/data/reports/a-hrc-60-28-agricultural-migrant-workers.md": GENERIC,
}


def _doc(path: Path, name: str | None = None):
    text = ingest(path)
    return parse(text.text, name=name or text.name, media_type=text.media_type, symbol=text.symbol)


@pytest.mark.parametrize("rel", sorted(GENRE_REPORTS))
def test_genre_of_the_reports_of_our_own(rel):
    assert profile(_doc(ROOT / rel)).genre == GENRE_REPORTS[rel]


def test_the_file_name_plays_no_part(tmp_path):
    source = ROOT / "tests/data/reports/a-hrc-59-45-sr-return-readmission.md"
    renamed = tmp_path / "upr-working-group-report-a-hrc-43-15.md"
    renamed.write_bytes(source.read_bytes())
    assert profile(_doc(renamed)).genre == "special-procedure-report"


def test_a_symbol_alone_does_not_make_a_genre():
    doc = parse("A note\n\n1. Some text about nothing in particular.\n", symbol="A/HRC/40/15")
    assert profile(doc).genre == GENERIC


def test_cover_and_symbol_make_a_upr_working_group_report():
    text = ("Report of the Working Group on the Universal Periodic Review\n\nSlovenia\n\n"
            "1. The Working Group on the Universal Periodic Review held its session.\n")
    p = profile(parse(text, symbol="A/HRC/43/15"))
    assert (p.genre, p.pack, p.subject) == ("upr-working-group-report",
                                             "upr-working-group-report", "state/SVN")


def test_every_genre_has_a_concept_in_the_genre_scheme():
    scheme = (ROOT / "ontology/vocab/genre.ttl").read_text(encoding="utf-8")
    for genre in (*(g.slug for g in genres()[1]), GENERIC):
        assert f"genre:{genre} a skos:Concept, rg:Genre" in scheme


def test_the_report_names_its_genre():
    graph = convert(ROOT / "tests/data/reports/a-hrc-59-45-sr-return-readmission.md").graph
    genres_of = set(graph.objects(None, URIRef(RG + "genre")))
    assert genres_of == {URIRef("https://w3id.org/rightsgraph/id/vocab/genre/special-procedure-report")}


REAL_GENRES = {
    "upr/a-hrc-43-15-upr-working-group-report.pdf": ("upr-working-group-report", "state/SVN"),
    "upr/a-hrc-43-15-add1-views-on-recommendations.pdf": ("upr-views", "state/SVN"),
    "upr/a-hrc-wg6-34-svn-1-national-report.pdf": ("upr-national-report", "state/SVN"),
    "upr/a-hrc-wg6-34-svn-2-compilation.pdf": ("upr-compilation", "state/SVN"),
    "upr/a-hrc-43-2-hrc-session-report.pdf": ("hrc-session-report", None),
    "upr/a-hrc-wg6-34-svn-3-stakeholders-summary.pdf": ("upr-stakeholders-summary", "state/SVN"),
    "crpd/Slovenia_2018_CRPD_C_SVN_CO_1.pdf": ("treaty-concluding-observations", "state/SVN"),
    "crpd/Ghana_2022_CRPD_C_GHA_Q_1.pdf": ("treaty-list-of-issues", "state/GHA"),
    "crpd/Japan_2022_CRPD_C_JPN_RQ_1.pdf": ("treaty-replies-to-list-of-issues", "state/JPN"),
    "crpd/Canada_2022_CRPD_C_CAN_2-3.pdf": ("treaty-state-party-report", "state/CAN"),
}


@needs_real_corpus
@pytest.mark.parametrize("rel", sorted(REAL_GENRES))
def test_genre_of_real_documents(rel):
    p = profile(_doc(REAL / rel, name="document.pdf"))
    assert (p.genre, p.subject) == REAL_GENRES[rel]
    if p.genre.startswith("treaty-concluding"):
        assert p.author == "org/crpd"
