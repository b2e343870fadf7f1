"""Sentence spans of a paragraph, aware of the abbreviations UN reports use."""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"[.!?][)\]”\"’]?\s+(?=[A-Z(“\"‘])")
_NO_BREAK = re.compile(
    r"(?:\b(?:Mr|Ms|Mrs|Dr|Prof|St|No|Nos|para|paras|art|arts|Rev|Sr|Jr|Gen|Amb|H\.E|vol|p|pp|cf|e\.g|i\.e|"
    r"etc|inter alia|al)|\b[A-Z])\.[)\]”\"’]?\s+$"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in ``text``.

    >>> t = "Ms. Okafor spoke. She noted that Ana L. Prieto Ruiz was there."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Ms. Okafor spoke.', 'She noted that Ana L. Prieto Ruiz was there.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        head = text[start : m.end()]
        if _NO_BREAK.search(head):
            continue
        end = m.start() + len(m.group(0).rstrip())
        spans.append((start, end))
        start = m.end()
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return spans
