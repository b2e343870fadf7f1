"""Stage 3a: the genre of a `Document`, read from its cover and structure, never its file name.

The cues are data (``rules/genres.toml``): symbol patterns, phrases of the cover, section
headings and phrases of the first paragraphs. :func:`profile` scores every genre and returns a
`Profile`: the genre's slug, the rule pack that extracts its facts, the built-in extractors that
still run on it, and the actors the cover names: the State the document is about (the State
under review, the State party) and, for treaty-body documents, the Committee that wrote it.

    >>> from rightsgraph.parse import parse
    >>> doc = parse("Concluding observations on the initial report of Slovenia\\n\\n"
    ...             "1. The Committee considered the initial report of Slovenia.\\n",
    ...             symbol="CRPD/C/SVN/CO/1")
    >>> p = profile(doc)
    >>> p.genre, p.subject, p.author, p.pack
    ('treaty-concluding-observations', 'state/SVN', 'org/crpd', 'treaty-co')
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from ..document import Document
from ..errors import OntologyError
from ..registry import find_mentions, organizations, states

__all__ = ["GENERIC", "Genre", "Profile", "genres", "profile"]

GENERIC = "generic"
LEGACY = ("meeting", "actors", "citations", "violations", "statistics", "recommendations",
          "statements", "interventions")
_COVER_CHARS = 4000  # the cover of a UN document: masthead, session, title, subtitle
_BODY_PARAGRAPHS = 6
_SYMBOL = re.compile(r"(?<![\w/])[A-Z][A-Z0-9.]*(?:/[A-Za-z0-9.\-]+){2,}")
_MARKUP = re.compile(r"^[#>*\s]+|[*\s]+$")


@dataclass(frozen=True)
class Genre:
    slug: str
    symbol: tuple[re.Pattern, ...] = ()
    cover: tuple[re.Pattern, ...] = ()
    headings: tuple[re.Pattern, ...] = ()
    body: tuple[re.Pattern, ...] = ()
    subject: tuple[str, ...] = ()
    author: str | None = None
    pack: str = GENERIC
    legacy: tuple[str, ...] = LEGACY


@dataclass(frozen=True)
class Profile:
    """What kind of document this is and who its cover names (actor keys)."""

    genre: str
    pack: str
    language: str = "en"
    symbol: str | None = None
    subject: str | None = None  # state/<ISO code>: the State under review, the State party
    author: str | None = None  # org/<slug>: the treaty body of the symbol
    legacy: tuple[str, ...] = LEGACY
    score: int = 0

    def runs(self, extractor: str) -> bool:
        return extractor in self.legacy


_WEIGHTS = {"symbol": (2, 1), "cover": (3, 3), "headings": (1, 2), "body": (1, 2)}


@cache
def genres() -> tuple[int, tuple[Genre, ...]]:
    """The minimum score and the genres of ``rules/genres.toml``, in file order."""
    path = files("rightsgraph") / "rules" / "genres.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        found = []
        for entry in data["genre"]:
            patterns = {
                cue: tuple(re.compile(p, re.IGNORECASE) for p in entry.get(cue, ()))
                for cue in _WEIGHTS
            }
            found.append(Genre(
                slug=entry["slug"], subject=tuple(entry.get("subject", ())),
                author=entry.get("author"), pack=entry.get("pack", GENERIC),
                legacy=tuple(entry.get("legacy", LEGACY)), **patterns,
            ))
        return int(data.get("min_score", 3)), tuple(found)
    except (OSError, KeyError, TypeError, ValueError, re.error) as exc:
        raise OntologyError(f"{path}: cannot read the genre cues: {exc}") from exc


def cover_text(doc: Document) -> str:
    """Title, subtitle and the text before the first numbered paragraph, markup stripped."""
    head = doc.source[: doc.paragraphs[0].start] if doc.paragraphs else doc.source
    lines = [doc.title or "", doc.subtitle or "", *head[:_COVER_CHARS].splitlines()]
    return "\n".join(_MARKUP.sub("", line) for line in lines if line.strip())


def document_symbol(doc: Document, cover: str) -> str | None:
    if doc.symbol:
        return doc.symbol
    found = _SYMBOL.search(cover)
    return found.group(0) if found else None


def _score(genre: Genre, symbol: str | None, cover: str, headings: list[str], body: str) -> int:
    # a title printed over two lines is one phrase: cues match the cover's words, spaces joined
    texts = {"symbol": [symbol] if symbol else [], "cover": [" ".join(cover.split())],
             "headings": headings,
             "body": [body]}
    total = 0
    for cue, (weight, most) in _WEIGHTS.items():
        hits = sum(1 for p in getattr(genre, cue) if any(p.search(t) for t in texts[cue]))
        total += weight * min(hits, most)
    return total


def profile(doc: Document) -> Profile:
    """The genre of a parsed document (the generic genre when no genre's cues add up)."""
    cover = cover_text(doc)
    symbol = document_symbol(doc, cover)
    headings = [s.title for s in doc.sections]
    body = "\n".join(p.text for p in doc.paragraphs[:_BODY_PARAGRAPHS])
    language = getattr(doc, "language", None) or "en"
    least, known = genres()
    best, score = None, 0
    for genre in known:
        points = _score(genre, symbol, cover, headings, body)
        if points >= least and points > score:
            best, score = genre, points
    if best is None:
        return Profile(GENERIC, GENERIC, language=language, symbol=symbol)
    return Profile(
        best.slug, best.pack, language=language, symbol=symbol,
        subject=_subject(best.subject, symbol, cover),
        author=_author(symbol) if best.author == "symbol" else None,
        legacy=best.legacy, score=score,
    )


def _subject(ways: tuple[str, ...], symbol: str | None, cover: str) -> str | None:
    for way in ways:
        if way == "symbol" and symbol:
            for part in symbol.split("/")[1:]:
                state = states.by_iso3(part) if re.fullmatch(r"[A-Z]{3}", part) else None
                if state is not None:
                    return f"state/{state.key}"
        elif way == "cover":
            for line in cover.splitlines():
                line = line.strip()
                found = find_mentions(line, kinds=("state",), adjectives=False)
                if len(found) == 1 and found[0].start == 0 and found[0].end == len(line):
                    return f"state/{found[0].key}"
        elif way == "party":
            for found in find_mentions(cover, kinds=("state",), adjectives=False):
                return f"state/{found.key}"
    return None


def _author(symbol: str | None) -> str | None:
    if not symbol:
        return None
    body = organizations.by_name(symbol.split("/", 1)[0])
    return f"org/{body.key}" if body is not None else None
