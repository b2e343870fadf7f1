"""Kept answers (`rightsgraph.answers`, `rightsgraph.store.answers`): served only for the store
they were computed on, byte for byte what evaluating the query gives, on real Oxigraph stores."""

from __future__ import annotations

import sqlite3

import pytest

from conftest import GENRE_REPORTS, SEED, private_mount
from rightsgraph.answers import answer, keep_answers, keep_library_answers, key
from rightsgraph.export import report_graph_iris
from rightsgraph.querylib import bind, find_query, library
from rightsgraph.results import FORMATS
from rightsgraph.store import EmbeddedStore
from rightsgraph.store.answers import ANSWERS_NAME, fingerprint


@pytest.fixture
def built(tmp_path):
    """A store with the seed and one genre report, built and closed, its answers kept."""
    from rightsgraph.pipeline import build

    with EmbeddedStore(tmp_path / "store") as store:
        assert build([SEED, GENRE_REPORTS[0]], store, tmp_path / "out").ok
    keep_library_answers(tmp_path / "store")
    return tmp_path / "store"


def kept_rows(folder) -> int:
    with sqlite3.connect(folder / ANSWERS_NAME) as db:
        return db.execute("SELECT COUNT(*) FROM answer").fetchone()[0]


def test_build_keeps_every_library_answer_and_each_is_the_evaluated_one(built):
    queries = library()
    assert kept_rows(built) == len(queries) * len(FORMATS)
    with EmbeddedStore(built, read_only=True) as store:
        kept = store.kept_answers()
        for q in queries:
            for fmt in FORMATS:
                body = kept.get(key(bind(q, {}), fmt, None))
                assert body is not None, (q.name, fmt)
                assert body == answer(store, q, {}, fmt, fresh=True), (q.name, fmt)
        assert kept.count() == len(queries) * len(FORMATS)


def test_reading_leaves_the_fingerprint_and_any_write_changes_it(built):
    before = fingerprint(built)
    with EmbeddedStore(built, read_only=True) as store:
        for q in library():
            answer(store, q, {}, "json", fresh=True)
    assert fingerprint(built) == before
    with EmbeddedStore(built) as store:  # one small graph more
        store.replace_graphs({"urn:x:graph": b"<urn:x:s> <urn:x:p> <urn:x:o> .\n"})
    assert fingerprint(built) != before


def test_an_answer_is_never_served_after_the_store_changed(built):
    q = find_query("report-structure")
    with EmbeddedStore(built, read_only=True) as store:
        both = answer(store, q, {}, "csv")
        graphs = report_graph_iris(store)
    assert len(graphs) == 2
    with EmbeddedStore(built) as store:
        store.drop_graphs(graphs[:1])
    with EmbeddedStore(built, read_only=True) as store:
        assert store.kept_answers().get(key(bind(q, {}), "csv", None)) is None
        one = answer(store, q, {}, "csv")
        assert one != both and one == answer(store, q, {}, "csv", fresh=True)
        assert one.count(b"\n") < both.count(b"\n")
    # keeping the new answer dropped every answer of the old store
    assert kept_rows(built) == 1


def test_a_write_by_another_program_makes_answers_stale(built):
    import pyoxigraph

    q = find_query("footnote-sources")
    with EmbeddedStore(built, read_only=True) as store:
        graph = report_graph_iris(store)[0]
        old = answer(store, q, {}, "tsv")
    raw = pyoxigraph.Store(str(built))  # not through RightsGraph
    raw.remove_graph(pyoxigraph.NamedNode(graph))
    raw.flush()
    del raw
    with EmbeddedStore(built, read_only=True) as store:
        assert store.kept_answers().get(key(bind(q, {}), "tsv", None)) is None
        assert answer(store, q, {}, "tsv") != old


def test_parameters_formats_and_limits_are_answers_of_their_own(built):
    q = find_query("actors-by-type")
    with EmbeddedStore(built, read_only=True) as store:
        states = answer(store, q, {"type": "State"}, "csv")
        people = answer(store, q, {"type": "Person"}, "csv")
        assert states != people
        for values in ({"type": "State"}, {"type": "Person"}):
            for fmt in FORMATS:
                assert answer(store, q, values, fmt) == answer(store, q, values, fmt, fresh=True)
        two = answer(store, q, {"type": "State"}, "csv", limit=2)
        assert two.splitlines() == states.splitlines()[:3]
        assert answer(store, q, {"type": "State"}, "csv") == states


def test_a_damaged_answers_file_means_evaluating(built, cli):
    (built / ANSWERS_NAME).write_bytes(b"not a database" * 100)
    fresh = cli("query", "report-structure", "--store", str(built), "--format", "csv", "--fresh")
    served = cli("query", "report-structure", "--store", str(built), "--format", "csv")
    assert fresh.returncode == served.returncode == 0, served.stderr
    assert served.stdout == fresh.stdout and served.stdout.count(b"\n") > 5
    assert served.stderr == b""


def test_only_a_reader_of_a_store_on_disk_keeps_answers(built):
    with EmbeddedStore(None) as memory:
        assert memory.kept_answers() is None
        assert keep_answers(memory, library()).answers == 0
    with EmbeddedStore(built) as writer:
        assert writer.kept_answers() is None


def test_a_store_held_by_another_process_keeps_nothing_and_raises_nothing(built):
    with EmbeddedStore(built):  # a writer holds the store (here: this process, another lock)
        kept = keep_library_answers(built)
    assert kept.answers == 0 and "in use" in kept.refused


def test_build_says_what_it_kept_and_query_serves_it(cli, tmp_path):
    store, out = tmp_path / "store", tmp_path / "out"
    r = cli("build", str(SEED), "--store", str(store), "--out", str(out))
    assert r.returncode == 0, r.stderr
    n = len(library())
    assert f"kept {n * len(FORMATS)} answers to {n} library queries (csv, tsv, json)" in r.stdout.decode()
    served = cli("query", "speakers", "--store", str(store), "--format", "json")
    fresh = cli("query", "speakers", "--store", str(store), "--format", "json", "--fresh")
    assert served.returncode == 0 and served.stdout == fresh.stdout
    assert served.stdout.count(b'"speaker"') > 50


PRIVATE_MOUNT = private_mount()


@pytest.mark.skipif(PRIVATE_MOUNT is None, reason="no private mount namespace (unshare) here")
@pytest.mark.parametrize("kept", [True, False])
def test_a_store_on_a_read_only_file_system_answers(built, tmp_path, kept):
    """Served from the kept answers when there are some; evaluated (and not kept) otherwise."""
    import shlex
    import subprocess
    import sys

    from conftest import ROOT

    with EmbeddedStore(built, read_only=True) as store:
        expected = answer(store, find_query("actor-appearances"), {}, "csv", fresh=True)
    if not kept:
        (built / ANSWERS_NAME).unlink()
    mnt, out = tmp_path / "mnt", tmp_path / "answer.csv"
    mnt.mkdir()
    cli = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "rightsgraph", "query",
                                             "actor-appearances", "--format", "csv",
                                             "--store", str(mnt / "store")])
    script = "\n".join([f"mount -t tmpfs -o size=256m none {mnt} || exit 99",
                        f"cp -a {built} {mnt}/store && mount -o remount,ro {mnt} || exit 98",
                        f"{cli} > {out} || exit $?", f"ls -A {mnt}/store > {tmp_path}/names"])
    res = subprocess.run([*PRIVATE_MOUNT, "sh", "-c", script], cwd=ROOT, capture_output=True,
                         timeout=600)
    assert res.returncode == 0, res.stderr
    assert out.read_bytes() == expected
    assert (ANSWERS_NAME in (tmp_path / "names").read_text().split()) is kept
