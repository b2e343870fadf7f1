"""The real UN documents of ../shared/corpus-real/ (never copied into the repository).

Tests that read them use `real_documents()` / `needs_real_corpus` and are skipped cleanly when the
folder is absent. `HELD_OUT` lists the documents nobody tunes extraction on
(tests/data/heldout-real.txt): their figures are reported apart from the development figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus-real"

needs_real_corpus = pytest.mark.skipif(not REAL.is_dir(), reason=f"{REAL} is absent")


def _held_out() -> frozenset[str]:
    lines = (ROOT / "tests" / "data" / "heldout-real.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


HELD_OUT = _held_out()


def real_documents(folder: str, pattern: str = "*.pdf", *, held_out: bool | None = None) -> list[Path]:
    """Documents of one folder of the real corpus, sorted; `held_out` True/False selects one side
    of the split, None both. Empty when the corpus is absent (use `needs_real_corpus` to skip)."""
    base = REAL / folder
    if not base.is_dir():
        return []
    found = sorted(base.glob(pattern))
    if held_out is None:
        return found
    return [p for p in found if (f"{folder}/{p.name}" in HELD_OUT) == held_out]
