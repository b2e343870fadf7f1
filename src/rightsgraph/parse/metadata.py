"""Front matter of UN reports: symbol, organ, session, agenda items, dates, title."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from ..document import AgendaItem

ORGANS = (
    "Human Rights Council",
    "General Assembly",
    "Economic and Social Council",
    "Security Council",
    "Commission on Human Rights",
)
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"\b(\d{{1,2}})\s+({MONTHS})\s+(\d{{4}})\b")
SYMBOL = re.compile(r"^(?:[A-Z]{1,6}/)(?:[A-Za-z0-9.]+/){1,5}[A-Za-z0-9.()]+$")
# Ordinals and agenda specs are short: bounded repetitions keep these linear on hostile lines
# (a lazy group followed by `\s+` or `\W*$` was quadratic on long runs of spaces or punctuation).
_SESSION = re.compile(
    r"^(?P<ord>[A-Za-z -]{1,60}?|\d{1,4}(?:st|nd|rd|th))\s{1,3}(?:regular\s{1,3}|special\s{1,3})?session\b",
    re.I,
)
_AGENDA = re.compile(
    r"^(?:Provisional\s+)?(?:Agenda\s+)?items?\s+(.{1,200}?)"
    r"(?:\s{1,3}of\s{1,3}the\s{1,3}(?:provisional\s{1,3})?agenda)?$",
    re.I,
)
_MASTHEAD = re.compile(r"^(?:United Nations|Nations Unies|Naciones Unidas)$", re.I)
_DISTR = re.compile(r"^Distr\.?:", re.I)
_HELD_ON = re.compile(rf"\b(?:was|were)\s+held\s+on\s+(\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}})")
_RESOLUTION = re.compile(r"\bresolution\s+(\d{1,3}/\d{1,4})\b")
_SUBTITLE = re.compile(
    r"^(?:(?:Summary\s+)?[Rr]eport|Note|Compilation|Summary)\b.*\b(?:of|by)\b", re.I
)

_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}


def ordinal_to_int(words: str) -> int | None:
    """Read an English ordinal of a UN session number.

    >>> ordinal_to_int("Fifty-seventh"), ordinal_to_int("tenth"), ordinal_to_int("79th")
    (57, 10, 79)
    """
    w = words.strip().lower()
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", w)
    if m:
        return int(m.group(1))
    w = re.sub(r"^one hundred (?:and )?", "", w)
    hundred = 100 if words.strip().lower() != w else 0
    parts = re.split(r"[\s-]+", w)
    if len(parts) == 1 and parts[0] in _UNITS:
        return hundred + _UNITS[parts[0]]
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS and _UNITS[parts[1]] < 10:
        return hundred + _TENS[parts[0]] + _UNITS[parts[1]]
    return None


def parse_date(text: str) -> date | None:
    m = DATE.search(text)
    if not m:
        return None
    try:
        return datetime.strptime(" ".join(m.groups()), "%d %B %Y").date()
    except ValueError:
        return None


def _split_items(spec: str) -> list[str]:
    """'2 and 3' -> ['2', '3']; '3, 4 and 5' -> ['3', '4', '5']."""
    return [s for s in re.split(r"\s*(?:,|\band\b)\s*", spec.strip().rstrip(".")) if s]


@dataclass
class FrontMatter:
    symbol: str | None = None
    assembly: str | None = None
    body: str | None = None
    session: int | None = None
    session_dates: str | None = None
    agenda_items: tuple[AgendaItem, ...] = ()
    distribution_date: date | None = None
    title: str | None = None
    subtitle: str | None = None
    summary: str | None = None
    requesting_resolution: str | None = None
    meeting_date: date | None = None


def read_front_matter(lines: list[str]) -> FrontMatter:
    """Interpret the front-matter blocks (one plain-text line each) of a report."""
    fm = FrontMatter()
    rest: list[str] = []
    pending_items: list[str] = []
    expect_date = False
    summary_mode = False
    summary: list[str] = []
    for line in lines:
        if summary_mode:
            summary.append(line)
            continue
        if re.fullmatch(r"Summary|Abstract", line.strip(" *:"), re.I):
            summary_mode = True
            continue
        if fm.symbol is None and SYMBOL.match(line.strip()):
            fm.symbol = line.strip()
            continue
        if line.strip() in ORGANS:
            if line.strip() == "General Assembly" and fm.assembly is None and fm.body is None:
                fm.assembly = line.strip()
            else:
                fm.body = line.strip()
            continue
        if _DISTR.match(line):
            rest_of_line = _DISTR.sub("", line)
            fm.distribution_date = parse_date(rest_of_line)
            expect_date = fm.distribution_date is None
            continue
        if expect_date and parse_date(line) and len(line) < 40:
            fm.distribution_date = parse_date(line)
            expect_date = False
            continue
        if re.match(r"^Original:", line, re.I) or _MASTHEAD.match(line.strip()):
            continue
        m = _SESSION.match(line.strip())
        if m and fm.session is None and ordinal_to_int(m.group("ord")) is not None:
            fm.session = ordinal_to_int(m.group("ord"))
            continue
        if fm.session is not None and fm.session_dates is None and DATE.search(line) and len(line) < 60:
            fm.session_dates = line.strip()
            continue
        m = _AGENDA.match(_rstrip_nonword(line.strip()))
        if m and not fm.agenda_items and re.match(r"^\d", m.group(1)):
            pending_items = _split_items(m.group(1))
            continue
        if pending_items and len(fm.agenda_items) < len(pending_items):
            number = pending_items[len(fm.agenda_items)]
            fm.agenda_items = (*fm.agenda_items, AgendaItem(number, line.strip()))
            continue
        rest.append(line.strip())
    for line in rest:
        if fm.title is None:
            fm.title = line
        elif fm.subtitle is None and _SUBTITLE.match(line):
            fm.subtitle = line
    if summary:
        fm.summary = " ".join(summary)
        m = _RESOLUTION.search(fm.summary)
        fm.requesting_resolution = m.group(1) if m else None
        m = _HELD_ON.search(fm.summary)
        fm.meeting_date = parse_date(m.group(1)) if m else None
    return fm


def _rstrip_nonword(text: str) -> str:
    """`text` without trailing non-word characters (what a trailing `\\W*` would consume).

    >>> _rstrip_nonword("Item 3 of the provisional agenda.*")
    'Item 3 of the provisional agenda'
    """
    end = len(text)
    while end and not (text[end - 1].isalnum() or text[end - 1] == "_"):
        end -= 1
    return text[:end]


def find_requesting_resolution(text: str) -> str | None:
    m = _RESOLUTION.search(text)
    return m.group(1) if m else None


def find_meeting_date(text: str) -> date | None:
    m = _HELD_ON.search(text)
    return parse_date(m.group(1)) if m else None
