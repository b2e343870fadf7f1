"""Precision and recall of actors and interventions against the gold files in data/gold/.

Print the table: ``.venv/bin/python tests/gold_actors.py``.

Categories: States (ISO codes of every State the report names), persons (keys), organisations
(key and actor class), interventions (paragraph, speaker, capacity, segment), and the person
attributes (key, affiliation, represents) as a check on introductions.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold"
CATEGORIES = ("states", "persons", "organizations", "interventions", "person-attributes")
ORG_CLASSES = {"UNEntity", "HumanRightsMechanism", "IntergovernmentalOrganization", "RegionalOrganization",
               "CivilSocietyOrganization", "AcademicInstitution"}

if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "tests"))

from gold import Score, number  # noqa: E402


def predicted(facts) -> dict[str, set]:
    people = [a for a in facts.actors if a.kind == "Person"]
    return {
        "states": {a.iso3 for a in facts.actors if a.kind == "State"},
        "persons": {a.key for a in people},
        "organizations": {(a.key, a.kind) for a in facts.actors if a.kind in ORG_CLASSES},
        "interventions": {(number(i.evidence.paragraph), i.speaker, i.capacity, i.segment)
                          for i in facts.interventions},
        "person-attributes": {(a.key, a.affiliation, a.represents) for a in people},
    }


def gold_sets(gold: dict) -> dict[str, set]:
    return {
        "states": set(gold["states"]),
        "persons": {p["key"] for p in gold["persons"]},
        "organizations": {tuple(o) for o in gold["organizations"]},
        "interventions": {tuple(i) for i in gold["interventions"]},
        "person-attributes": {(p["key"], p["affiliation"], p["represents"]) for p in gold["persons"]},
    }


def score(gold_path: Path) -> dict[str, Score]:
    from rightsgraph.pipeline import convert

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    pred = predicted(convert(ROOT / gold["report"]).facts)
    want = gold_sets(gold)
    return {c: Score(len(pred[c] & want[c]), len(pred[c] - want[c]), len(want[c] - pred[c]))
            for c in CATEGORIES}


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.actors.json"))


def main() -> None:
    for g in gold_files():
        sys.stdout.write(f"{g.name.removesuffix('.actors.json')}\n")
        for c, s in score(g).items():
            sys.stdout.write(
                f"  {c:18} P={s.precision:.2f} R={s.recall:.2f}  (tp={s.tp} fp={s.fp} fn={s.fn})\n")


if __name__ == "__main__":
    main()
