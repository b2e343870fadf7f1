"""Word reader (python-docx): headings, paragraphs, superscript markers and footnotes.

Footnotes are read from the document's footnotes part (``w:footnoteReference`` in the text,
``w:footnote`` in footnotes.xml) and, for documents that carry them as text, from paragraphs
in a footnote style or starting with a superscript number.
"""

from __future__ import annotations

import re
from io import BytesIO

from ..errors import InputError
from . import DOCX, ReaderOutput, check_archive

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FOOTNOTES_REL = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes")


def _run_text(run) -> str:
    parts = []
    for child in run._r.iterchildren():
        if child.tag == W + "t":
            parts.append(child.text or "")
        elif child.tag == W + "tab":
            parts.append(" ")
        elif child.tag in (W + "br", W + "cr"):
            parts.append(" ")
        elif child.tag == W + "footnoteReference":
            parts.append(f"<sup>{child.get(W + 'id')}</sup>")
    text = "".join(parts)
    if run.font.superscript and re.fullmatch(r"\s*\d{1,3}\s*", text):
        return f"<sup>{text.strip()}</sup>"
    return text


def _paragraph_text(paragraph) -> str:
    return re.sub(r"\s+", " ", "".join(_run_text(r) for r in paragraph.runs)).strip()


def _is_heading(paragraph) -> bool:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.lower().startswith(("heading", "title", "subtitle")):
        return True
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def _footnotes_part(document) -> dict[str, str]:
    """Footnote id -> text from footnotes.xml, when the document has real footnotes."""
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype == _FOOTNOTES_REL:
            root = etree.fromstring(rel.target_part.blob)
            notes = {}
            for fn in root.iter(W + "footnote"):
                if fn.get(W + "type") in ("separator", "continuationSeparator"):
                    continue
                text = "".join(t.text or "" for t in fn.iter(W + "t"))
                notes[fn.get(W + "id")] = re.sub(r"\s+", " ", text).strip()
            return notes
    return {}


def read_docx(data: bytes, name: str = "<docx>") -> ReaderOutput:
    """Read a Word report into the parser's plain text form."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_archive(data, name)  # sizes from the zip's directory, before any part is inflated
    try:
        document = docx.Document(BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(f"{name}: not a readable Word document ({type(exc).__name__})") from None
    except Exception as exc:  # zip and XML errors of damaged files
        raise InputError(f"{name}: not a readable Word document ({type(exc).__name__})") from None
    blocks: list[str] = []
    notes: list[str] = []
    for paragraph in document.paragraphs:
        text = _paragraph_text(paragraph)
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "").lower()
        m = re.match(r"^<sup>(\d{1,3})</sup>\s*(.*)$", text)
        if m and ("footnote" in style or "endnote" in style or not blocks or m.group(2)):
            if "footnote" in style or "endnote" in style or _looks_like_note(paragraph):
                notes.append(f"<sup>{m.group(1)}</sup> {m.group(2)}")
                continue
        blocks.append("## " + text if _is_heading(paragraph) else text)
    for number, text in _footnotes_part(document).items():
        notes.append(f"<sup>{number}</sup> {text}")
    if not blocks:
        raise InputError(f"{name}: the Word document has no text")
    return ReaderOutput("\n\n".join(blocks + notes) + "\n", DOCX)


def _looks_like_note(paragraph) -> bool:
    sizes = [r.font.size.pt for r in paragraph.runs if r.font.size is not None and r.text.strip()]
    return bool(sizes) and max(sizes) < 10
