"""Find every registry mention in a text, with exact character offsets.

One Aho-Corasick automaton (pyahocorasick) over the folded surface forms of the
chosen registries is built once per choice and cached. A hit counts only at word
boundaries; forms with a capitalised word of two or more letters ("WHO", "UN
Women") must also match with their exact capitals. Overlapping hits are resolved
longest first; a longer "shadow" phrase ("Indian Ocean") suppresses what it
contains and is not reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import ahocorasick

from .fold import fold, fold_with_offsets, is_acronym_like
from .records import load_shadows
from .tables import instruments, organizations, states

KINDS = ("state", "organization", "instrument")
_TABLES = {"state": states, "organization": organizations, "instrument": instruments}
_SHADOW = "shadow"


@dataclass(frozen=True, slots=True, order=True)
class Ref:
    """One registry entry a mention may denote.

    ``kind`` is state, organization or instrument; ``key`` the ISO3 code or slug;
    ``field`` the kind of form matched (name, variant, adjective, acronym, alias...).
    """

    kind: str
    key: str
    field: str


@dataclass(frozen=True, slots=True)
class Mention:
    """``text[start:end] == surface``; ``refs``: every entry the surface names (usually one)."""

    start: int
    end: int
    surface: str
    refs: tuple[Ref, ...]

    @property
    def kind(self) -> str:
        return self.refs[0].kind

    @property
    def key(self) -> str:
        return self.refs[0].key


@dataclass(frozen=True, slots=True)
class _Pattern:
    form: str
    exact_key: str | None  # folded with case kept, when capitals must match
    ref: Ref | None  # None for a shadow phrase


def _same_entry(a: Ref | None, b: Ref | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.kind, a.key) == (b.kind, b.key)


def _strip_article(form: str) -> str:
    return form[4:] if form[:4].casefold() == "the " and len(form) > 4 else form


@cache
def _automaton(kinds: tuple[str, ...], adjectives: bool):
    automaton = ahocorasick.Automaton()
    entries: dict[str, list[_Pattern]] = {}

    def add(form: str, ref: Ref | None) -> None:
        form = _strip_article(form)
        key = fold(form)
        exact = fold(form, lower=False) if is_acronym_like(form) else None
        patterns = entries.setdefault(key, [])
        same = [p for p in patterns if p.exact_key == exact and _same_entry(p.ref, ref)]
        if not same:
            patterns.append(_Pattern(form, exact, ref))

    for kind in kinds:
        for record in _TABLES[kind]:
            for form, field in record.surface_forms():
                if field in ("adjective", "demonym") and not adjectives:
                    continue
                add(form, Ref(kind, record.key, field))
    for phrase in load_shadows():
        add(phrase, None)
    for key, patterns in entries.items():
        automaton.add_word(key, (len(key), tuple(patterns)))
    automaton.make_automaton()
    return automaton


def _bounded(folded: str, start: int, end: int) -> bool:
    if folded[start].isalnum() and start > 0 and folded[start - 1].isalnum():
        return False
    return not (folded[end - 1].isalnum() and end < len(folded) and folded[end].isalnum())


def find_mentions(
    text: str,
    *,
    kinds: tuple[str, ...] = KINDS,
    adjectives: bool = True,
) -> list[Mention]:
    """All non-overlapping registry mentions in ``text``, in text order.

    ``adjectives=False`` leaves out State adjectives and demonyms ("Mexican",
    "Venezuelans"), which name a State less directly than its name does.
    """
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown registry kinds: {sorted(unknown)}")
    return list(_mentions(text, tuple(kinds), adjectives))


@lru_cache(maxsize=8192)
def _mentions(text: str, kinds: tuple[str, ...], adjectives: bool) -> tuple[Mention, ...]:
    # several extractors ask about the same sentences: fold and scan each text once
    automaton = _automaton(tuple(kinds), adjectives)
    folded, origin = fold_with_offsets(text)
    candidates: list[tuple[int, int, tuple[Ref | None, ...]]] = []
    for last, (length, patterns) in automaton.iter(folded):
        start, end = last - length + 1, last + 1
        if not _bounded(folded, start, end):
            continue
        o_start, o_end = origin[start], origin[end - 1] + 1
        exact = fold(text[o_start:o_end], lower=False)
        refs = tuple(p.ref for p in patterns if p.exact_key is None or p.exact_key == exact)
        if refs:
            candidates.append((o_start, o_end, refs))
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken: list[tuple[int, int, tuple[Ref | None, ...]]] = []
    for cand in candidates:
        if all(cand[1] <= s or cand[0] >= e for s, e, _ in taken):
            taken.append(cand)
    mentions = []
    for start, end, refs in sorted(taken):
        real = tuple(sorted(r for r in refs if r is not None))
        if real and None not in refs:
            mentions.append(Mention(start, end, text[start:end], real))
    return tuple(mentions)
