"""PDF, Word and HTML renderings of a report give the same graph as its text."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import graph_diff, isomorphic

from conftest import GENRE_REPORTS, SEED
from renderings import to_docx, to_html, to_pdf
from rightsgraph.errors import InputError
from rightsgraph.ingest import ingest
from rightsgraph.pipeline import convert
from rightsgraph.readers import sniff

RG = "https://w3id.org/rightsgraph/ontology#"
# Offsets into the source file and the source format itself differ by format, by design.
SOURCE_METADATA = {URIRef(RG + "sourceStart"), URIRef(RG + "sourceEnd"),
                   URIRef("http://purl.org/dc/terms/format")}
RENDER = {"pdf": to_pdf, "docx": to_docx, "html": to_html}
REPORTS = [SEED, *GENRE_REPORTS]


def _content(graph: Graph) -> Graph:
    out = Graph()
    for t in graph:
        if t[1] not in SOURCE_METADATA:
            out.add(t)
    return out


@pytest.fixture(scope="module")
def text_graphs():
    return {p.name: convert(p) for p in REPORTS}


@pytest.mark.parametrize("fmt", sorted(RENDER))
@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.stem)
def test_rendering_gives_the_same_graph(tmp_path, text_graphs, report, fmt):
    path = tmp_path / f"{report.stem}.{fmt}"
    path.write_bytes(RENDER[fmt](report))
    expected = text_graphs[report.name]
    got = convert(path)
    norm = lambda s: re.sub(r"\s+", " ", s).strip()  # noqa: E731
    assert [norm(p.text) for p in got.document.paragraphs] == [
        norm(p.text) for p in expected.document.paragraphs]
    assert [f.text for f in got.document.footnotes] == [f.text for f in expected.document.footnotes]
    a, b = _content(expected.graph), _content(got.graph)
    if not isomorphic(a, b):
        _, only_text, only_fmt = graph_diff(a, b)
        pytest.fail(f"{fmt} differs: {sorted(only_text)[:3]} vs {sorted(only_fmt)[:3]}")
    assert got.document.source_format != "text/markdown"


def test_reader_is_chosen_by_content_not_extension(tmp_path):
    disguised = tmp_path / "report.txt"
    disguised.write_bytes(to_pdf(GENRE_REPORTS[0]))
    assert sniff(disguised.read_bytes()) == "application/pdf"
    assert ingest(disguised).media_type == "application/pdf"
    html_as_md = tmp_path / "page.md"
    html_as_md.write_bytes(to_html(GENRE_REPORTS[0]))
    assert ingest(html_as_md).media_type == "text/html"


def test_symbol_in_pdf_header_becomes_the_report_id(tmp_path):
    no_symbol = next(p for p in GENRE_REPORTS if convert(p).document.symbol is None)
    path = tmp_path / "r.pdf"
    path.write_bytes(to_pdf(no_symbol, header_symbol="A/79/555"))
    doc = convert(path).document
    assert doc.symbol == "A/79/555" and doc.report_id == "a-79-555"


def _scanned_pdf() -> bytes:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for i in range(40):  # a "scan": shapes only, no text layer
        c.rect(72, 800 - i * 18, 400, 10, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("kind, message", [
    ("scanned", "no text layer"),
    ("encrypted", "encrypted"),
    ("corrupt", "damaged or truncated"),
    ("pdf-header-on-garbage", "damaged or truncated"),
    ("zip", "unrecognised file type"),
    ("broken-docx", "not a readable Word"),
])
def test_unreadable_documents_exit_3(cli, tmp_path, kind, message):
    import zipfile

    path = tmp_path / f"{kind}.bin"
    if kind == "scanned":
        path.write_bytes(_scanned_pdf())
    elif kind == "encrypted":
        path.write_bytes(to_pdf(GENRE_REPORTS[0], encrypt="secret"))
    elif kind == "corrupt":
        path.write_bytes(to_pdf(GENRE_REPORTS[0])[:1500])
    elif kind == "pdf-header-on-garbage":
        path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    elif kind == "zip":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("hello.txt", "hi")
    elif kind == "broken-docx":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("word/document.xml", "<not-xml")
    out_file = tmp_path / "out.ttl"
    res = cli("convert", str(path), "-o", str(out_file))
    err = res.stderr.decode()
    assert res.returncode == 3, err
    assert len(err.strip().splitlines()) == 1 and message in err
    assert "Traceback" not in err and not out_file.exists()


def test_pdf_page_budget_refuses_before_reading(monkeypatch):
    """A PDF with more pages than a report may have is refused at once, never read page by
    page (issue 26: a hostile PDF must not hold the reader)."""
    from rightsgraph.readers import pdf

    data = to_pdf(GENRE_REPORTS[0])
    monkeypatch.setattr(pdf, "MAX_PAGES", 1)
    with pytest.raises(InputError, match=r"pages, more than the 1 a report may have"):
        pdf.read_pdf(data, "big.pdf")


def test_pdf_text_budget_refuses(monkeypatch):
    from rightsgraph.readers import pdf

    data = to_pdf(GENRE_REPORTS[0])
    monkeypatch.setattr(pdf, "MAX_CHARS", 100)
    with pytest.raises(InputError, match="characters of text; not a report"):
        pdf.read_pdf(data, "long.pdf")
