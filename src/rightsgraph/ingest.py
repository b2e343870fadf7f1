"""Stage 1: read a report file into normalised text, or refuse it with a clear reason."""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

MAX_BYTES = 64 * 1024 * 1024

# Typographic variants folded so that offsets, quotes and matching agree across renderings.
_TRANSLATE = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u2007": " ",
        "\u2009": " ",
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero-width space
        "\ufeff": None,  # stray BOM
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        # Line breaks Python or Word know but the parser does not: made plain line ends.
        "\u2028": "\n",
        "\u2029": "\n",
        "\x85": "\n",
        "\x0b": "\n",
        # A form feed is a page break: put it on a line of its own, where the parser reads a rule.
        "\x0c": "\n\x0c\n",
        # Other C0/C1 controls, DEL and the noncharacters U+FFFE/U+FFFF carry no text and XML 1.0
        # cannot hold them: left in, they made the RDF/XML export not well-formed.
        **{chr(c): None for c in [*range(0x01, 0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0x85),
                                  *range(0x86, 0xA0), 0xFFFE, 0xFFFF]},
    }
)


@dataclass(frozen=True)
class Text:
    """A decoded, normalised report text and where it came from."""

    text: str
    name: str
    media_type: str = "text/markdown"
    symbol: str | None = None  # a document symbol the format itself told (PDF running header)


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM; refuse anything else.

    Refusals name the encoding problem and its byte offset in the file.

    >>> decode("Caf\\u00e9".encode("utf-8"))
    'Café'
    >>> decode(codecs.BOM_UTF16_LE + "ok".encode("utf-16-le"))
    'ok'
    >>> decode("Caf\\u00e9 au lait".encode("latin-1"))
    Traceback (most recent call last):
    rightsgraph.errors.InputError: <bytes>: not valid UTF-8 text at byte offset 3 (...Latin-1...)...
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise InputError(f"{name}: UTF-32 text (byte-order mark at byte offset 0) is not read; "
                         "save the report as UTF-8 or UTF-16 with BOM")
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", data[len(codecs.BOM_UTF8) :]
        offset = len(codecs.BOM_UTF8)
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        encoding, body, offset = "utf-16", data, 0
    else:
        encoding, body, offset = "utf-8", data, 0
        nul = data.find(b"\x00", 0, 4096)
        if nul >= 0 and _looks_like_utf16(data):
            raise InputError(f"{name}: UTF-16 text without a byte-order mark (NUL byte at byte offset "
                             f"{nul}); save the report as UTF-8, or as UTF-16 with BOM")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        hint = ""
        if encoding == "utf-8" and exc.reason != "unexpected end of data" and body[exc.start] >= 0x80:
            hint = f", byte 0x{body[exc.start]:02x}; Latin-1 or Windows-1252?"
        raise InputError(
            f"{name}: not valid {encoding.upper()} text at byte offset {exc.start + offset} "
            f"({exc.reason}{hint}); save the report as UTF-8 or UTF-16 with BOM"
        ) from None
    if encoding == "utf-16":
        offset = 2  # the codec consumed the BOM
        text = text.removeprefix("\ufeff")
    nul = text.find("\x00")
    if nul >= 0:
        at = offset + len(text[:nul].encode("utf-16-le" if encoding == "utf-16" else "utf-8"))
        raise InputError(f"{name}: binary content (NUL character at byte offset {at}); "
                         "not a text report")
    return text


def _looks_like_utf16(data: bytes) -> bool:
    """Most NULs of the first kilobytes on one parity: UTF-16 text that lost its BOM."""
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) >= max(2, len(head) // 4) and min(even, odd) <= max(even, odd) // 8


def looks_binary(data: bytes) -> bool:
    """Bytes no text encoding gives: many control bytes, or UTF-8 broken all over the start.

    >>> looks_binary(bytes(range(256)) * 8), looks_binary("Café au lait".encode("latin-1"))
    (True, False)
    """
    head = data[:4096]
    if not head:
        return False
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D))
    broken = head.decode("utf-8", errors="replace").count("\ufffd")
    return controls > max(4, len(head) // 100) or broken > max(4, len(head) // 20)


def _named_as(name: str) -> str:
    """', although named .pdf' when the file's name claims a format its content is not."""
    suffix = Path(name).suffix.lower()
    return f", although named {suffix}" if suffix in (".pdf", ".docx", ".doc", ".html", ".htm") else ""


def normalise(text: str) -> str:
    """NFC, Unix line ends, typographic spaces, hyphens and apostrophes folded.

    >>> normalise("States\\u2019 duties\\r\\n")
    "States' duties\\n"
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return text.translate(_TRANSLATE)


def read_bytes(path: str | Path) -> bytes:
    """Read a file (or `-` for stdin) with clear errors for every way it can fail."""
    if str(path) == "-":
        import sys

        return sys.stdin.buffer.read(MAX_BYTES + 1)
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, not a report file")
    try:
        with p.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror})") from None
    return data


def ingest(path: str | Path) -> Text:
    """Read a report file and return its normalised text."""
    name = "<stdin>" if str(path) == "-" else str(path)
    data = read_bytes(path)
    return ingest_bytes(data, name)


def ingest_bytes(data: bytes, name: str = "<bytes>") -> Text:
    """Decode and normalise a report given as bytes."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MB; refusing to read it")
    if not data.strip():
        raise InputError(f"{name}: empty file")
    from . import readers

    kind = readers.sniff(data)
    if kind == readers.PDF:
        from .readers.pdf import read_pdf

        out = read_pdf(data, name)
    elif kind == readers.DOCX:
        from .readers.docx import read_docx

        out = read_docx(data, name)
    elif kind == readers.HTML:
        from .readers.html import read_html

        out = read_html(data, name)
    elif kind == readers.MARKDOWN:
        try:
            out = readers.ReaderOutput(decode(data, name), readers.MARKDOWN)
        except InputError:
            if looks_binary(data):  # not text that lost its encoding: say what it is
                raise InputError(f"{name}: binary data, not a report{_named_as(name)}: not a PDF "
                                 "(no %PDF- header), Word file, web page or text") from None
            raise
    else:
        raise InputError(f"{name}: unrecognised file type ({kind}); give a text, PDF, Word or HTML report")
    text = normalise(out.text)
    if not text.strip():
        raise InputError(f"{name}: empty file")
    return Text(text=text, name=name, media_type=out.media_type, symbol=out.symbol)
