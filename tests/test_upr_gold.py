"""UPR acceptance on the development documents of ../shared/corpus-real/upr/ (A/HRC/43/15 and its
Add.1) against OHCHR's own table of their recommendations (tests/gold_upr.py). The held-out
cycle (A/HRC/28/15) is measured by `python tests/gold_upr.py` and reported, never asserted on."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold_upr import figures, graphs, table  # noqa: E402
from realcorpus import needs_real_corpus  # noqa: E402


@needs_real_corpus
def test_development_upr_documents_meet_the_targets():
    f = figures("upr34")
    print(table(f))
    assert not f.held_out
    assert f.recommendations.f1 >= 0.98
    assert f.recommenders.f1 >= 0.98
    assert f.addressee == 1.0
    assert f.responses.f1 >= 0.98
    assert f.linked == 1.0
    for rule, score in f.per_rule.items():
        assert score.precision >= 0.98, rule


@needs_real_corpus
def test_development_upr_graphs_pass_the_gate():
    from rightsgraph.validate import validate

    for graph in graphs("upr34"):
        report = validate(graph)
        assert report.conforms, report
