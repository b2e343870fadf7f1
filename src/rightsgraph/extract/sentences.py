"""Sentences of a paragraph, with offsets, by pysbd (it knows "Mr.", "No.", "i.e.").

Every extractor works sentence by sentence and builds its `Evidence` with :func:`evidence`,
so that a quote is always ``paragraph.text[start:end]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from pysbd.lang.english import English
from pysbd.processor import Processor

from ..document import Paragraph
from ..facts import Evidence


@dataclass(frozen=True)
class Sentence:
    paragraph: int
    start: int
    end: int
    text: str


class _AbbreviationReplacer(English.AbbreviationReplacer):
    """pysbd's English abbreviation pass with the same output, in linear rather than quadratic
    time on long paragraphs.

    pysbd rewrites the whole text once per *occurrence* of each abbreviation it finds (a 40 KB
    paragraph has hundreds of " is", " no", " p..."), each rewrite being the same substitution
    for the same spelling. Here each spelling is rewritten once. That gives the same text: a
    rewrite only turns a "." that follows the spelling into "∯", and no pattern of this pass
    starts to match because of such a change, nor stops matching unless a spelling holds
    whitespace (possible for "e.g", "i.e", "u.s"..., whose "." matches any character) — then,
    and when pysbd's next-word test finds anything, pysbd's own loop runs.

    The spellings of an abbreviation of letters only are read from the words of the text
    (`_Heads`) instead of a regex scan per abbreviation.
    """

    def search_for_abbreviations_in_string(self, text):
        lowered = text.lower()
        heads = _Heads(text)
        for abbr in self.lang.Abbreviation.ABBREVIATIONS:
            stripped = abbr.strip()
            if stripped not in lowered:
                continue
            pattern, next_word = _abbreviation_patterns(stripped)
            # pysbd's next-word pattern reads "{abbr} " literally: look for that text first
            char_array = next_word.findall(text) if "{" + stripped + "} " in text else []
            if not char_array and _LETTERS.fullmatch(stripped):
                spellings = heads.spellings(stripped)
            else:
                found = pattern.findall(text)
                spellings = list(dict.fromkeys(m.strip() for m in found))
                if char_array or any(any(c.isspace() for c in s) for s in spellings):
                    for ind, match in enumerate(found):
                        text = self.scan_for_replacements(text, match, ind, char_array)
                    continue
            for spelling in spellings:
                text = self.scan_for_replacements(text, spelling, 0, char_array)
        return text

    def scan_for_replacements(self, txt, am, ind, char_array):
        if am.strip() + "." not in txt:
            return txt  # each of its rewrites turns a "." that follows the spelling into "∯"
        return super().scan_for_replacements(txt, am, ind, char_array)


_LETTERS = re.compile("[a-z]+")


class _Heads:
    """The spellings under which an abbreviation of lower-case ASCII letters occurs at the start
    of a word: what pysbd's ``(?:^|\\s)abbr`` (ignoring case) finds, without a scan per
    abbreviation.

    Such a match starts the text or follows whitespace and holds no whitespace, so it is the
    head of a whitespace-separated word; the pass only turns "." into "∯", so the words'
    letters stay as they were when the index was built.
    """

    def __init__(self, text: str) -> None:
        self.words = text.split()
        self.by_length: dict[int, dict[str | None, list[str]]] = {}

    def spellings(self, abbr: str) -> list[str]:
        n = len(abbr)
        heads = self.by_length.get(n)
        if heads is None:  # the distinct heads of n characters, by lower case (None: not ASCII)
            heads = self.by_length[n] = {}
            for head in dict.fromkeys(w[:n] for w in self.words if len(w) >= n):
                heads.setdefault(head.lower() if head.isascii() else None, []).append(head)
        found = list(heads.get(abbr, ()))
        found += [h for h in heads.get(None, ()) if re.fullmatch(abbr, h, re.IGNORECASE)]
        return found


@cache
def _abbreviation_patterns(stripped: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """pysbd's two patterns for one abbreviation, compiled once."""
    return (re.compile(rf"(?:^|\s|\r|\n){stripped}", flags=re.IGNORECASE),
            re.compile(r"(?<={" + re.escape(stripped) + "} ).{1}"))


class _English(English):
    AbbreviationReplacer = _AbbreviationReplacer


@lru_cache(maxsize=4096)
def _spans(text: str) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    pos = 0
    # pysbd's own char spans compile one regex per sentence (a third of its time); its
    # sentences are substrings of the text, found here in order from where we are
    for sent in Processor(text, _English).process():
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
    return _sentences(paragraph.number, paragraph.text)


@lru_cache(maxsize=1024)
def _sentences(number: int, text: str) -> tuple[Sentence, ...]:
    # every extractor walks the same paragraphs: split and build the sentences once
    return tuple(Sentence(number, s, e, text[s:e]) for s, e in _spans(text))


def evidence(paragraph: Paragraph, start: int, end: int) -> Evidence:
    """Evidence for ``paragraph.text[start:end]``, trimmed of surrounding spaces and commas."""
    text = paragraph.text
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return Evidence(paragraph.number, start, end, text[start:end])


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of a paragraph's text."""
    return list(_spans(text))
