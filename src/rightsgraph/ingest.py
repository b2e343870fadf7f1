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

    >>> decode("Caf\\u00e9".encode("utf-8"))
    'Café'
    >>> decode(codecs.BOM_UTF16_LE + "ok".encode("utf-16-le"))
    'ok'
    """
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", data[len(codecs.BOM_UTF8) :]
        offset = len(codecs.BOM_UTF8)
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        encoding, body, offset = "utf-16", data, 0
    else:
        encoding, body, offset = "utf-8", data, 0
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid {encoding.upper()} text at byte offset {exc.start + offset} "
            f"({exc.reason}); save the report as UTF-8 or UTF-16 with BOM"
        ) from None
    if encoding == "utf-16" and text.startswith("\ufeff"):
        text = text[1:]
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(f"{name}: binary content (NUL character at offset {nul}); not a text report")
    return text


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
        out = readers.ReaderOutput(decode(data, name), readers.MARKDOWN)
    else:
        raise InputError(f"{name}: unrecognised file type ({kind}); give a text, PDF, Word or HTML report")
    text = normalise(out.text)
    if not text.strip():
        raise InputError(f"{name}: empty file")
    return Text(text=text, name=name, media_type=out.media_type, symbol=out.symbol)
