"""The document part of a report graph: report, sections, paragraphs, sub-paragraphs, annexes,
footnotes.

IRIs: a paragraph is ``report/{rid}/paragraph/{key}`` (its `Paragraph.key`: the number in the
main numbering, ``annex-1-3`` in an annex), a sub-paragraph ``.../paragraph/{key}/item/{item}``
(``b``, ``b-ii``), an annex ``report/{rid}/annex/{k}``.
"""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, XSD

from ..document import Document
from ..iris import report_key
from ..parse import slugify
from .terms import RG, SCHEMA, iri, label, paragraph_iri, text_language


def section_iri(doc: Document, path: str, base: str):
    return iri(report_key(doc.report_id, "section", path.replace(".", "-").lower()), base)


def annex_iri(doc: Document, key: str, base: str):
    return iri(report_key(doc.report_id, "annex", key.removeprefix("annex-")), base)


def _section_number(doc: Document, section) -> str:
    """The section's number as printed with its parent's: "III.A" (the path may carry an annex)."""
    if section.parent:
        return f"{doc.section(section.parent).number}.{section.number}"
    return section.number


def emit_document(graph: Graph, doc: Document, *, base: str) -> None:
    rid = doc.report_id
    lang = text_language(doc)
    report = iri(report_key(rid), base)
    graph.add((report, RDF.type, RG.Report))
    label(graph, report, doc.title or rid, lang)
    graph.add((report, DCTERMS.identifier, Literal(doc.symbol or rid)))
    if doc.title:
        graph.add((report, DCTERMS.title, Literal(doc.title, lang=lang)))
    if doc.subtitle:
        graph.add((report, RG.subtitle, Literal(doc.subtitle, lang=lang)))
    if doc.symbol:
        graph.add((report, RG.symbol, Literal(doc.symbol)))
    if doc.distribution_date:
        graph.add((report, DCTERMS.issued, Literal(doc.distribution_date, datatype=XSD.date)))
    if doc.session is not None:
        graph.add((report, RG.session, Literal(doc.session, datatype=XSD.integer)))
    if doc.session_dates:
        graph.add((report, RG.sessionDates, Literal(doc.session_dates)))
    if doc.body:
        graph.add((report, RG.issuingBodyName, Literal(doc.body, lang=lang)))
    if doc.summary:
        graph.add((report, DCTERMS.abstract, Literal(doc.summary, lang=lang)))
    graph.add((report, DCTERMS.format, Literal(doc.source_format)))
    for item in doc.agenda_items:
        node = iri(report_key(rid, "agenda-item", slugify(item.number)), base)
        graph.add((node, RDF.type, RG.AgendaItem))
        graph.add((node, RG.agendaItemNumber, Literal(item.number)))
        label(graph, node, f"Agenda item {item.number}: {item.title}", lang)
        graph.add((report, RG.agendaItem, node))

    for section in doc.sections:
        node = section_iri(doc, section.path, base)
        graph.add((node, RDF.type, RG.Section))
        label(graph, node, f"{section.number}. {section.title}", lang)
        graph.add((node, DCTERMS.title, Literal(section.title, lang=lang)))
        graph.add((node, RG.sectionNumber, Literal(_section_number(doc, section))))
        graph.add((node, RG.order, Literal(section.order, datatype=XSD.integer)))
        graph.add((node, RG.inReport, report))
        graph.add((report, RG.hasSection, node))
        if section.parent:
            graph.add((node, RG.subSectionOf, section_iri(doc, section.parent, base)))

    for annex in doc.annexes:
        node = annex_iri(doc, annex.key, base)
        graph.add((node, RDF.type, RG.Annex))
        label(graph, node, f"{annex.label}: {annex.title}" if annex.title else annex.label, lang)
        if annex.title:
            graph.add((node, DCTERMS.title, Literal(annex.title, lang=lang)))
        graph.add((node, RG.order, Literal(annex.order, datatype=XSD.integer)))
        graph.add((node, RG.inReport, report))
        graph.add((report, RG.hasAnnex, node))

    for p in doc.paragraphs:
        node = paragraph_iri(rid, p.key, base)
        graph.add((node, RDF.type, RG.Paragraph))
        where = f" of {doc_annex_label(doc, p.annex)}" if p.annex else ""
        label(graph, node, f"Paragraph {p.number}{where}")
        graph.add((node, RG.paragraphNumber, Literal(p.number, datatype=XSD.integer)))
        graph.add((node, RG.text, Literal(p.text)))
        graph.add((node, RG.inReport, report))
        graph.add((node, RG.sourceStart, Literal(p.start, datatype=XSD.integer)))
        graph.add((node, RG.sourceEnd, Literal(p.end, datatype=XSD.integer)))
        if p.section:
            graph.add((node, RG.inSection, section_iri(doc, p.section, base)))
        if p.annex:
            graph.add((node, RG.inAnnex, annex_iri(doc, p.annex, base)))
        for item in p.subitems:
            sub = iri(report_key(rid, "paragraph", p.key, "item", item.key), base)
            graph.add((sub, RDF.type, RG.SubParagraph))
            label(graph, sub, f"Paragraph {p.number}{where} {''.join(_labels(p, item))}")
            graph.add((sub, RG.label, Literal(item.label)))
            graph.add((sub, RG.partOf, node))
            if item.parent:
                graph.add((sub, RG.subParagraphOf,
                           iri(report_key(rid, "paragraph", p.key, "item", item.parent), base)))
            graph.add((sub, RG.text, Literal(p.text[item.start:item.end].strip())))
            graph.add((sub, RG.textStart, Literal(item.start, datatype=XSD.integer)))
            graph.add((sub, RG.textEnd, Literal(item.end, datatype=XSD.integer)))

    for fn in doc.footnotes:
        node = iri(report_key(rid, "footnote", fn.number), base)
        graph.add((node, RDF.type, RG.Footnote))
        label(graph, node, f"Footnote {fn.number}")
        graph.add((node, RG.footnoteNumber, Literal(fn.number, datatype=XSD.integer)))
        graph.add((node, RG.text, Literal(fn.text)))
        graph.add((node, RG.inReport, report))
        if fn.paragraph is not None:
            graph.add((node, RG.citedIn, paragraph_iri(rid, fn.paragraph, base)))
        for url in fn.urls:
            graph.add((node, SCHEMA.url, Literal(url, datatype=XSD.anyURI)))


def doc_annex_label(doc: Document, key: str) -> str:
    return next((a.label for a in doc.annexes if a.key == key), key)


def _labels(p, item) -> list[str]:
    """Labels from the outermost item down: ["(b)", "(ii)"]."""
    out = [item.label]
    parent = item.parent
    while parent:
        up = next(i for i in p.subitems if i.key == parent)
        out.insert(0, up.label)
        parent = up.parent
    return out
