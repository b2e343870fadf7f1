"""Render a markdown report into the formats users download: PDF in the UN layout, Word, HTML.

The renderings come from the parsed document, so the expected graph of each is known: the
graph of the text. PDF: A4, the symbol in a running header, a job number and page numbers in
the footer, footnotes at the foot of the page where their paragraph starts, paragraphs that
break across pages, superscript markers.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass
from pathlib import Path

from rightsgraph.document import Document
from rightsgraph.ingest import ingest
from rightsgraph.parse import parse
from rightsgraph.parse.blocks import split_blocks

_SECTION = re.compile(r"^(?:[IVXLC]+|[A-Z])\.\s")
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@dataclass(frozen=True)
class FrontLine:
    text: str
    heading: bool


def front_matter(source: str) -> list[FrontLine]:
    """The blocks before the first section or numbered paragraph, as the parser saw them."""
    out = []
    for block in split_blocks(source):
        text = block.plain
        if block.kind == "rule" or not text:
            continue
        if _SECTION.match(text) or re.match(r"^\d{1,4}\.\s", text):
            break
        raw = block.text.strip()
        heading = block.kind == "heading" or (raw.startswith("*") and raw.endswith("*"))
        out.append(FrontLine(text, heading))
    return out


def load(path: Path) -> tuple[Document, list[FrontLine]]:
    text = ingest(path).text
    return parse(text), front_matter(text)


def _marked(p, open_tag: str, close_tag: str, escape=html.escape) -> str:
    """Paragraph text with footnote markers put back at their offsets."""
    out, pos = [], 0
    for ref in p.footnotes:
        out.append(escape(p.text[pos:ref.offset]))
        out.append(f"{open_tag}{ref.number}{close_tag}")
        pos = ref.offset
    out.append(escape(p.text[pos:]))
    return "".join(out)


def _body(doc: Document):
    """Sections and paragraphs in document order: ("section", Section) / ("para", Paragraph)."""
    seen = set()
    for p in doc.paragraphs:
        if p.section:
            chain = [p.section] if "." not in p.section else [p.section.split(".")[0], p.section]
            for path in chain:
                if path not in seen:
                    seen.add(path)
                    yield "section", doc.section(path)
        yield "para", p
    for s in doc.sections:
        if s.path not in seen:
            yield "section", s


def to_html(path: Path) -> bytes:
    doc, front = load(path)
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>{html.escape(doc.title)}</title></head><body><header>"]
    for line in front:
        tag = "h2" if line.heading else "p"
        parts.append(f"<{tag}>{html.escape(line.text)}</{tag}>")
    parts.append("</header><main>")
    for kind, item in _body(doc):
        if kind == "section":
            tag = "h2" if item.level == 1 else "h3"
            parts.append(f"<{tag}>{item.number}. {html.escape(item.title)}</{tag}>")
        else:
            text = _marked(item, '<sup><a href="#fn{0}">'.replace("{0}", ""), "</a></sup>")
            parts.append(f"<p>{item.number}. {text}</p>")
    parts.append('</main><section class="footnotes"><h2 hidden>Notes</h2>')
    for fn in doc.footnotes:
        text = html.escape(fn.text)
        for url in fn.urls:
            text = text.replace(html.escape(url), f'<a href="{html.escape(url)}">{html.escape(url)}</a>', 1)
        parts.append(f'<p id="fn{fn.number}"><sup>{fn.number}</sup> {text}</p>')
    parts.append("</section></body></html>")
    # the footnote section's hidden heading is not a block of the report
    return "\n".join(p for p in parts if "hidden" not in p).encode("utf-8")


def to_docx(path: Path) -> bytes:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    doc, front = load(path)
    d = docx.Document()
    note_style = d.styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
    note_style.font.size = Pt(8)
    for line in front:
        para = d.add_paragraph()
        run = para.add_run(line.text)
        run.bold = line.heading
    for kind, item in _body(doc):
        if kind == "section":
            d.add_heading(f"{item.number}. {item.title}", level=1 if item.level == 1 else 2)
            continue
        para = d.add_paragraph()
        para.add_run(f"{item.number}. ")
        pos = 0
        for ref in item.footnotes:
            para.add_run(item.text[pos:ref.offset])
            marker = para.add_run(str(ref.number))
            marker.font.superscript = True
            pos = ref.offset
        para.add_run(item.text[pos:])
    for fn in doc.footnotes:
        para = d.add_paragraph(style="Footnote Text")
        marker = para.add_run(str(fn.number))
        marker.font.superscript = True
        para.add_run(" " + fn.text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def to_pdf(path: Path, *, job_number: str = "GE.24-12345(E)", header_symbol: str | None = None,
           encrypt: str | None = None) -> bytes:
    """The report as a UN-style PDF; `header_symbol` overrides the symbol in running headers."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

    doc, front = load(path)
    pdfmetrics.registerFont(TTFont("Serif", str(FONT_DIR / "DejaVuSerif.ttf")))
    pdfmetrics.registerFont(TTFont("Serif-Bold", str(FONT_DIR / "DejaVuSerif-Bold.ttf")))
    body = ParagraphStyle("body", fontName="Serif", fontSize=10, leading=12, spaceAfter=6)
    bold = ParagraphStyle("bold", parent=body, fontName="Serif-Bold")
    note = ParagraphStyle("note", fontName="Serif", fontSize=8, leading=9.5, spaceAfter=2,
                          splitLongWords=0)
    width, height = A4
    left, right, top, footer_zone, note_zone = 72, 72, 72, 60, 190
    esc = lambda s: html.escape(s, quote=False)  # noqa: E731
    notes_by_para = {}
    for fn in doc.footnotes:
        if fn.paragraph is not None:
            notes_by_para.setdefault(fn.paragraph, []).append(fn)
    pending: list = []
    drawn: set[str] = set()

    class NumberedParagraph(Paragraph):
        """A paragraph whose parts, when split across pages, remember their number."""

        _rg_paragraph = None

        def split(self, avail_width, avail_height):
            parts = super().split(avail_width, avail_height)
            for part in parts:
                part._rg_paragraph = self._rg_paragraph
            return parts

    class Template(BaseDocTemplate):
        def afterFlowable(self, flowable):
            number = getattr(flowable, "_rg_paragraph", None)
            if number is not None and number not in drawn:
                drawn.add(number)
                pending.extend(notes_by_para.get(number, []))

    def header_footer(canvas, template):
        canvas.saveState()
        canvas.setFont("Serif", 9)
        symbol = header_symbol or doc.symbol
        if symbol:
            canvas.drawString(left, height - 40, symbol)
        canvas.drawString(left, 30, job_number if template.page == 1 else "")
        canvas.drawRightString(width - right, 30, str(template.page))
        canvas.restoreState()

    def footnotes(canvas, template):
        if not pending:
            return
        canvas.saveState()
        y = footer_zone + note_zone - 10
        canvas.line(left, y + 4, left + 120, y + 4)
        for fn in list(pending):
            p = Paragraph(f"<super>{fn.number}</super> {esc(fn.text)}", note)
            _w, h = p.wrap(width - left - right, note_zone)
            p.drawOn(canvas, left, y - h)
            y -= h + 2
        pending.clear()
        canvas.restoreState()

    frame = Frame(left, footer_zone + note_zone, width - left - right,
                  height - top - footer_zone - note_zone, id="body")
    out = io.BytesIO()
    template = Template(out, pagesize=A4, title=doc.title, author="United Nations", encrypt=encrypt)
    template.addPageTemplates([PageTemplate("un", [frame], onPage=header_footer,
                                            onPageEnd=footnotes)])
    story = []
    for line in front:
        story.append(Paragraph(esc(line.text), bold if line.heading else body))
    story.append(Spacer(1, 12))
    for kind, item in _body(doc):
        if kind == "section":
            story.append(Paragraph(esc(f"{item.number}. {item.title}"), bold))
            continue
        text = _marked(item, "<super>", "</super>", escape=esc)
        para = NumberedParagraph(f"{item.number}. {text}", body)
        para._rg_paragraph = item.key
        story.append(para)
    template.build(story)
    return out.getvalue()
