"""Extraction against the hand-written gold files: precision and recall per category."""

from __future__ import annotations

import pytest

from gold import gold_files, report_of, score

SEED_TARGETS = {
    "instruments": 0.95,
    "statistics": 0.95,
    "violations": 0.85,
    "recommendations": 0.85,
    "practices": 0.85,
    "commitments": 0.85,
    "concerns": 0.85,
}
GENRE_FLOOR = 0.5


@pytest.mark.parametrize("gold", gold_files(), ids=lambda p: p.name.removesuffix(".facts.json"))
def test_precision_and_recall_per_category(gold):
    scores = score(report_of(gold), gold)
    seed = gold.name.startswith("a-hrc-57-")
    for category, s in scores.items():
        target = SEED_TARGETS.get(category, 0.75) if seed else GENRE_FLOOR
        assert s.precision >= target, (category, s)
        assert s.recall >= target, (category, s)


def test_every_genre_report_has_a_gold_file(seed_path):
    from conftest import GENRE_REPORTS

    stems = {g.name.removesuffix(".facts.json") for g in gold_files()}
    assert {p.stem for p in GENRE_REPORTS} | {seed_path.stem} <= stems
