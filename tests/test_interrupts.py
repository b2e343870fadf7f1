"""Interrupting a parallel build: Ctrl-C stops it at once (exit 130, one line), no worker process
is left behind, nothing is published and no export is written; and publishing, which takes
several store transactions, is all or nothing when an interrupt or an error lands between them.

The build tests run the real command on a dozen large reports with two workers, wait until a
worker is busy converting (its CPU clock, read from /proc), and send a real SIGINT: to the
parent alone (as `kill -INT` does), or to the whole process group (as Ctrl-C at a terminal
does). Before this was fixed the parent converted every queued report before exiting, which
the hang guard (a generous 20 s, no speed figure) turns into a failure.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import hostile
from conftest import GRAPH_BASE, ROOT, SEED, run_cli
from rightsgraph.batch import all_or_nothing
from rightsgraph.store import EmbeddedStore

REPORTS = 16
HANG_GUARD = 20  # seconds: a hang guard only


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A dozen-odd large valid reports (a padded seed, 4 MB: seconds of work each)."""
    folder = tmp_path_factory.mktemp("big-corpus")
    big = folder.parent / "big-report.bin"
    big.write_bytes(hostile.pad_to(hostile.seed_bytes(), 4 * 1024 * 1024))
    for i in range(REPORTS):
        (folder / f"report-{i:02d}.md").symlink_to(big)
    return folder


@pytest.fixture
def built(tmp_path) -> Path:
    """A store and build outputs from the seed: what an interrupted build must leave as it was."""
    res = run_cli("build", str(SEED), "--store", str(tmp_path / "store"), "--out",
                  str(tmp_path / "out"), "-q")
    assert res.returncode == 0, res.stderr
    return tmp_path


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "out").iterdir())}


def _graph_sizes(store: Path) -> dict[str, int]:
    with EmbeddedStore(store, read_only=True) as s:
        return s.graph_sizes()


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            kids += [int(k) for k in (task / "children").read_text().split()]
    except (FileNotFoundError, ProcessLookupError):
        pass
    return kids


def _cpu_ticks(pid: int) -> int:
    """User + system CPU time of a process, in clock ticks (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0
    return int(fields[11]) + int(fields[12])


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


@pytest.mark.parametrize(("target", "sig"), [("parent", signal.SIGINT), ("group", signal.SIGINT),
                                            ("parent", signal.SIGTERM)],
                         ids=["SIGINT-parent", "SIGINT-group", "SIGTERM-parent"])
def test_ctrl_c_stops_a_parallel_build_at_once(corpus, built, target, sig):
    before, sizes = _snapshot(built), _graph_sizes(built / "store")
    env = {k: v for k, v in os.environ.items() if k != "RIGHTSGRAPH_DEBUG"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "rightsgraph", "build", str(corpus), "--jobs", "2", "--store",
         str(built / "store"), "--out", str(built / "out")],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, start_new_session=True)
    try:
        ticks = os.sysconf("SC_CLK_TCK")
        while not any(_cpu_ticks(w) > ticks // 4 for w in _children(proc.pid)):
            if proc.poll() is not None:  # a worker at work for a quarter second of CPU
                raise AssertionError(f"build ended early: {proc.stderr.read().decode()}")
            time.sleep(0.02)
        workers = _children(proc.pid)
        if target == "parent":
            proc.send_signal(sig)
        else:
            os.killpg(proc.pid, sig)
        _out, err = proc.communicate(timeout=HANG_GUARD)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    text = err.decode()
    word, code = ("interrupted", 130) if sig == signal.SIGINT else ("terminated", 143)
    assert proc.returncode == code, text
    assert text.strip().splitlines() == [f"rightsgraph: {word}; outputs left as they were"], text
    assert [w for w in workers if _alive(w)] == []
    assert _snapshot(built) == before  # no partial export, no temporary file
    assert _graph_sizes(built / "store") == sizes


# --- publishing in several transactions is all or nothing ---------------------------------------

def _nt(subject: str, n: int) -> bytes:
    return b"".join(f'<http://ex/{subject}> <http://ex/p> "{i}" .\n'.encode() for i in range(n))


@pytest.fixture
def store(tmp_path):
    with EmbeddedStore(tmp_path / "store") as opened:
        opened.replace_graphs({"http://ex/g/held": _nt("old", 3), "http://ex/g/kept": _nt("k", 2)})
        yield opened


@pytest.mark.parametrize("failure", [KeyboardInterrupt, OSError])
def test_interrupt_between_batches_puts_the_store_back(tmp_path, store, failure):
    before = {g: store.graph_ntriples(g) for g in store.graph_sizes()}
    with pytest.raises(failure), all_or_nothing(store, tmp_path, memory=64) as target:
        # the log of previous content outgrows 64 bytes: it is spooled to a file
        target.replace_graphs({"http://ex/g/held": _nt("new", 5), "http://ex/g/fresh": _nt("f", 4)})
        target.replace_graphs({"http://ex/g/fresh2": _nt("f2", 1)})
        assert store.graph_sizes()["http://ex/g/held"] == 5  # published, for now
        raise failure()
    assert {g: store.graph_ntriples(g) for g in store.graph_sizes()} == before
    assert list(tmp_path.iterdir()) == [tmp_path / "store"]  # the spool has no name


def test_graph_replaced_twice_gets_its_first_content_back(tmp_path, store):
    before = store.graph_ntriples("http://ex/g/held")
    with pytest.raises(KeyboardInterrupt), all_or_nothing(store, tmp_path, memory=1 << 20) as t:
        t.replace_graphs({"http://ex/g/held": _nt("second", 2)})
        t.replace_graphs({"http://ex/g/held": _nt("third", 1)})
        raise KeyboardInterrupt
    assert store.graph_ntriples("http://ex/g/held") == before


def test_completed_publish_stays(tmp_path, store):
    with all_or_nothing(store, tmp_path, memory=1 << 20) as target:
        target.replace_graphs({"http://ex/g/held": _nt("new", 5), "http://ex/g/fresh": _nt("f", 4)})
    assert store.graph_sizes() == {"http://ex/g/fresh": 4, "http://ex/g/held": 5,
                                   "http://ex/g/kept": 2}


def test_interrupted_publish_on_an_endpoint_puts_the_graphs_back(tmp_path, engine):
    """The same undo through a real SPARQL server: previous content read before the swap."""
    held, fresh = f"{GRAPH_BASE}undo-held", f"{GRAPH_BASE}undo-fresh"
    with engine.store() as store:
        store.replace_graphs({held: _nt("old", 3)})
        before = store.graph_ntriples(held)
        with pytest.raises(KeyboardInterrupt), all_or_nothing(store, tmp_path, memory=64) as t:
            t.replace_graphs({held: _nt("new", 5)})
            t.replace_graphs({fresh: _nt("f", 2)})
            raise KeyboardInterrupt
    assert engine.all_graphs() == {held: 3}
    with engine.store() as store:
        assert sorted(store.graph_ntriples(held).splitlines()) == sorted(before.splitlines())
