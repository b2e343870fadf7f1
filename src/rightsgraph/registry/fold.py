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
    """
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
