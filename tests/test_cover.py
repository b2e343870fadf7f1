"""The cover and the language of a document: real UN covers against a gold file read by eye,
covers as a reader may hand them (one printed line per line, or columns merged), and documents
in a language the rules are not written for (structure, no facts)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from realcorpus import REAL, needs_real_corpus
from rightsgraph.emit import emit
from rightsgraph.emit.terms import RG
from rightsgraph.errors import InputError
from rightsgraph.extract import extract, structure_only
from rightsgraph.facts import Facts
from rightsgraph.ingest import ingest
from rightsgraph.parse import parse
from rightsgraph.parse.metadata import read_front_matter

GOLD = json.loads((Path(__file__).parent / "data" / "real-covers.json").read_text(encoding="utf-8"))
COVERS = sorted(k for k, v in GOLD.items() if not k.startswith("_") and "title" in v)
LANGUAGES = sorted(k for k in GOLD if not k.startswith("_"))
XSD_LANGUAGE = URIRef("http://www.w3.org/2001/XMLSchema#language")


@cache
def _real(name: str):
    """The parsed real document (ingest of a real PDF takes seconds: once per document)."""
    try:
        return parse(ingest(REAL / name).text, name=name)
    except InputError as e:
        return e


def _document(name: str):
    doc = _real(name)
    if isinstance(doc, InputError):
        pytest.xfail(f"the parser refuses the document's body, so its cover is not reached: {doc}")
    return doc


@needs_real_corpus
@pytest.mark.parametrize("name", COVERS)
def test_real_cover_matches_gold(name):
    exp, doc = GOLD[name], _document(name)
    got = {"symbol": doc.symbol, "date": str(doc.distribution_date), "body": doc.body,
           "session": doc.session, "title": doc.title, "state": doc.state,
           "original": list(doc.original_languages)}
    want = {"symbol": exp["symbol"], "date": exp["date"], "body": exp["body"],
            "session": exp["session"], "title": exp["title"], "state": exp["state"],
            "original": exp["original"]}
    if "subtitle" in exp:
        got["subtitle"], want["subtitle"] = doc.subtitle, exp["subtitle"]
    if "received" in exp:
        got["received"], want["received"] = str(doc.date_received), exp["received"]
    assert got == want


@needs_real_corpus
@pytest.mark.parametrize("name", LANGUAGES)
def test_real_language_detected(name):
    assert _document(name).language == GOLD[name]["language"]


@needs_real_corpus
@pytest.mark.parametrize("name", ["crpd/Greece_2019_CRPD_C_GRC_CO_1.pdf",
                                  "crpd-scale/Norway_UnknownYear_CRPD_C_NOR_CO_1.pdf"])
def test_real_other_language_gives_structure_and_no_facts(name):
    doc = _document(name)
    facts = extract(doc)
    assert facts == Facts(genre=facts.genre)  # its genre, and not one fact
    assert facts.notes == (f"language {doc.language}: structure only",)
    graph = emit(doc, facts)
    paragraphs = set(graph.subjects(RDF.type, RG.Paragraph))
    assert len(paragraphs) == len(doc.paragraphs) > 20
    assert not set(graph.subjects(RG.quote, None))  # no statement of any kind
    report = next(graph.subjects(RDF.type, RG.Report))
    assert graph.value(report, DCTERMS.language) == Literal(doc.language, datatype=XSD_LANGUAGE)
    assert graph.value(report, DCTERMS.title).language == doc.language


FRENCH = """Nations Unies CRPD/C/XYZ/CO/1

Distr. générale
7 mai 2019

Original : anglais

Comité des droits des personnes handicapées

Observations finales concernant le rapport initial de la Norvège*

I. Introduction

1. Le Comité a examiné le rapport initial de la Norvège à ses séances, les 20 et 21 mars 2019. \
Il a adopté les présentes observations finales à sa séance du 3 avril 2019.

2. Le Comité est préoccupé par la détention arbitraire de personnes handicapées et recommande \
que l'État partie mette fin à la torture, aux mauvais traitements et à la traite des personnes.

3. Le Comité recommande à l'État partie de ratifier le Protocole facultatif et de garantir \
l'accès des migrants et des réfugiés à la justice.
"""

SPANISH = """Naciones Unidas CRPD/C/XYZ/CO/1

Distr. general
29 de octubre de 2019

Original: inglés

Comité sobre los Derechos de las Personas con Discapacidad

Observaciones finales sobre el informe inicial de Grecia*

I. Introducción

1. El Comité examinó el informe inicial de Grecia en sus sesiones celebradas los días 3 y 4 de \
septiembre de 2019, y aprobó las presentes observaciones finales.

2. Al Comité le preocupa la detención arbitraria de migrantes con discapacidad y recomienda que \
el Estado parte ponga fin a la tortura, la trata de personas y la violencia contra las mujeres.

3. El Comité recomienda al Estado parte que ratifique el Protocolo Facultativo y garantice el \
acceso a la justicia de los refugiados y los solicitantes de asilo.
"""


@pytest.mark.parametrize("text,lang", [(FRENCH, "fr"), (SPANISH, "es")], ids=["fr", "es"])
def test_regression_other_language_gets_no_english_rule_facts(text, lang):
    """French and Spanish text once got facts from English rules (issue 20): now every
    paragraph and the cover, and not one fact."""
    doc = parse(text)
    assert doc.language == lang and [p.number for p in doc.paragraphs] == [1, 2, 3]
    assert structure_only(doc) == f"language {lang}: structure only"
    facts = extract(doc)
    assert facts == Facts(genre=facts.genre) and facts.genre == "genre/treaty-concluding-observations"
    assert doc.title.startswith("Observ") and doc.distribution_date in (date(2019, 5, 7), date(2019, 10, 29))
    assert doc.original_languages == ("en",) and doc.body_key == "crpd"
    graph = emit(doc, facts)
    tagged = [o for o in graph.objects() if isinstance(o, Literal) and o.language]
    assert {o.language for o in tagged if o.language != "en"} == {lang}
    assert all(o.language == lang for o in graph.objects(None, DCTERMS.title))


def test_build_summary_says_structure_only(tmp_path):
    report = tmp_path / "fr.md"
    report.write_text(FRENCH, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "rightsgraph", "build", str(report),
                           "--store", str(tmp_path / "store"), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("crpd-c-xyz-co-1:"))
    assert "3 paragraphs" in line and line.endswith("published, language fr: structure only")


CRPD_LINES = ["United Nations", "CRPD/C/ABC/CO/2-3", "Convention on the Rights", "Distr.: General",
              "7 December 2023", "of Persons with Disabilities", "English", "Original: Spanish",
              "Committee on the Rights of Persons with Disabilities",
              "Concluding observations on the combined second and third",
              "periodic reports of Argentina*",
              "* Adopted by the Committee at its twenty-ninth session."]
UPR_MERGED = ["United Nations A/HRC/WG.6/34/SVN/2", "General Assembly Distr.: General 30 August 2019",
              "Original: English English, French and Spanish only",
              "Human Rights Council Working Group on the Universal Periodic Review Thirty-fourth session",
              "4–15 November 2019", "Compilation on Slovenia",
              "Report of the Office of the United Nations High Commissioner for", "Human Rights"]


def test_cover_line_by_line():
    fm = read_front_matter(CRPD_LINES)
    assert (fm.symbol, fm.distribution_date, fm.original_languages) == (
        "CRPD/C/ABC/CO/2-3", date(2023, 12, 7), ("es",))
    assert fm.body == "Committee on the Rights of Persons with Disabilities" and fm.assembly is None
    assert fm.title == ("Concluding observations on the combined second and third periodic "
                        "reports of Argentina")
    assert fm.subtitle is None and fm.session is None


def test_cover_with_merged_columns():
    fm = read_front_matter(UPR_MERGED)
    assert (fm.symbol, fm.assembly, fm.distribution_date) == (
        "A/HRC/WG.6/34/SVN/2", "General Assembly", date(2019, 8, 30))
    assert fm.bodies == ("Human Rights Council", "Working Group on the Universal Periodic Review")
    assert (fm.session, fm.session_dates) == (34, "4–15 November 2019")
    assert fm.title == "Compilation on Slovenia"
    assert fm.subtitle == "Report of the Office of the United Nations High Commissioner for Human Rights"
    assert fm.original_languages == ("en",)
