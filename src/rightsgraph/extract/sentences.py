"""Sentences of a paragraph, with offsets, by pysbd (it knows "Mr.", "No.", "i.e.").

Every extractor works sentence by sentence and builds its `Evidence` with :func:`evidence`,
so that a quote is always ``paragraph.text[start:end]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..document import Paragraph
from ..facts import Evidence
from .sbd import split


@dataclass(frozen=True)
class Sentence:
    paragraph: str  # the paragraph's key
    start: int
    end: int
    text: str


@lru_cache(maxsize=4096)
def _spans(text: str) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    pos = 0
    # pysbd's own char spans compile one regex per sentence (a third of its time); its
    # sentences are substrings of the text, found here in order from where we are
    for sent in split(text):
        start = text.find(sent, pos)
        if start < 0:  # pysbd drops such a sentence from its spans too
            continue
        end = start + len(sent)
        pos = end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return tuple(out)


def sentences(paragraph: Paragraph) -> tuple[Sentence, ...]:
    """The sentences of a paragraph, trimmed, in order."""
    return _sentences(paragraph.key, paragraph.text)


@lru_cache(maxsize=1024)
def _sentences(number: str, text: str) -> tuple[Sentence, ...]:
    # every extractor walks the same paragraphs: split and build the sentences once
    return tuple(Sentence(number, s, e, text[s:e]) for s, e in _spans(text))


def evidence(paragraph: Paragraph, start: int, end: int) -> Evidence:
    """Evidence for ``paragraph.text[start:end]``, trimmed of surrounding spaces and commas."""
    text = paragraph.text
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return Evidence(paragraph.key, start, end, text[start:end])


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of a paragraph's text."""
    return list(_spans(text))
