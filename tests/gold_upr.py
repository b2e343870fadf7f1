"""Scores of the UPR rule packs against OHCHR's own tables of UPR recommendations.

The gold is ``../shared/corpus-real/upr/upr*-...-thematic-list-of-recommendations.docx``: a
Word table made by OHCHR, one row per recommendation: its number and text with the
recommending States in parentheses, the position of the State under review (Supported /
Noted) and its source (``A/HRC/43/15/Add.1 - Para.4``). It is read here with python-docx, never
copied. The graphs compared are those `convert` makes of the Working Group report and, when the
corpus has it, its Add.1. Development (3rd cycle: A/HRC/43/15 + Add.1, upr34) and held-out (2nd
cycle: A/HRC/28/15, upr20) are scored apart.

Print the tables: ``PYTHONPATH=src .venv/bin/python tests/gold_upr.py``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realcorpus import HELD_OUT, REAL  # noqa: E402

RG = "https://w3id.org/rightsgraph/ontology#"
# (name, gold table, documents): the Working Group report first, then its Add.1 when present
CYCLES = {
    "upr34": ("upr/upr34-slovenia-thematic-list-of-recommendations.docx",
              ("upr/a-hrc-43-15-upr-working-group-report.pdf",
               "upr/a-hrc-43-15-add1-views-on-recommendations.pdf")),
    "upr20": ("upr/upr20-slovenia-thematic-list-of-recommendations.docx",
              ("upr/a-hrc-28-15-upr-working-group-report.pdf",)),
}
_NUMBER = re.compile(r"^\s*(\d{1,3}\.\d{1,3})\b")
_PARENS = re.compile(r"\(([^()]{2,200})\)")
_SPLIT = re.compile(r"\s*[,;]\s*")
_AND = re.compile(r"\s+and\s+")


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float(self.fn == 0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(found: set, gold: set) -> Score:
    return Score(len(found & gold), len(found - gold), len(gold - found))


@dataclass(frozen=True)
class GoldRow:
    number: str
    states: frozenset[str]  # state/XXX
    status: str | None  # supported, noted


def _states_of(text: str) -> frozenset[str]:
    """The recommending States: every parenthesis whose parts are all States' names."""
    from rightsgraph.registry import states

    def named(part: str) -> list | None:
        whole = states.by_name(part.strip())
        if whole is not None:
            return [whole]
        pieces = [p.strip() for p in _AND.split(part) if p.strip()]
        each = [states.by_name(p) for p in pieces]
        return each if len(pieces) > 1 and all(each) else None

    found: set[str] = set()
    for group in _PARENS.finditer(text):
        parts = [named(p) for p in _SPLIT.split(group.group(1)) if p.strip()]
        if parts and all(parts):
            found.update(f"state/{s.iso3}" for part in parts for s in part)
    return frozenset(found)


@cache
def gold_rows(table: str) -> tuple[GoldRow, ...]:
    import docx

    rows: dict[str, GoldRow] = {}
    for t in docx.Document(str(REAL / table)).tables:
        for row in t.rows:
            cells = [c.text for c in row.cells]
            found = _NUMBER.match(cells[0]) if cells else None
            if not found or found.group(1) in rows:
                continue
            text = cells[0].split("Source of Position", 1)[0]
            status = next((s.lower() for s in ("Supported", "Noted") if s in cells[1:2]), None)
            rows[found.group(1)] = GoldRow(found.group(1), _states_of(text), status)
    return tuple(rows.values())


@cache
def graphs(cycle: str):
    from rightsgraph.pipeline import convert

    return tuple(convert(REAL / rel).graph for rel in CYCLES[cycle][1] if (REAL / rel).is_file())


def _query(graph, text: str):
    return list(graph.query(f"PREFIX rg: <{RG}>\n" + text))


@dataclass(frozen=True)
class Figures:
    cycle: str
    held_out: bool
    recommendations: Score
    recommenders: Score
    addressee: float  # share of found recommendations addressed to the State under review only
    responses: Score
    linked: float  # share of responses whose recommendation is in the Working Group graph
    per_rule: dict[str, Score]


def measure(cycle: str) -> Figures:
    rows = gold_rows(CYCLES[cycle][0])
    wg, *rest = graphs(cycle)
    recs = _query(wg, """SELECT ?r ?n ?rule WHERE { ?r a rg:Recommendation ;
        rg:recommendationNumber ?n ; rg:extractionRule ?rule }""")
    by = _query(wg, "SELECT ?n ?s WHERE { ?r rg:recommendationNumber ?n ; rg:recommendedBy ?s }")
    to = _query(wg, "SELECT ?n ?s WHERE { ?r rg:recommendationNumber ?n ; rg:addressedTo ?s }")
    response_rows = [row for g in (wg, *rest) for row in _query(g, """
        SELECT ?n ?status ?target ?rule WHERE { ?x a rg:RecommendationResponse ;
            rg:responseTo ?target ; rg:responseStatus ?status ; rg:extractionRule ?rule .
            ?target rg:recommendationNumber ?n0 . BIND(STR(?n0) AS ?n) }""")]
    # the Add.1 graph does not hold the recommendation's number: read it from its IRI
    response_rows += [row for g in rest for row in _query(g, """
        SELECT ?n ?status ?target ?rule WHERE { ?x a rg:RecommendationResponse ;
            rg:responseTo ?target ; rg:responseStatus ?status ; rg:extractionRule ?rule .
            FILTER NOT EXISTS { ?target rg:recommendationNumber ?any }
            BIND(REPLACE(STR(?target), "^.*/", "") AS ?n) }""")]
    gold_numbers = {r.number for r in rows}
    gold_pairs = {(r.number, s) for r in rows for s in r.states}
    gold_status = {(r.number, r.status) for r in rows if r.status}
    found_numbers = {str(n) for _r, n, _rule in recs}
    tail = lambda iri: str(iri).split("/id/", 1)[-1]  # noqa: E731
    found_pairs = {(str(n), tail(s)) for n, s in by}
    found_status = {(str(n), str(s).rsplit("/", 1)[-1]) for n, s, _t, _rule in response_rows}
    subject = subject_of(CYCLES[cycle][0])
    addressed = {}
    for n, s in to:
        addressed.setdefault(str(n), set()).add(tail(s))
    addressee = (sum(1 for n in found_numbers if addressed.get(n) == {subject}) / len(found_numbers)
                 if found_numbers else 0.0)
    rec_iris = {str(r) for r, _n, _rule in recs}
    linked = (sum(1 for *_x, t, _rule in response_rows if str(t) in rec_iris) / len(response_rows)
              if response_rows else 0.0)
    per_rule: dict[str, Score] = {}
    for _r, n, rule in recs:
        s = per_rule.get(str(rule), Score(0, 0, 0))
        ok = str(n) in gold_numbers
        per_rule[str(rule)] = Score(s.tp + ok, s.fp + (not ok), 0)
    for n, status, _t, rule in response_rows:
        s = per_rule.get(str(rule), Score(0, 0, 0))
        ok = (str(n), str(status).rsplit("/", 1)[-1]) in gold_status
        per_rule[str(rule)] = Score(s.tp + ok, s.fp + (not ok), 0)
    held = any(rel in HELD_OUT for rel in CYCLES[cycle][1])
    return Figures(cycle, held, score(found_numbers, gold_numbers), score(found_pairs, gold_pairs),
                   addressee, score(found_status, gold_status), linked, per_rule)


@cache
def subject_of(table: str) -> str:
    """The State under review: the State of the table's page header ("UPR of Slovenia ...")."""
    import docx

    from rightsgraph.registry import find_mentions

    document = docx.Document(str(REAL / table))
    texts = [p.text for section in document.sections for p in section.header.paragraphs]
    for text in (*texts, *(p.text for p in document.paragraphs[:20])):
        for m in find_mentions(text, kinds=("state",), adjectives=False):
            return f"state/{m.key}"
    return ""


figures = measure


def table(f: Figures) -> str:
    side = "held-out" if f.held_out else "development"
    recs = f.recommendations
    lines = [f"{f.cycle} ({side})",
             f"  recommendations  P {recs.precision:.3f} R {recs.recall:.3f}"
             f" F1 {recs.f1:.3f}  ({recs.tp}/{recs.tp + recs.fn})",
             f"  recommenders     P {f.recommenders.precision:.3f} R {f.recommenders.recall:.3f}"
             f" F1 {f.recommenders.f1:.3f}",
             f"  addressee        {f.addressee:.3f}",
             f"  responses        P {f.responses.precision:.3f} R {f.responses.recall:.3f}"
             f" F1 {f.responses.f1:.3f}  ({f.responses.tp}/{f.responses.tp + f.responses.fn})",
             f"  responses linked {f.linked:.3f}"]
    for rule, s in sorted(f.per_rule.items()):
        lines.append(f"  rule {rule}: precision {s.precision:.3f} ({s.tp}/{s.tp + s.fp})")
    return "\n".join(lines)


if __name__ == "__main__":
    for name in CYCLES:
        print(table(figures(name)))
