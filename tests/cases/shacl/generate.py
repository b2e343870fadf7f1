"""Regenerate the SHACL fixtures of this folder (run on purpose, then review the diff):

    .venv/bin/python tests/cases/shacl/generate.py

`valid.ttl` is a small report graph with every kind of statement, emitted by the real
`emit` from `tests/test_emit.py`'s sample and completed with the vocabulary concepts,
a footnote, an agenda item and an organisation, so that it conforms without any result.
Each case folder holds that graph broken in one way (`data.ttl`, or `data.trig` when the
graph must name itself) and `expect.txt`: the shape or check query that must report it and
the severity.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from rdflib import Graph

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

PREFIXES = """
PREFIX rg: <https://w3id.org/rightsgraph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

COMPLETE = """
INSERT DATA {
  rgid:report\\/a-hrc-99-1 dcterms:issued "2099-01-31"^^xsd:date ; rg:agendaItem r:agenda-item\\/3 .
  r:agenda-item\\/3 a rg:AgendaItem ; rg:agendaItemNumber "3" ; rdfs:label "Agenda item 3"@en .
  r:footnote\\/1 a rg:Footnote ; rdfs:label "Footnote 1"@en ; rg:footnoteNumber 1 ;
      rg:text "See A/HRC/1/1." ; rg:inReport rgid:report\\/a-hrc-99-1 ; rg:citedIn r:paragraph\\/1 .
  rgid:org\\/unhcr a rg:UNEntity ; rdfs:label "UNHCR"@en ; rg:acronym "UNHCR" .
  r:statistic\\/2-1 rg:source r:footnote\\/1 .
  r:recommendation\\/1-1 rg:addressedTo rgid:org\\/unhcr .
  rgid:vocab\\/capacity\\/delegate a skos:Concept ; skos:inScheme rgid:vocab\\/capacity .
  rgid:vocab\\/violation-type\\/arbitrary-detention a skos:Concept ;
      skos:inScheme rgid:vocab\\/violation-type .
  rgid:vocab\\/route\\/darien a skos:Concept, rg:MigrationRoute ; skos:inScheme rgid:vocab\\/route ;
      rdfs:label "Darien"@en .
  rgid:vocab\\/theme\\/detention a skos:Concept ; skos:inScheme rgid:vocab\\/theme .
  rgid:vocab\\/capacity a skos:ConceptScheme . rgid:vocab\\/violation-type a skos:ConceptScheme .
  rgid:vocab\\/route a skos:ConceptScheme . rgid:vocab\\/theme a skos:ConceptScheme .
  r:paragraph\\/1\\/item\\/a a rg:SubParagraph ; rdfs:label "Paragraph 1 (a)"@en ; rg:label "(a)" ;
      rg:partOf r:paragraph\\/1 ; rg:text "The" ; rg:textStart 0 ; rg:textEnd 3 .
  r:annex\\/1 a rg:Annex ; rdfs:label "Annex"@en ; rg:order 1 ; rg:inReport rgid:report\\/a-hrc-99-1 .
  rgid:report\\/a-hrc-99-1 rg:hasAnnex r:annex\\/1 .
}
"""

CASES: dict[str, tuple[str, str, str]] = {
    # documents
    "report-identifier-missing": ("ReportShape", "Violation",
        "DELETE WHERE { rgid:report\\/a-hrc-99-1 dcterms:identifier ?x }"),
    "report-date-missing": ("ReportMetadataShape", "Warning",
        "DELETE WHERE { rgid:report\\/a-hrc-99-1 dcterms:issued ?x }"),
    "section-number-arabic": ("SectionShape", "Violation",
        "DELETE { ?s rg:sectionNumber ?n } INSERT { ?s rg:sectionNumber \"1\" } "
        "WHERE { ?s rg:sectionNumber ?n }"),
    "paragraph-text-missing": ("ParagraphShape", "Violation",
        "DELETE WHERE { r:paragraph\\/1 rg:text ?t }"),
    "footnote-number-string": ("FootnoteShape", "Violation",
        "DELETE { r:footnote\\/1 rg:footnoteNumber ?n } INSERT { r:footnote\\/1 rg:footnoteNumber \"1\" } "
        "WHERE { r:footnote\\/1 rg:footnoteNumber ?n }"),
    "footnote-uncited": ("FootnoteCitedShape", "Warning",
        "DELETE WHERE { r:footnote\\/1 rg:citedIn ?p }"),
    "subparagraph-label-missing": ("SubParagraphShape", "Violation",
        "DELETE WHERE { r:paragraph\\/1\\/item\\/a rg:label ?l }"),
    "annex-order-missing": ("AnnexShape", "Violation",
        "DELETE WHERE { r:annex\\/1 rg:order ?o }"),
    "agenda-item-number-missing": ("AgendaItemShape", "Violation",
        "DELETE WHERE { r:agenda-item\\/3 rg:agendaItemNumber ?n }"),
    "paragraph-numbering-gap": ("ParagraphGapShape", "Warning",
        "INSERT DATA { r:paragraph\\/5 a rg:Paragraph ; rdfs:label \"Paragraph 5\"@en ; "
        "rg:paragraphNumber 5 ; rg:text \"Five.\" ; rg:inReport rgid:report\\/a-hrc-99-1 }"),
    "paragraph-numbering-duplicate": ("ParagraphNumberingShape", "Violation",
        "DELETE { r:paragraph\\/2 rg:paragraphNumber 2 } INSERT { r:paragraph\\/2 rg:paragraphNumber 1 } "
        "WHERE {}"),
    "dangling-link": ("DanglingLinkShape", "Violation",
        "INSERT DATA { r:violation\\/2-1 rg:reportedBy rgid:org\\/nobody-typed-this }"),
    # events
    "meeting-report-missing": ("MeetingShape", "Violation",
        "DELETE WHERE { r:meeting rg:summarizedIn ?r }"),
    "segment-meeting-missing": ("SegmentShape", "Violation",
        "DELETE WHERE { ?s rg:inMeeting ?m }"),
    "intervention-speaker-missing": ("InterventionShape", "Violation",
        "DELETE WHERE { r:intervention\\/1-1 rg:speaker ?s }"),
    # actors
    "actor-label-missing": ("ActorShape", "Violation",
        "DELETE WHERE { rgid:person\\/ana-soto rdfs:label ?l }"),
    "state-iso-missing": ("StateShape", "Violation",
        "DELETE WHERE { rgid:state\\/CHL rg:iso3166Alpha3 ?c }"),
    "state-iso-lowercase": ("StateShape", "Violation",
        "DELETE { rgid:state\\/CHL rg:iso3166Alpha3 ?c } "
        "INSERT { rgid:state\\/CHL rg:iso3166Alpha3 \"chl\" } "
        "WHERE { rgid:state\\/CHL rg:iso3166Alpha3 ?c }"),
    "organization-with-iso-code": ("OrganizationShape", "Violation",
        "INSERT DATA { rgid:org\\/unhcr rg:iso3166Alpha3 \"UNH\" }"),
    "person-represents-two": ("PersonShape", "Violation",
        "INSERT DATA { rgid:person\\/ana-soto rg:represents rgid:org\\/unhcr }"),
    "group-member-literal": ("ActorGroupShape", "Violation",
        "INSERT DATA { r:group\\/participants rg:member \"Chile\" }"),
    # violations
    "violation-hedged-missing": ("ViolationReportShape", "Violation",
        "DELETE WHERE { r:violation\\/2-1 rg:hedged ?h }"),
    "violation-type-from-theme-scheme": ("ViolationReportShape", "Violation",
        "DELETE { r:violation\\/2-1 rg:violationType ?t } "
        "INSERT { r:violation\\/2-1 rg:violationType rgid:vocab\\/theme\\/detention } "
        "WHERE { r:violation\\/2-1 rg:violationType ?t }"),
    # commitments
    "recommendation-recommender-missing": ("RecommendationPartiesShape", "Warning",
        "DELETE WHERE { r:recommendation\\/1-1 rg:recommendedBy ?a }"),
    "recommendation-addressee-missing": ("RecommendationPartiesShape", "Warning",
        "DELETE WHERE { r:recommendation\\/1-1 rg:addressedTo ?a }"),
    "recommendation-addressee-literal": ("RecommendationShape", "Violation",
        "INSERT DATA { r:recommendation\\/1-1 rg:addressedTo \"States\" }"),
    "commitment-action-missing": ("CommitmentShape", "Violation",
        "DELETE WHERE { r:commitment\\/1-1 rg:action ?a }"),
    "commitment-actor-missing": ("CommitmentActorShape", "Warning",
        "DELETE WHERE { r:commitment\\/1-1 rg:committedBy ?a }"),
    "practice-description-missing": ("PromisingPracticeShape", "Violation",
        "DELETE WHERE { r:practice\\/1-1 rg:description ?d }"),
    "concern-description-missing": ("ConcernShape", "Violation",
        "DELETE WHERE { r:concern\\/2-1 rg:description ?d }"),
    # instruments
    "instrument-label-missing": ("InstrumentShape", "Violation",
        "DELETE WHERE { rgid:instrument\\/resolution\\/hrc-1-1 rdfs:label ?l }"),
    "citation-cites-missing": ("CitationShape", "Violation",
        "DELETE WHERE { r:citation\\/1-1 rg:cites ?i }"),
    # places
    "place-label-missing": ("PlaceShape", "Violation",
        "DELETE WHERE { rgid:place\\/darien-province rdfs:label ?l }"),
    "route-not-a-route-concept": ("MigrationRouteShape", "Violation",
        "INSERT DATA { rgid:place\\/darien-province a rg:MigrationRoute }"),
    # statistics
    "statistic-value-string": ("StatisticShape", "Violation",
        "DELETE { r:statistic\\/2-1 rg:value ?v } INSERT { r:statistic\\/2-1 rg:value \"1200\" } "
        "WHERE { r:statistic\\/2-1 rg:value ?v }"),
    "statistic-source-missing": ("StatisticSourceShape", "Info",
        "DELETE WHERE { r:statistic\\/2-1 rg:source ?s }"),
    # evidence
    "recommendation-derivation-missing": ("EvidenceShape", "Violation",
        "DELETE WHERE { r:recommendation\\/1-1 prov:wasDerivedFrom ?p }"),
    "quote-changed": ("QuoteShape", "Violation",
        "DELETE { r:concern\\/2-1 rg:quote ?q } INSERT { r:concern\\/2-1 rg:quote \"reportedly released\" } "
        "WHERE { r:concern\\/2-1 rg:quote ?q }"),
    "paragraph-of-another-report": ("SameReportShape", "Violation",
        "DELETE { r:concern\\/2-1 prov:wasDerivedFrom ?p } "
        "INSERT { r:concern\\/2-1 prov:wasDerivedFrom rgid:report\\/other\\/paragraph\\/2 . "
        "  rgid:report\\/other\\/paragraph\\/2 rg:text ?t ; rg:paragraphNumber 2 } "
        "WHERE { r:concern\\/2-1 prov:wasDerivedFrom ?p . ?p rg:text ?t }"),
    "extraction-activity-used-missing": ("ExtractionActivityShape", "Violation",
        "DELETE WHERE { r:extraction prov:used ?r }"),
    # check queries
    "second-report-in-graph": ("one-report-violation", "Violation",
        "INSERT DATA { rgid:report\\/zz-second a rg:Report ; rdfs:label \"Second\"@en ; "
        "dcterms:identifier \"zz\" ; dcterms:title \"Second\"@en ; "
        "dcterms:issued \"2099-01-01\"^^xsd:date }"),
    "state-iri-other-iso": ("state-iri-iso-violation", "Violation",
        "DELETE { rgid:state\\/CHL rg:iso3166Alpha3 ?c } "
        "INSERT { rgid:state\\/CHL rg:iso3166Alpha3 \"PER\" } "
        "WHERE { rgid:state\\/CHL rg:iso3166Alpha3 ?c }"),
    "statement-iri-other-paragraph": ("statement-iri-paragraph-violation", "Violation",
        "DELETE { r:commitment\\/1-1 prov:wasDerivedFrom ?p } "
        "INSERT { r:commitment\\/1-1 prov:wasDerivedFrom r:paragraph\\/2 } "
        "WHERE { r:commitment\\/1-1 prov:wasDerivedFrom ?p }"),
    "paragraph-source-overlap": ("paragraph-source-order-violation", "Violation",
        "DELETE { r:paragraph\\/2 rg:sourceStart ?s } INSERT { r:paragraph\\/2 rg:sourceStart 100 } "
        "WHERE { r:paragraph\\/2 rg:sourceStart ?s }"),
    "section-cycle": ("section-cycle-violation", "Violation",
        "INSERT { ?s rg:subSectionOf ?s } WHERE { ?s a rg:Section }"),
    "segment-same-order": ("segment-order-violation", "Violation",
        "INSERT { r:segment\\/segment-2 a rg:Segment ; rdfs:label \"Second\"@en ; rg:inMeeting r:meeting ; "
        "rg:order 1 } WHERE {}"),
    "statement-extracted-twice": ("duplicate-statement-warning", "Warning",
        "INSERT { r:concern\\/2-2 ?p ?o } WHERE { r:concern\\/2-1 ?p ?o }"),
    # the universal periodic review
    "recommendation-number-not-numbered": ("NumberedRecommendationShape", "Violation",
        "INSERT DATA { r:recommendation\\/1-1 rg:recommendationNumber \"first\" }"),
    "response-status-missing": ("RecommendationResponseShape", "Violation",
        "INSERT DATA { r:response\\/4.1 a rg:RecommendationResponse ; "
        "rg:responseTo r:recommendation\\/4.1 }"),
    "genre-from-theme-scheme": ("GenreShape", "Violation",
        "INSERT DATA { rgid:report\\/a-hrc-99-1 rg:genre rgid:vocab\\/theme\\/detention }"),
}
TRIG = {"second-report-in-graph"}


ID = "https://w3id.org/rightsgraph/id/"


def expand(update: str) -> str:
    """``rgid:state\\/CHL`` and ``r:paragraph\\/1`` (this report) to full IRIs: rdflib's
    SPARQL parser keeps the backslash of an escaped ``/`` in a prefixed name."""
    def full(m: re.Match) -> str:
        head = ID if m.group(1) == "rgid" else ID + "report/a-hrc-99-1/"
        return f"<{head}{m.group(2).replace(chr(92), '')}>"

    return PREFIXES + re.sub(r"\b(rgid|r):((?:[A-Za-z0-9._-]|\\/)+)", full, update)


def valid_graph() -> Graph:
    from rightsgraph.emit import emit
    from test_emit import sample

    doc, facts = sample()
    graph = emit(doc, facts)
    graph.update(expand(COMPLETE))
    return graph


def main() -> None:
    from pyoxigraph import RdfFormat

    from rightsgraph.serialize import serialize

    base = valid_graph()
    (HERE / "valid.ttl").write_bytes(serialize(base))
    for name, (shape, severity, update) in CASES.items():
        graph = Graph(identifier=base.identifier)
        for t in base:
            graph.add(t)
        graph.update(expand(update))
        folder = HERE / name
        folder.mkdir(exist_ok=True)
        for old in folder.glob("data.*"):
            old.unlink()
        if name in TRIG:
            (folder / "data.trig").write_bytes(serialize(graph, RdfFormat.TRIG))
        else:
            (folder / "data.ttl").write_bytes(serialize(graph))
        (folder / "expect.txt").write_text(f"shape: {shape}\nseverity: {severity}\n")


if __name__ == "__main__":
    main()
