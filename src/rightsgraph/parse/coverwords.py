"""The words of UN covers (``data/cover.json``, ``data/bodies.csv``) and the readers of their
dates and session numbers, in English, French and Spanish: the vocabulary `metadata` reads
covers with."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from functools import lru_cache
from importlib import resources

__all__ = ["Cover", "bodies", "cover", "dates", "ordinal_to_int", "parse_date", "split_items"]


MAX_MASTHEAD = 200  # characters: the longest masthead (a treaty's name) is half of it


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(resources.files(__package__).joinpath("data", "cover.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def bodies() -> tuple[tuple[str, str, str], ...]:
    """(slug, language, name) of every body a cover may name, longest name first."""
    text = resources.files(__package__).joinpath("data", "bodies.csv").read_text("utf-8")
    rows = [(r["slug"], r["language"], r["name"]) for r in csv.DictReader(text.splitlines())]
    return tuple(sorted(rows, key=lambda r: -len(r[2])))


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


@lru_cache(maxsize=1)
def dates() -> tuple[re.Pattern, dict[str, int]]:
    months = {name.lower(): i for names in _data()["months"].values() for i, name in enumerate(names, 1)}
    names = "|".join(sorted(months, key=len, reverse=True))
    pattern = re.compile(rf"\b(\d{{1,2}})(?:er|º)?\s+(?:de\s+)?({names})\s+(?:de\s+)?(\d{{4}})\b", re.I)
    return pattern, months


def parse_date(text: str) -> date | None:
    """The first date of `text`, written in English, French or Spanish.

    >>> parse_date("Distr.: General 16 July 2024"), parse_date("29 de octubre de 2019")
    (datetime.date(2024, 7, 16), datetime.date(2019, 10, 29))
    >>> parse_date("7 mai 2019")
    datetime.date(2019, 5, 7)
    """
    pattern, months = dates()
    m = pattern.search(text)
    if not m:
        return None
    try:
        return date(int(m.group(3)), months[m.group(2).lower()], int(m.group(1)))
    except ValueError:
        return None


class Cover:
    """The compiled patterns of the cover vocabulary."""

    def __init__(self) -> None:
        d = _data()
        self.distr = re.compile(d["distribution"], re.I)
        self.original = re.compile(d["original"], re.I)
        self.received = re.compile(d["date_received"], re.I)
        self.sessions = [re.compile(p, re.I) for p in d["session"]]
        self.agendas = [re.compile(p, re.I) for p in d["agenda"]]
        self.job = re.compile(d["job_number"])
        self.barcode = re.compile(d["barcode"])
        self.recycle = re.compile(re.escape(d["recycle"]), re.I)
        self.languages = {n.lower(): c for names in d["language_names"].values() for n, c in names.items()}
        self.joiners = {w.lower() for w in d["language_joiners"]}
        self.mastheads = [_words(m) for m in d["mastheads"]]
        self.assemblies = {a.lower(): a for a in d["assemblies"]}
        self.title_starts = tuple(s for starts in d["title_starts"].values() for s in starts)
        self.summary_starts = tuple(d["summary_starts"])
        self.summary_headings = {h.lower() for h in d["summary_headings"]}
        self.contents = {h.lower() for h in d["contents_headings"]}
        self.continuation = set(d["continuation_words"])
        names = "|".join(re.escape(name) for _, _, name in bodies())
        self.body = re.compile(rf"(?:the\s+)?({names})(?=$|\s|[*,])", re.I)
        self.organs = re.compile("|".join(re.escape(a) for a in d["assemblies"]), re.I)

    def language_codes(self, text: str) -> tuple[str, ...] | None:
        """The codes of a line made only of language names ("English, French and Spanish
        only"), or None when the line holds other words."""
        words = [w for w in re.split(r"[\s,;]+", text.strip(" .*")) if w]
        codes = [self.languages[w.lower()] for w in words if w.lower() in self.languages]
        if not codes or any(w.lower() not in self.languages and w.lower() not in self.joiners for w in words):
            return None
        return tuple(dict.fromkeys(codes))

    def is_masthead(self, text: str) -> bool:
        """True for a masthead name or a piece of one cut at a line end (two words or more)."""
        if len(text) > MAX_MASTHEAD:
            return False
        words = _words(text)
        if not words:
            return False
        for name in self.mastheads:
            if words == name:
                return True
            if len(words) >= 2 and any(name[i:i + len(words)] == words for i in range(len(name))):
                return True
        return False

    def session(self, text: str):
        for pattern in self.sessions:
            m = pattern.match(text)
            if m is None:
                continue
            number = (int(m.group("num")) if "num" in pattern.groupindex and m.group("num")
                      else ordinal_to_int(m.group("ord")))
            if number is not None:
                return number, m.end()
        return None

    def agenda(self, text: str) -> list[str] | None:
        for pattern in self.agendas:
            m = pattern.match(text)
            if m:
                return split_items(m.group("items"))
        return None


@lru_cache(maxsize=1)
def cover() -> Cover:
    return Cover()


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in re.findall(r"[^\W_]+", text))


def split_items(spec: str) -> list[str]:
    """'2 and 3' -> ['2', '3']; '3, 4 and 5' -> ['3', '4', '5']."""
    return [s for s in re.split(r"\s*(?:,|\band\b|\bet\b|\by\b)\s*", spec.strip().rstrip(".")) if s]
