"""The document model's structure in the graph: paragraph keys, sub-paragraphs, annexes.

Paragraph IRIs stay unique when a document has annexes, a numbering that restarts or a number
printed twice; sub-items (a), (b), (ii) are rg:SubParagraph of their paragraph; annexes rg:Annex.
"""

from __future__ import annotations

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF

from rightsgraph.emit import emit
from rightsgraph.extract import extract
from rightsgraph.parse import parse
from rightsgraph.validate import validate

RG = Namespace("https://w3id.org/rightsgraph/ontology#")
ID = "https://w3id.org/rightsgraph/id/report/a-hrc-99-2/"
TEXT = (
    "A/HRC/99/2\n\nHuman Rights Council\n\nNinety-ninth session\n\nA structured report\n\n"
    "I. Questions\n\n"
    "1. The Committee recommends that the State party:\n(a) Adopt a law;\n(b) Ensure:\n"
    "(i) access to justice;\n(ii) legal aid; and\n(c) Report on article 4 (1) (a).\n\n"
    "2. The Committee is concerned.\n\n"
    "II. Replies\n\n1. The State party replies.\n\n"
    "Annex\n\n"
    "I. Questions\n\n1. An annexed paragraph.\n\n1. An annexed paragraph printed twice.\n"
)


def _graph():
    doc = parse(TEXT, report_id="a-hrc-99-2")
    return doc, emit(doc, extract(doc))


def test_paragraph_iris_are_unique_across_parts_and_annexes():
    doc, g = _graph()
    assert [p.key for p in doc.paragraphs] == ["1", "2", "part-2-1", "annex-1-1"]
    paragraphs = set(g.subjects(RDF.type, RG.Paragraph))
    assert paragraphs == {URIRef(ID + "paragraph/" + k) for k in ("1", "2", "part-2-1", "annex-1-1")}
    assert (URIRef(ID + "paragraph/annex-1-1"), RG.inAnnex, URIRef(ID + "annex/1")) in g
    assert (URIRef(ID + "paragraph/annex-1-1"), RG.paragraphNumber, Literal(1)) in g
    assert (URIRef(ID + "annex/1"), RDF.type, RG.Annex) in g


def test_sub_paragraphs_have_label_paragraph_parent_and_span():
    _, g = _graph()
    b_ii = URIRef(ID + "paragraph/1/item/b-ii")
    assert (b_ii, RDF.type, RG.SubParagraph) in g
    assert (b_ii, RG.label, Literal("(ii)")) in g
    assert (b_ii, RG.partOf, URIRef(ID + "paragraph/1")) in g
    assert (b_ii, RG.subParagraphOf, URIRef(ID + "paragraph/1/item/b")) in g
    assert str(g.value(b_ii, RG.text)) == "(ii) legal aid; and"
    items = g.subjects(RG.partOf, URIRef(ID + "paragraph/1"))
    labels = {str(o) for s in items for o in g.objects(s, RG.label)}
    assert labels == {"(a)", "(b)", "(i)", "(ii)", "(c)"}  # "article 4 (1) (a)" is no item


def test_structured_report_conforms():
    _, g = _graph()
    report = validate(g)
    assert report.violations == [], [(r.shape, r.focus, r.message) for r in report.violations]
