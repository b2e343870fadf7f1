"""Hostile variants of a real report: the mutations the fuzz suite and the hostile corpus apply.

Every mutation is a plain function ``bytes -> bytes`` (with a `random.Random` where it needs
chance), so hypothesis strategies, the fixed corpus of 40 variants and the interrupt tests all
share them. Run as a script to write the corpus to a folder and look at it:

    .venv/bin/python tests/hostile.py build/hostile
"""

from __future__ import annotations

import codecs
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "a-hrc-57-migrants-in-transit.md"

_PARA_LINE = re.compile(rb"^(\d{1,4})\. ", re.M)
_MARKER = re.compile(rb"<sup>(\d{1,3})</sup>")
_FOOTNOTE_LINE = re.compile(rb"^<sup>\d{1,3}</sup> .*$", re.M)

# Text that looks like query or serialisation syntax: it must stay text.
INJECTIONS = [
    '"""',
    "'''",
    '" ; rg:text "owned" .',
    '"@en . <https://evil.example/s> <https://evil.example/p> "x',
    "> <https://evil.example/p> <https://evil.example/o> . <",
    "<https://w3id.org/rightsgraph/id/state/COL>",
    "\\u0022 \\U0000003E \\n \\\\",
    "} ; DROP ALL ; INSERT DATA { <a:b> <a:c> <a:d> } #",
    "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
    "@prefix rg: <https://evil.example/> .",
    "^^xsd:integer",
    "_:b0 rg:text \"x\" .",
    "<script>alert(1)</script>",
    "]]></rdf:Description><!-- --> &amp; &lt; &#0;",
    '{"@context": {"@vocab": "https://evil.example/"}}',
    "javascript:alert(1)",
    "\u202eevil\u202c and \u200fRTL\u200e",
    "\U0001f600 emoji and astral \U00010400",
]


def seed_bytes() -> bytes:
    return SEED.read_bytes()


def truncate(data: bytes, at: int) -> bytes:
    """Cut the file anywhere (possibly inside a UTF-8 sequence)."""
    return data[: max(0, min(at, len(data)))]


def shuffle_lines(data: bytes, rng: random.Random, share: float = 1.0) -> bytes:
    """Shuffle all lines, or a share of them among themselves."""
    lines = data.split(b"\n")
    picked = [i for i in range(len(lines)) if rng.random() < share]
    moved = [lines[i] for i in picked]
    rng.shuffle(moved)
    for i, line in zip(picked, moved, strict=True):
        lines[i] = line
    return b"\n".join(lines)


def insert_bytes(data: bytes, at: int, junk: bytes) -> bytes:
    at = max(0, min(at, len(data)))
    return data[:at] + junk + data[at:]


def drop_footnotes(data: bytes) -> bytes:
    """Footnote markers without footnotes."""
    return _FOOTNOTE_LINE.sub(b"", data)


def drop_markers(data: bytes) -> bytes:
    """Footnotes without markers."""
    return _MARKER.sub(b"", data)


def stray_markers(data: bytes, rng: random.Random, count: int = 20) -> bytes:
    """Markers pointing at footnotes that do not exist, dropped mid-word."""
    out = bytearray(data)
    for _ in range(count if data else 0):
        at = rng.randrange(len(out))
        out[at:at] = b"<sup>%d</sup>" % rng.randrange(100, 999)
    return bytes(out)


def duplicate_paragraph_number(data: bytes, rng: random.Random) -> bytes:
    """Renumber one paragraph with the number of the one before it."""
    starts = list(_PARA_LINE.finditer(data))
    if len(starts) < 2:
        return data
    m = starts[rng.randrange(1, len(starts))]
    prev = int(m.group(1)) - 1
    return data[: m.start(1)] + str(max(prev, 1)).encode() + data[m.end(1):]


def swap_paragraphs(data: bytes, rng: random.Random) -> bytes:
    """Two numbered paragraph lines change places: numbers out of order."""
    lines = data.split(b"\n")
    numbered = [i for i, line in enumerate(lines) if _PARA_LINE.match(line)]
    if len(numbered) < 2:
        return data
    a, b = rng.sample(numbered, 2)
    lines[a], lines[b] = lines[b], lines[a]
    return b"\n".join(lines)


def renumber_far(data: bytes, rng: random.Random) -> bytes:
    """A paragraph numbered far beyond the last one (a gap larger than a page)."""
    starts = list(_PARA_LINE.finditer(data))
    if not starts:
        return data
    m = starts[rng.randrange(len(starts))]
    return data[: m.start(1)] + b"9999" + data[m.end(1):]


def pad_to(data: bytes, size: int) -> bytes:
    """A report of `size` bytes: its paragraphs repeated as continuation text (one big report)."""
    text = data.decode("utf-8")
    m = re.search(r"^1\. ", text, re.M)
    body_start = m.start() if m else 0
    filler = ("Continuation text of the paragraph, with words, numbers 12,345 and (brackets). "
              * 64 + "\n\n")
    out = [text[:body_start]]
    n = 0
    length = body_start
    while length < size:
        n += 1
        block = f"{n}. {filler}"
        out.append(block)
        length += len(block.encode("utf-8"))
    return "".join(out).encode("utf-8")[: max(size, 1)].rsplit(b"\n", 1)[0] + b"\n"


def long_line(data: bytes, size: int, unit: bytes = b"word ") -> bytes:
    """One paragraph of the report made a single line of about `size` bytes."""
    m = _PARA_LINE.search(data)
    at = data.index(b"\n", m.end()) if m else len(data)
    return data[:at] + b" " + unit * (size // len(unit)) + data[at:]


def reencode(data: bytes, codec: str, bom: bytes = b"") -> bytes:
    return bom + data.decode("utf-8", errors="replace").encode(codec, errors="replace")


def inject_text(data: bytes, payload: str, rng: random.Random, times: int = 3) -> bytes:
    """Insert `payload` into the text of some paragraphs (after their number)."""
    lines = data.split(b"\n")
    numbered = [i for i, line in enumerate(lines) if _PARA_LINE.match(line)]
    for i in rng.sample(numbered, min(times, len(numbered))):
        m = _PARA_LINE.match(lines[i])
        lines[i] = lines[i][: m.end()] + payload.encode("utf-8") + b" " + lines[i][m.end():]
    return b"\n".join(lines)


def inject_footnote_url(data: bytes, url: str) -> bytes:
    """A footnote whose link target is hostile."""
    return data.replace(b"<sup>1</sup> See ", b"<sup>1</sup> See [link](" + url.encode() + b") ", 1)


def with_controls(data: bytes, rng: random.Random, count: int = 30) -> bytes:
    out = bytearray(data)
    for _ in range(count if data else 0):
        out.insert(rng.randrange(len(out)), rng.choice([1, 7, 8, 11, 12, 27, 31, 127]))
    return bytes(out)


def _k(name: str, fn: Callable[[bytes, random.Random], bytes]):
    return name, fn


# The fixed hostile corpus: 40 variants of the seed, of the kinds the issue lists.
VARIANTS: list[tuple[str, Callable[[bytes, random.Random], bytes]]] = [
    _k("truncated-at-0", lambda d, r: truncate(d, 0)),
    _k("truncated-in-front-matter", lambda d, r: truncate(d, 900)),
    _k("truncated-mid-paragraph", lambda d, r: truncate(d, len(d) // 2)),
    _k("truncated-mid-utf8", lambda d, r: truncate(d, d.index("é".encode()) + 1)),
    _k("truncated-mid-footnote", lambda d, r: truncate(d, d.index(b"<sup>1</sup> See") + 20)),
    _k("lines-shuffled", lambda d, r: shuffle_lines(d, r)),
    _k("some-lines-shuffled", lambda d, r: shuffle_lines(d, r, share=0.05)),
    _k("random-bytes-inserted", lambda d, r: insert_bytes(d, r.randrange(len(d)), r.randbytes(64))),
    _k("ascii-junk-inserted", lambda d, r: insert_bytes(d, len(d) // 3, b"\n\n12. ### <sup>\n")),
    _k("markers-without-footnotes", lambda d, r: drop_footnotes(d)),
    _k("footnotes-without-markers", lambda d, r: drop_markers(d)),
    _k("stray-markers", lambda d, r: stray_markers(d, r)),
    _k("duplicated-paragraph-number", lambda d, r: duplicate_paragraph_number(d, r)),
    _k("paragraphs-out-of-order", lambda d, r: swap_paragraphs(d, r)),
    _k("paragraph-number-far-gap", lambda d, r: renumber_far(d, r)),
    _k("ten-megabytes", lambda d, r: pad_to(d, 10 * 1024 * 1024)),
    _k("one-megabyte-line", lambda d, r: long_line(d, 1024 * 1024)),
    _k("one-megabyte-line-of-brackets", lambda d, r: long_line(d, 1024 * 1024, b"[a](")),
    _k("one-megabyte-line-of-stars", lambda d, r: long_line(d, 1024 * 1024, b"**a ")),
    _k("one-megabyte-line-of-hashes", lambda d, r: insert_bytes(d, 0, b"#" * 1024 * 1024 + b"x\n")),
    _k("utf16-le-bom", lambda d, r: reencode(d, "utf-16-le", codecs.BOM_UTF16_LE)),
    _k("utf16-be-bom", lambda d, r: reencode(d, "utf-16-be", codecs.BOM_UTF16_BE)),
    _k("utf16-without-bom", lambda d, r: reencode(d, "utf-16-le")),
    _k("utf8-bom", lambda d, r: codecs.BOM_UTF8 + d),
    _k("utf32-bom", lambda d, r: reencode(d, "utf-32-le", codecs.BOM_UTF32_LE)),
    _k("latin-1", lambda d, r: reencode(d, "latin-1")),
    _k("windows-1252", lambda d, r: reencode(d, "cp1252")),
    _k("nul-bytes", lambda d, r: insert_bytes(d, len(d) // 2, b"\x00\x00")),
    _k("control-characters", lambda d, r: with_controls(d, r)),
    _k("crlf-line-ends", lambda d, r: d.replace(b"\n", b"\r\n")),
    _k("sparql-and-turtle-in-text", lambda d, r: inject_text(d, " ".join(INJECTIONS[:10]), r, 6)),
    _k("markup-and-bidi-in-text", lambda d, r: inject_text(d, " ".join(INJECTIONS[10:]), r, 6)),
    _k("triple-quotes-in-footnote", lambda d, r: d.replace(b"<sup>2</sup> See", b'<sup>2</sup> """ See')),
    _k("hostile-footnote-url", lambda d, r: inject_footnote_url(d, 'https://x/"><script>a</script>')),
    _k("javascript-footnote-url", lambda d, r: inject_footnote_url(d, "javascript:alert(1)")),
    _k("angle-brackets-would-be-iri", lambda d, r: inject_text(d, "<https://e.example/a b> <urn:x>", r)),
    _k("section-appears-twice", lambda d, r: d.replace(b"## II. Opening", b"## I. Opening", 1)),
    _k("pdf-magic-on-text", lambda d, r: b"%PDF-1.7\n" + d),
    _k("html-wrapped", lambda d, r: b"<html><body><script>x()</script><pre>" + d + b"</pre></body></html>"),
    _k("only-front-matter", lambda d, r: d[: d.index(b"## I. Background")]),
]
assert len(VARIANTS) == 40, len(VARIANTS)


def variant(name: str) -> bytes:
    """One variant of the seed, the same bytes on every run."""
    for key, fn in VARIANTS:
        if key == name:
            return fn(seed_bytes(), random.Random(name))
    raise KeyError(name)


def write_corpus(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, _ in VARIANTS:
        path = folder / f"{name}.md"
        path.write_bytes(variant(name))
        paths.append(path)
    return paths


if __name__ == "__main__":
    for p in write_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "build/hostile")):
        print(p, p.stat().st_size)
