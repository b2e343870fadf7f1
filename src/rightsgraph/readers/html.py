"""HTML reader (BeautifulSoup): headings, paragraphs, ``<sup>`` markers and footnotes.

Footnotes are recognised as block elements (``p``, ``li``, ``div``) that start with a
superscript or bracketed number, or as list items of a footnotes container
(``class``/``id``/``role`` mentioning footnote or endnote).
"""

from __future__ import annotations

import re

from ..errors import InputError
from . import HTML, ReaderOutput

BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "div", "td", "pre", "blockquote")
_NOTE_CONTAINER = re.compile(r"foot-?note|end-?note|notes", re.I)


def _inline(el) -> str:
    """Text of an element with <sup>N</sup> kept as markers and links as their text."""
    from bs4 import NavigableString, Tag

    out = []
    for child in el.children:
        if isinstance(child, NavigableString):
            out.append(str(child))
        elif isinstance(child, Tag):
            if child.name == "sup" and re.fullmatch(r"\s*\[?\d{1,3}\]?\s*", child.get_text()):
                out.append(f"<sup>{child.get_text().strip(' []')}</sup>")
            elif child.name == "br":
                out.append(" ")
            elif child.name in ("script", "style"):
                continue
            else:
                out.append(_inline(child))
    return re.sub(r"\s+", " ", "".join(out))


def _in_notes(el) -> bool:
    for parent in el.parents:
        attrs = " ".join([*(parent.get("class") or []), parent.get("id") or "",
                          parent.get("role") or ""])
        if parent.name in ("aside", "section", "div", "ol", "footer") and _NOTE_CONTAINER.search(attrs):
            return True
    return False


def read_html(data: bytes, name: str = "<html>") -> ReaderOutput:
    """Read a report web page into the parser's plain text form."""
    from bs4 import BeautifulSoup

    from ..ingest import decode

    soup = BeautifulSoup(decode(data, name), "html.parser")
    for junk in soup(["script", "style", "nav", "noscript", "template"]):
        junk.decompose()
    root = soup.body or soup
    blocks: list[str] = []
    notes: list[str] = []
    note_number = 0
    for el in root.find_all(BLOCKS):
        if el.find(BLOCKS):  # only the innermost blocks carry text
            continue
        text = _inline(el).strip()
        if not text:
            continue
        m = re.match(r"^<sup>(\d{1,3})</sup>\s*(.*)$", text) or re.match(r"^\[(\d{1,3})\]\s*(.*)$", text)
        if el.name == "li" and _in_notes(el) and not m:
            note_number += 1
            notes.append(f"<sup>{note_number}</sup> {text}")
            continue
        if m and (_in_notes(el) or el.name != "li"):
            note_number = int(m.group(1))
            notes.append(f"<sup>{note_number}</sup> {m.group(2)}")
            continue
        blocks.append(("## " + text) if re.fullmatch(r"h[1-6]", el.name) else text)
    if not blocks:
        raise InputError(f"{name}: the web page has no text blocks")
    return ReaderOutput("\n\n".join(blocks + notes) + "\n", HTML)
