"""Figures in text, as numerals or words: "4,500", "1.2 million", "a third of a million", "45 per cent".

>>> [(f.value, f.unit) for f in find_figures("more than a quarter of a million people, 45 per cent of them")]
[(Decimal('250000'), None), (Decimal('45'), 'percent')]
>>> [str(f.value) for f in find_figures("over 1.2 million migrants and twenty-one vessels")]
['1200000', '21']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
FRACTIONS = {"half a": Decimal("0.5"), "a quarter of a": Decimal("0.25"), "a third of a": Decimal(1) / 3}

_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_SCALE = "|".join(SCALES)
_TENS_WORDS = "|".join(TENS)
_NUMERAL = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
FIGURE = re.compile(
    rf"(?<![\w/.,-])(?:(?P<frac>half a|a quarter of a|a third of a)\s+(?P<fscale>{_SCALE})"
    rf"|(?P<num>{_NUMERAL})(?:\s+(?P<nscale>{_SCALE}))?"
    rf"|(?P<words>(?:{_TENS_WORDS})(?:[\s-](?:{_WORD}))?(?:\s+(?:{_SCALE}))?|(?:{_WORD})(?:\s+(?:{_SCALE}))?))"
    rf"(?P<pct>\s*(?:per\s?cent|percent|%))?(?![\w/-])(?!\.\d)(?!,\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    value: Decimal
    unit: str | None  # "percent" or None
    written_in_words: bool


def _words_value(text: str) -> Decimal:
    total = 0
    for part in re.split(r"[\s-]+", text.lower()):
        if part in UNITS:
            total += UNITS[part]
        elif part in TENS:
            total += TENS[part]
        elif part in SCALES:
            total = max(total, 1) * SCALES[part]
    return Decimal(total)


def find_figures(text: str) -> list[Figure]:
    """Every figure in a text with its value; no filtering of years, dates or references."""
    out = []
    for m in FIGURE.finditer(text):
        unit = "percent" if m.group("pct") else None
        if m.group("frac"):
            value = (
                FRACTIONS[re.sub(r"\s+", " ", m.group("frac").lower())] * SCALES[m.group("fscale").lower()]
            )
            words = True
        elif m.group("num"):
            value = Decimal(m.group("num").replace(",", ""))
            if m.group("nscale"):
                value *= SCALES[m.group("nscale").lower()]
            words = False
        else:
            value = _words_value(m.group("words"))
            words = True
        end = m.end() if unit else m.end() - len(m.group("pct") or "")
        value = Decimal(int(value)) if value == value.to_integral_value() else value.normalize()
        out.append(Figure(m.start(), end, value, unit, words))
    return out
