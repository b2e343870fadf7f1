"""pysbd's English sentence splitting, with its passes that were quadratic made linear.

pysbd rewrites the whole paragraph once per abbreviation occurrence and once per numbered
list item it finds: on a 160 KB paragraph that took seconds. The classes here give the same
sentences (pysbd's own ``Processor`` runs; only those passes are replaced, through pysbd's
language hook and a `Processor` subclass), which tests/test_extract_equivalence.py checks
against stock pysbd.
"""

from __future__ import annotations

import re
from functools import cache

from pysbd.lang.english import English
from pysbd.lists_item_replacer import ListItemReplacer
from pysbd.processor import Processor
from pysbd.utils import Text

__all__ = ["split"]


def split(text: str) -> list[str]:
    """The sentences pysbd (English, not cleaned) finds in ``text``."""
    return _Processor(text, _English).process()


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


class _ListItemReplacer(ListItemReplacer):
    """pysbd's numbered-list pass, one substitution for every list item instead of one per
    item: the same text, since a substitution only rewrites matches of its own number (their
    "." becomes "♨", ")" gets a "☝") and a match's surroundings are never part of another
    match, so which items are rewritten, not the order, makes the result."""

    def scan_lists(self, regex1, regex2, replacement, strip=False):
        items = list(map(int, re.findall(regex1, self.text)))
        chosen: dict[str, None] = {}
        for ind, item in enumerate(items):  # pysbd's test of a list item, unchanged
            if ind < len(items) - 1 and item + 1 == items[ind + 1]:
                chosen[str(item)] = None
            elif ind > 0 and ((item - 1) == items[ind - 1] or (item == 0 and items[ind - 1] == 9)
                              or (item == 9 and items[ind - 1] == 0)):
                chosen[str(item)] = None
        if not chosen:
            return

        def replace_item(match):
            found = match.group()
            if strip:
                found = found.strip()
            chomped = found if len(found) == 1 else found.strip(".])")
            return f"{chomped}{replacement}" if chomped in chosen else found

        self.text = re.sub(regex2, replace_item, self.text)


class _Processor(Processor):
    def process(self):
        # pysbd 0.3.4's Processor.process, with `_ListItemReplacer` for its list pass
        if not self.text:
            return self.text
        self.text = self.text.replace("\n", "\r")
        self.text = _ListItemReplacer(self.text).add_line_break()
        self.replace_abbreviations()
        self.replace_numbers()
        self.replace_continuous_punctuation()
        self.replace_periods_before_numeric_references()
        self.text = Text(self.text).apply(
            self.lang.Abbreviation.WithMultiplePeriodsAndEmailRule,
            self.lang.GeoLocationRule, self.lang.FileFormatRule)
        return self.split_into_segments()
