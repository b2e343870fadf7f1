"""Accent-, case- and punctuation-insensitive text folding shared by lookups and the matcher.

Folding is character-wise, so every folded character remembers the index of the
original character it came from; the matcher uses this to report exact offsets
into the original text.

>>> fold("  Türkiye ")
'turkiye'
>>> fold("Côte d’Ivoire")
"cote d'ivoire"
>>> fold("the Netherlands", drop_article=True)
'netherlands'
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_PUNCT = {
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u00ad": "",
}


@cache
def _fold_char(char: str, *, lower: bool) -> str:
    if char in _PUNCT:
        return _PUNCT[char]
    if char.isspace():
        return " "
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if lower:
        base = base.casefold()
    return base


def fold_with_offsets(text: str, *, lower: bool = True) -> tuple[str, list[int]]:
    """Fold ``text``; return the folded string and, per folded char, its index in ``text``.

    Whitespace runs collapse to one space, accents are dropped, typographic
    apostrophes and dashes become ASCII.

    >>> fold_with_offsets("Ce\u0301sar  Ch\u00e1vez")
    ('cesar chavez', [0, 1, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13])
    """
    table = _one_to_one(frozenset(text), lower)
    if table is None:  # a character folds to none or several: character by character
        return _fold_each(text, lower)
    folded = text.translate(table)
    if "  " not in folded:
        return folded, list(range(len(text)))
    origin: list[int] = []
    kept = 0
    for run in _SPACE_RUNS.finditer(folded):  # keep the first space of each run
        origin.extend(range(kept, run.start() + 1))
        kept = run.end()
    origin.extend(range(kept, len(folded)))
    return _SPACE_RUNS.sub(" ", folded), origin


_SPACE_RUNS = re.compile("  +")
_TABLES: dict[bool, dict[int, str]] = {True: {}, False: {}}  # char -> its one-char fold
_IRREGULAR: dict[bool, set[str]] = {True: set(), False: set()}  # chars folding to 0 or 2+ chars


def _one_to_one(chars: frozenset[str], lower: bool) -> dict[int, str] | None:
    """The translation table folding each of ``chars`` (None if one of them does not fold
    to exactly one character)."""
    table, irregular = _TABLES[lower], _IRREGULAR[lower]
    for char in chars:
        if ord(char) in table:
            continue
        if char in irregular:
            return None
        folded = _fold_char(char, lower=lower)
        if len(folded) != 1:
            irregular.add(char)
            return None
        table[ord(char)] = folded
    return table


def _fold_each(text: str, lower: bool) -> tuple[str, list[int]]:
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char, lower=lower)
        for piece in folded:
            if piece == " " and out and out[-1] == " ":
                continue
            out.append(piece)
            origin.append(index)
    return "".join(out), origin


def fold(text: str, *, drop_article: bool = False, lower: bool = True) -> str:
    """The lookup key of ``text``: folded, trimmed, optionally without a leading "the "."""
    key = fold_with_offsets(text, lower=lower)[0].strip()
    if drop_article and key[:4].casefold() == "the ":
        key = key[4:]
    return key


def is_acronym_like(surface: str) -> bool:
    """True when a surface form must match with its exact capitalisation.

    Forms with a word of two or more capitals ("WHO", "UN Women", "U.S.") are
    distinctive only in that case: lower-cased they are ordinary words.

    >>> is_acronym_like("WHO"), is_acronym_like("UN Women"), is_acronym_like("Mexico")
    (True, True, False)
    """
    for word in surface.replace(".", " ").replace("-", " ").split():
        letters = [c for c in word if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            return True
    words = surface.split()
    return any(sum(c.isupper() for c in w) >= 2 and "." in w for w in words)
