"""Lists of delegations and written statements in a plenary summary.

"interventions were made by delegates of the following States and organizations: A, B, the C
and D." / "delegates of the following States and organizations took the floor: ..." / "A written
statement was received from the E." Each item is a State, a registry organisation, an
organisation known only by name, or an unnamed person ("a migrant"); a parenthesis or an
"on behalf of" clause names the group an item spoke for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..parse import slugify
from .names import PERSON_NOUNS, classify_organization, org_key, resolve_name, strip_article

_LIST = re.compile(
    r"(?:the following (?:States|delegations|countries|Member States|observers|organizations|"
    r"States and organizations|States and observers|speakers)[^:.]*?|took the floor|made statements|"
    r"statements were made by)[^:.]*?: (?P<items>[^.]+?)\.(?:\s|$)")
_WRITTEN = re.compile(
    r"(?:[Ww]ritten (?:statements?|submissions?|contributions?) (?:was|were) (?:also )?(?:received|submitted|"
    r"made available) (?:from|by)|(?:[Ss]tatements?|[Cc]ontributions?) (?:was|were) (?:also )?(?:submitted|"
    r"made) in writing by|submitted (?:a )?written (?:statements?|contributions?)[^:]*?:?) "
    r"(?P<items>[^.]+?)\.(?:\s|$)")
_BEHALF = re.compile(r"^(?P<name>.+?)\s*\((?P<note>[^()]*on behalf of[^()]*)\)$"
                     r"|^(?P<name2>.+?),? on behalf of (?P<group2>.+)$")


@dataclass(frozen=True)
class Delegate:
    """One listed speaker: its key, actor class, label, offsets in the paragraph, groups spoken for."""

    key: str
    kind: str
    label: str
    start: int
    end: int
    written: bool
    on_behalf_of: tuple[tuple[str, str], ...] = ()  # (key, label)
    national_capacity: bool = True
    report_scoped: bool = False


def _split(items: str) -> list[tuple[int, str]]:
    parts: list[tuple[int, str]] = []
    depth, start = 0, 0
    for i, ch in enumerate(items):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            parts.append((start, items[start:i]))
            start = i + 1
    parts.append((start, items[start:]))
    parts = [(o + len(t) - len(t.lstrip()), t.strip()) for o, t in parts if t.strip()]
    if not parts:
        return parts
    off, last = parts.pop()
    last_parts = _split_and(last, minimum=1 if parts else 2)
    if parts and last.startswith("and "):
        last_parts = [(4, last[4:])]
    parts.extend((off + o, t) for o, t in last_parts)
    return parts


def _known(text: str) -> bool:
    text = re.sub(r"\s*\([^)]*on behalf of[^)]*\)$", "", text)
    return resolve_name(text) is not None or _person_noun(text) is not None


def _split_and(item: str, minimum: int) -> list[tuple[int, str]]:
    """Split the last list item at the ``and`` that best separates two names."""
    best, best_score = [(0, item)], minimum - 1
    for m in re.finditer(r" and ", item):
        left, right = item[: m.start()], item[m.end():]
        if not right[:1].isupper() and not re.match(r"(?:the|an?) ", right):
            continue
        score = 1 + _known(left) + _known(right)
        score -= 0.5 * sum(bool(re.search(r" and (?:the|an?) ", side)) for side in (left, right))
        if score > best_score:
            best, best_score = [(0, left), (m.end(), right)], score
    return best


def _person_noun(text: str) -> str | None:
    m = re.match(r"^(?:an?|one|A|An) (?P<desc>[a-z][\w -]*)$", text)
    if m and any(re.search(r"\b" + re.escape(n) + r"\b", m.group("desc")) for n in PERSON_NOUNS):
        return m.group("desc")
    return None


def _delegate(text: str, start: int, paragraph: str, written: bool) -> Delegate:
    on_behalf: list[tuple[str, str]] = []
    national = True
    m = _BEHALF.match(text)
    name = text
    if m:
        name = m.group("name") or m.group("name2")
        note = m.group("note") or ("on behalf of " + m.group("group2"))
        national = "national capacity" in note or m.group("name2") is None and "national" in note
        group = strip_article(note.split("on behalf of", 1)[1].strip())
        found = resolve_name(group)
        on_behalf.append(found[:1] + (group,) if found else ("group/" + slugify(group), group))
        if m.group("name2"):
            national = False
    found = resolve_name(name)
    if found is None and "(" in name:
        found = resolve_name(re.sub(r"\s*\(.*\)$", "", name))
    label = strip_article(name)
    if found:
        return Delegate(found[0], found[1], label, start, start + len(name), written, tuple(on_behalf),
                        national)
    desc = _person_noun(name)
    if desc:
        key = f"person/{slugify(desc)}-{paragraph}"
        return Delegate(key, "Person", name[:1].upper() + name[1:], start, start + len(name), written,
                        tuple(on_behalf), national, report_scoped=True)
    begin = start + (len(name) - len(label))
    return Delegate(org_key(slugify(label)), classify_organization(label), label, begin, begin + len(label),
                    written, tuple(on_behalf), national)


def delegations(text: str, paragraph: str) -> list[tuple[int, int, Delegate]]:
    """Listed delegates of one paragraph as ``(sentence-ish start, end, delegate)``."""
    out = []
    for pattern, written in ((_LIST, False), (_WRITTEN, True)):
        for m in pattern.finditer(text):
            if not written and _WRITTEN.search(m.group(0)):
                continue
            base = m.start("items")
            items = m.group("items")
            if written:
                items = re.sub(r"^the ", "", items)
                base += len(m.group("items")) - len(items)
            for off, item in _split(items):
                d = _delegate(item, base + off, paragraph, written)
                out.append((m.start(), m.end(), d))
    return out
