"""Scores of the genre rule packs against the gold of real documents (tests/data/gold-real/).

Gold files are our own annotations of documents of ../shared/corpus-real/ (never copies of
them): for a concluding observation, one row per numbered paragraph with its kind; for a
compilation or stakeholders' summary, one row per recommending sentence with its recommender.
Development and held-out documents (tests/data/heldout-real.txt) are scored apart.

Print the tables: ``PYTHONPATH=src .venv/bin/python tests/gold_real.py``.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realcorpus import HELD_OUT, REAL  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold-real"
KINDS = ("recommendation", "concern")


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

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def compare(found: set, gold: set) -> Score:
    return Score(len(found & gold), len(found - gold), len(gold - found))


@dataclass(frozen=True)
class COGold:
    document: str  # path under corpus-real/
    author: str
    addressee: str
    kinds: dict[int, str]  # paragraph number -> recommendation | concern | -
    items: dict[int, int]
    headings: dict[int, str]

    @property
    def held_out(self) -> bool:
        return self.document in HELD_OUT


def read_co_gold(path: Path) -> COGold:
    lines = path.read_text(encoding="utf-8").splitlines()
    meta = dict(part.split(": ", 1)
                for line in lines if line.startswith("# author:") for part in line[2:].split("\t"))
    document = lines[0].split("gold: ", 1)[1].split(",", 1)[0]
    rows = list(csv.DictReader((line for line in lines if not line.startswith("#")), delimiter="\t"))
    return COGold(
        document, f"org/{meta['author']}", meta["addressee"],
        {int(r["paragraph"]): r["kind"] for r in rows},
        {int(r["paragraph"]): int(r["items"]) for r in rows},
        {int(r["paragraph"]): r["heading"] for r in rows},
    )


def co_golds(*, held_out: bool | None = None) -> list[COGold]:
    golds = [read_co_gold(p) for p in sorted((GOLD / "treaty-co").glob("*.tsv"))]
    return [g for g in golds if held_out is None or g.held_out == held_out]


@cache
def converted(document: str):
    from rightsgraph.pipeline import convert

    return convert(REAL / document)


def _numbering(document: str) -> dict[str, int]:
    """Paragraph key -> the number the document prints (evidence names a paragraph by its key:
    its number, or "part-2-8" where a numbering restarts, "annex-1-3" in an annex)."""
    return {str(getattr(p, "key", p.number)): p.number
            for p in converted(document).document.paragraphs if not getattr(p, "annex", None)}


@dataclass(frozen=True)
class COScores:
    kinds: dict[str, Score]  # paragraph-level, per kind
    rules: Counter  # rule id -> paragraphs right
    rules_wrong: Counter
    author_right: int
    addressee_right: int
    facts: int
    recommendations: int


def score_co(gold: COGold) -> COScores:
    facts = converted(gold.document).facts
    numbers = _numbering(gold.document)
    statements = [(r, "recommendation") for r in facts.recommendations if r.context] + [
        (c, "concern") for c in facts.concerns if c.context]
    found = {(numbers.get(str(f.evidence.paragraph), -1), kind) for f, kind in statements}
    truth = {(n, k) for n, k in gold.kinds.items() if k != "-"}
    kinds = {k: compare({x for x in found if x[1] == k}, {x for x in truth if x[1] == k}) for k in KINDS}
    right, wrong = Counter(), Counter()
    for f, kind in statements:
        (right if (numbers.get(str(f.evidence.paragraph), -1), kind) in truth else wrong)[f.context.rule] += 1
    authors = [f.recommended_by if kind == "recommendation" else f.concern_of for f, kind in statements]
    recs = [f for f, kind in statements if kind == "recommendation"]
    return COScores(
        kinds, right, wrong,
        sum(1 for a in authors if a == (gold.author,)),
        sum(1 for r in recs if r.addressed_to == (gold.addressee,)),
        len(statements), len(recs),
    )


def co_table(golds: list[COGold]) -> str:
    lines = [f"{'document':44} {'kind':15} {'P':>5} {'R':>5} {'F1':>5}  author addressee"]
    total = {k: Score(0, 0, 0) for k in KINDS}
    rules_right, rules_wrong = Counter(), Counter()
    for g in golds:
        s = score_co(g)
        rules_right.update(s.rules)
        rules_wrong.update(s.rules_wrong)
        for k in KINDS:
            total[k] += s.kinds[k]
            lines.append(f"{Path(g.document).stem[:44]:44} {k:15} {s.kinds[k].precision:5.2f} "
                         f"{s.kinds[k].recall:5.2f} {s.kinds[k].f1:5.2f}  "
                         f"{s.author_right}/{s.facts} {s.addressee_right}/{s.recommendations}")
    for k in KINDS:
        lines.append(f"{'all':44} {k:15} {total[k].precision:5.2f} {total[k].recall:5.2f} {total[k].f1:5.2f}")
    for rule in sorted(set(rules_right) | set(rules_wrong)):
        n = rules_right[rule] + rules_wrong[rule]
        lines.append(f"rule {rule:50} statements {n:4}  precision {rules_right[rule] / n:5.2f}")
    return "\n".join(lines)


@dataclass(frozen=True)
class ReportedGold:
    document: str
    genre: str  # compilation | stakeholders
    addressee: str
    rows: tuple[tuple[int, frozenset[str], str], ...]  # paragraph, recommenders, first words of the action

    @property
    def held_out(self) -> bool:
        return self.document in HELD_OUT


def read_reported_gold(path: Path) -> ReportedGold:
    lines = path.read_text(encoding="utf-8").splitlines()
    document = lines[0].split("gold: ", 1)[1].split(",", 1)[0]
    addressee = next(line.split(": ", 1)[1] for line in lines if line.startswith("# addressee:"))
    rows = csv.DictReader((line for line in lines if not line.startswith("#")), delimiter="\t")
    return ReportedGold(document, path.parent.name, addressee, tuple(
        (int(r["paragraph"]), frozenset(r["recommenders"].split("|")), r["action"]) for r in rows))


def reported_golds(genre: str, *, held_out: bool | None = None) -> list[ReportedGold]:
    golds = [read_reported_gold(p) for p in sorted((GOLD / genre).glob("*.tsv"))]
    return [g for g in golds if held_out is None or g.held_out == held_out]


def _words(text: str) -> str:
    return " ".join(re.sub(r"^that\s+", "", text.strip(), flags=re.I).lower().split())


@dataclass(frozen=True)
class ReportedScores:
    found: Score  # recommending sentences found (a gold row matched by paragraph and action)
    recommender_right: int  # of the matched rows, those whose recommenders are exactly the gold's
    addressee_right: int
    matched: int
    rules: Counter
    rules_wrong: Counter


def score_reported(gold: ReportedGold) -> ReportedScores:
    recs = [r for r in converted(gold.document).facts.recommendations if r.context]
    numbers = _numbering(gold.document)
    used: set[int] = set()
    right = addressed = 0
    rules_right, rules_wrong = Counter(), Counter()
    for paragraph, recommenders, action in gold.rows:
        for i, r in enumerate(recs):
            if i in used or numbers.get(str(r.evidence.paragraph), -1) != paragraph:
                continue
            if _words(r.action).startswith(_words(action)) or _words(action) in _words(r.action)[:80]:
                used.add(i)
                ok = frozenset(r.recommended_by) == recommenders
                right += ok
                addressed += r.addressed_to == (gold.addressee,)
                (rules_right if ok else rules_wrong)[r.context.rule] += 1
                break
    for i, r in enumerate(recs):
        if i not in used:
            rules_wrong[r.context.rule] += 1
    matched = len(used)
    return ReportedScores(Score(matched, len(recs) - matched, len(gold.rows) - matched), right, addressed,
                          matched, rules_right, rules_wrong)


def reported_table(golds: list[ReportedGold]) -> str:
    lines = [f"{'document':44} {'P':>5} {'R':>5} {'F1':>5}  recommender right  addressee"]
    for g in golds:
        s = score_reported(g)
        lines.append(f"{Path(g.document).stem[:44]:44} {s.found.precision:5.2f} {s.found.recall:5.2f} "
                     f"{s.found.f1:5.2f}  {s.recommender_right}/{s.matched} "
                     f"({s.recommender_right / max(s.matched, 1):.2f})  {s.addressee_right}/{s.matched}")
        for rule in sorted(set(s.rules) | set(s.rules_wrong)):
            n = s.rules[rule] + s.rules_wrong[rule]
            lines.append(f"  rule {rule:46} statements {n:4}  right {s.rules[rule] / n:5.2f}")
    return "\n".join(lines)


if __name__ == "__main__":
    for side, held in (("development", False), ("held-out", True)):
        print(f"== concluding observations, {side}")
        print(co_table(co_golds(held_out=held)))
        for genre in ("compilation", "stakeholders"):
            print(f"== {genre}, {side}")
            print(reported_table(reported_golds(genre, held_out=held)))
