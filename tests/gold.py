"""Precision and recall of extraction against the hand-written gold files in data/gold/.

Print the table: ``.venv/bin/python tests/gold.py``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold"
CATEGORIES = (
    "instruments",
    "statistics",
    "violations",
    "recommendations",
    "practices",
    "commitments",
    "concerns",
    "places",
)


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


def number(key: str) -> int | str:
    """A paragraph's key as the gold files write it: the number of the main numbering."""
    return int(key) if key.isdigit() else key


def predicted(facts) -> dict[str, set]:
    return {
        "instruments": {(number(c.evidence.paragraph), c.instrument) for c in facts.citations},
        "statistics": {(number(s.evidence.paragraph), str(s.value)) for s in facts.statistics},
        "violations": {(number(v.evidence.paragraph), v.violation_type.split("/", 1)[1])
                       for v in facts.violations},
        "recommendations": {
            (number(r.evidence.paragraph), k) for r in facts.recommendations for k in r.recommended_by
        },
        "practices": {(k, number(p.evidence.paragraph)) for p in facts.practices for k in p.practice_of},
        "commitments": {(number(c.evidence.paragraph), k) for c in facts.commitments for k in c.committed_by},
        "concerns": {(number(c.evidence.paragraph), k) for c in facts.concerns for k in c.concern_of},
        "places": {p.key for p in facts.places},
    }


def gold_sets(gold: dict) -> dict[str, set]:
    return {c: {tuple(x) if isinstance(x, list) else x for x in gold[c]} for c in CATEGORIES}


def score(report_path: Path, gold_path: Path) -> dict[str, Score]:
    from rightsgraph.pipeline import convert

    pred = predicted(convert(report_path).facts)
    gold = gold_sets(json.loads(gold_path.read_text(encoding="utf-8")))
    return {
        c: Score(len(pred[c] & gold[c]), len(pred[c] - gold[c]), len(gold[c] - pred[c])) for c in CATEGORIES
    }


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.facts.json"))


def report_of(gold_path: Path) -> Path:
    return ROOT / json.loads(gold_path.read_text(encoding="utf-8"))["report"]


def main() -> None:
    for g in gold_files():
        scores = score(report_of(g), g)
        sys.stdout.write(f"{g.name.removesuffix('.facts.json')}\n")
        for c, s in scores.items():
            sys.stdout.write(
                f"  {c:16} P={s.precision:.2f} R={s.recall:.2f}  (tp={s.tp} fp={s.fp} fn={s.fn})\n"
            )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
