"""Sub-items of a paragraph: ``(a)``, ``(b)`` ... and ``(i)``, ``(ii)`` ... inside them.

A label opens a sub-item where a list can begin or go on: at the start of the text, after a
colon, a semicolon or a full stop, or after ``; and`` / ``; or``. A reference such as
``article 4 (1) (a)`` or ``paragraph 12 (b)`` follows a word or a number and opens nothing. Letters
run in order from ``(a)``; roman numerals from ``(i)`` open items inside the current letter (and
``(i)`` after ``(h)`` is the letter). An item ends where the next item of its level or above
begins, or at the end of the paragraph.

>>> text = "The Committee recommends: (a) Adopt a law; (b) Ensure: (i) access; (ii) care; (c) Act."
>>> [(s.label, s.key, text[s.start:s.end]) for s in subitems(text)]  # doctest: +NORMALIZE_WHITESPACE
[('(a)', 'a', '(a) Adopt a law; '), ('(b)', 'b', '(b) Ensure: (i) access; (ii) care; '),
 ('(i)', 'b-i', '(i) access; '), ('(ii)', 'b-ii', '(ii) care; '), ('(c)', 'c', '(c) Act.')]
"""

from __future__ import annotations

import re

from ..document import SubItem

_LABEL = re.compile(r"(?:(?<=^)|(?<=[:;.]\s)|(?<=[:;.]\s\s)|(?<=;\sand\s)|(?<=;\sor\s)|(?<=\n))"
                    r"\((?P<label>[a-z]{1,2}|[ivxl]{1,6})\)(?=\s)")
_ROMAN = re.compile(r"^[ivxl]+$")


def _roman(numeral: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50}
    total = 0
    for a, b in zip(numeral, numeral[1:] + " ", strict=False):
        v = values[a]
        total += -v if b != " " and values.get(b, 0) > v else v
    return total


def _letter_value(label: str) -> int:
    """(a)=1 ... (z)=26, (aa)=27 ... as UN documents continue past z."""
    if len(label) == 1:
        return ord(label) - ord("a") + 1
    if label[0] == label[1]:
        return 26 + ord(label[0]) - ord("a") + 1
    return -1


def subitems(text: str) -> tuple[SubItem, ...]:
    """The sub-items of a paragraph's text, in order, nested roman items after their letter."""
    found: list[tuple[str, str, int, str | None]] = []  # label, key, start, parent key
    letter = 0  # value of the current letter item
    roman = 0  # value of the current roman item (inside a letter or at top level)
    top_roman = False  # the paragraph's list is itself roman: (i), (ii) ...
    for m in _LABEL.finditer(text):
        label = m.group("label")
        is_roman = bool(_ROMAN.match(label))
        next_letter = _letter_value(label) == letter + 1
        if is_roman and not (next_letter and label == "i" and letter == 8) and _roman(label) == roman + 1:
            roman = _roman(label)
            if letter and not top_roman:
                parent = next(k for lab, k, _, par in reversed(found) if par is None)
                found.append((f"({label})", f"{parent}-{label}", m.start(), parent))
            else:
                top_roman = True
                found.append((f"({label})", label, m.start(), None))
        elif not is_roman or next_letter:
            if not next_letter or top_roman:
                continue
            letter, roman = letter + 1, 0
            found.append((f"({label})", label, m.start(), None))
    items = []
    for i, (label, key, start, parent) in enumerate(found):
        end = len(text)
        for _, _, later_start, later_parent in found[i + 1:]:
            if parent is None and later_parent is None or parent is not None and (
                    later_parent == parent or later_parent is None):
                end = later_start
                break
        items.append(SubItem(label, key, start, end, parent))
    return tuple(items)
