"""Publishing leaves nothing behind: a remote publish killed with SIGKILL mid-upload leaves
staging graphs that `stats` lists and the next publish removes, with every query answering as
before; graphs are swapped in bounded batches; the dataset description commits with the data.
(bench/kill_publish.py does the same 100 times at random moments.)"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import GENRE_REPORTS, ROOT, SEED, run_cli
from rightsgraph.iris import VOID_GRAPH
from rightsgraph.store.endpoint import BACKUP, STAGING

HANG_GUARD = 300


@pytest.fixture(scope="module")
def graph_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("graphs")
    files = []
    for i, report in enumerate([SEED, GENRE_REPORTS[0]]):
        out = folder / f"r{i}.nt"
        res = run_cli("convert", str(report), "-o", str(out))
        assert res.returncode == 0, res.stderr
        files.append(str(out))
    return files


def _answers(engine) -> dict[str, list]:
    from rightsgraph.prefilter import bind_query
    from rightsgraph.querylib import library

    with engine.store() as store:
        return {q.name: sorted(repr([t.value if t is not None else None for t in row])
                               for row in store.query(bind_query(store, q, {})).rows)
                for q in library()}


def _leftovers(engine) -> dict[str, int]:
    return {g: n for g, n in engine.all_graphs().items() if g.startswith((STAGING, BACKUP))}


def test_kill_9_mid_publish_then_stats_lists_and_next_publish_removes_leftovers(
        engine, graph_files):
    env = {**os.environ, "RIGHTSGRAPH_CHUNK_TRIPLES": "100"}  # a hundred-odd uploads
    env.pop("RIGHTSGRAPH_DEBUG", None)
    publish = [sys.executable, "-m", "rightsgraph", "publish", *graph_files, *engine.args(), "-q"]
    assert subprocess.run(publish, cwd=ROOT, env=env, capture_output=True,
                          timeout=HANG_GUARD).returncode == 0
    before_graphs = {g: n for g, n in engine.all_graphs().items()}
    before = _answers(engine)
    for _kill in range(2):
        proc = subprocess.Popen(publish, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + HANG_GUARD
        while not _leftovers(engine):  # kill -9 once a staging graph is on the server
            assert proc.poll() is None, "publish ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        left = _leftovers(engine)
        assert left and all(g.startswith(STAGING) for g in left)
        assert {g: n for g, n in engine.all_graphs().items() if g not in left} == before_graphs
    stats = run_cli("stats", "--format", "json", *engine.args())
    assert stats.returncode == 0, stats.stderr
    assert set(json.loads(stats.stdout)["leftovers"]) == set(_leftovers(engine))
    res = subprocess.run(publish, cwd=ROOT, env=env, capture_output=True, timeout=HANG_GUARD)
    assert res.returncode == 0, res.stderr
    assert _leftovers(engine) == {}
    assert engine.all_graphs() == before_graphs
    assert _answers(engine) == before


def test_swap_goes_in_bounded_batches_with_the_description_last(engine, graph_files, monkeypatch):
    from rightsgraph.pipeline import load_graph_file, publish_all

    monkeypatch.setenv("RIGHTSGRAPH_SWAP_TRIPLES", "1000")
    with engine.store() as store:
        sent: list[str] = []
        update = store.update

        def spy(sparql, *, what, size=0):
            sent.append(what)
            return update(sparql, what=what, size=size)

        store.update = spy
        publish_all(store, [(load_graph_file(p), None) for p in graph_files])
    swaps = sent.count("swapping in the new graphs")
    assert swaps >= 3  # two report graphs of thousands of triples, then the small rest
    graphs = engine.all_graphs()
    assert VOID_GRAPH in graphs and not _leftovers(engine)
    with engine.store() as store:
        from rightsgraph.void import describe

        described = {str(o) for o in describe(store).objects()}
        assert all(g in described for g in graphs if g != VOID_GRAPH)


def test_embedded_publish_commits_the_description_in_the_same_transaction(tmp_path, graph_files):
    from rightsgraph.pipeline import load_graph_file, publish_all
    from rightsgraph.serialize import ntriples
    from rightsgraph.store import EmbeddedStore
    from rightsgraph.void import describe

    with EmbeddedStore(tmp_path / "store") as store:
        calls = []
        replace = store.replace_graphs

        def spy(graphs, **kwargs):
            calls.append(sorted(graphs))
            return replace(graphs, **kwargs)

        store.replace_graphs = spy
        publish_all(store, [(load_graph_file(p), None) for p in graph_files])
        assert len(calls) == 1 and VOID_GRAPH in calls[0]
        # the description made before the commit is the one made from the store after it
        assert sorted(ntriples(describe(store)).splitlines()) == \
            sorted(store.graph_ntriples(VOID_GRAPH).splitlines())
