"""Faults: interrupted runs (SIGINT, SIGTERM) and a store used by two processes at once.

Every test runs the real command in a subprocess and sends real signals; none asserts a time.
Whatever moment a signal lands, the outcome must be one of two: the run finished (exit 0, new
outputs whole), or it stopped (exit 130/143, one line, previous outputs byte-identical, no
temporary files, the store still holding the previous graphs).
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
from conftest import ROOT, SEED, run_cli
from rightsgraph.files import atomic_write
from rightsgraph.store import EmbeddedStore

EXIT = {signal.SIGINT: 130, signal.SIGTERM: 143}


def _env():
    return {k: v for k, v in os.environ.items() if k != "RIGHTSGRAPH_DEBUG"}


def _spawn(*args: str, stdin=subprocess.DEVNULL) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "rightsgraph", *args], cwd=ROOT, stdin=stdin,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())


def _holds(proc: subprocess.Popen, path: Path) -> bool:
    """Whether the process has `path` open (read from /proc, no timing involved)."""
    fd_dir = Path(f"/proc/{proc.pid}/fd")
    try:
        return any(os.readlink(fd_dir / fd) == str(path) for fd in os.listdir(fd_dir))
    except (FileNotFoundError, ProcessLookupError):
        return False


def _wait_until(predicate, proc: subprocess.Popen) -> None:
    while not predicate():
        if proc.poll() is not None:
            raise AssertionError(f"process ended early: {proc.stderr.read().decode()}")
        time.sleep(0.02)


@pytest.fixture(scope="module")
def big_report(tmp_path_factory) -> Path:
    """A large, valid report: long enough to run for seconds, so a signal lands mid-run."""
    path = tmp_path_factory.mktemp("big") / "big-report.md"
    path.write_bytes(hostile.pad_to(hostile.seed_bytes(), 6 * 1024 * 1024))
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A store and build outputs from the seed: the 'previous output' every fault must keep."""
    root = tmp_path_factory.mktemp("built")
    _build_seed(root)
    return root


def _build_seed(root: Path) -> None:
    res = run_cli("build", str(SEED), "--store", str(root / "store"), "--out", str(root / "out"))
    assert res.returncode == 0, res.stderr


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "out").iterdir())}


def _graph_sizes(store: Path) -> dict[str, int]:
    with EmbeddedStore(store, read_only=True) as s:
        return s.graph_sizes()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("delay", [0.0, 1.5])
def test_interrupted_build_leaves_previous_outputs_and_store(built, big_report, sig, delay):
    before, sizes = _snapshot(built), _graph_sizes(built / "store")
    proc = _spawn("build", str(big_report), "--store", str(built / "store"), "--out",
                  str(built / "out"))
    _wait_until(lambda: _holds(proc, built / "store" / "rightsgraph.lock"), proc)
    time.sleep(delay)  # where the signal lands varies; the outcome rules below do not
    proc.send_signal(sig)
    _out, err = proc.communicate(timeout=600)
    lines = err.decode().strip().splitlines()
    assert "Traceback" not in err.decode()
    assert [p.name for p in (built / "out").iterdir() if p.name.startswith(".")] == []
    if proc.returncode == 0:  # finished before the signal arrived: outputs are the new ones
        _build_seed(built)  # the module's other tests expect the seed's store and outputs
        pytest.skip("the build finished before the signal")
    assert proc.returncode == EXIT[sig], err
    assert len(lines) == 1 and "outputs left as they were" in lines[0]
    assert _snapshot(built) == before
    assert _graph_sizes(built / "store") == sizes  # no staging graph, no half-published graph


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_convert_keeps_previous_file(tmp_path, big_report, sig):
    out = tmp_path / "graph.ttl"
    out.write_bytes(b"previous\n")
    proc = _spawn("convert", "-", "-o", str(out), stdin=subprocess.PIPE)
    proc.stdin.write(big_report.read_bytes())  # returns once the command has read its input
    proc.stdin.close()
    proc.send_signal(sig)
    err = proc.stderr.read()
    proc.wait(timeout=600)
    if proc.returncode == 0:
        pytest.skip("the conversion finished before the signal")
    assert proc.returncode == EXIT[sig], err
    assert len(err.decode().strip().splitlines()) == 1 and b"Traceback" not in err
    assert out.read_bytes() == b"previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


# An interrupt while the command's modules are still loading: a finder that raises
# KeyboardInterrupt on importing `rightsgraph.cli` puts it there without depending on timing.
_INTERRUPT_ON_IMPORT = """
import sys
class Interrupting:
    def find_spec(self, name, path=None, target=None):
        if name == "rightsgraph.cli":
            raise KeyboardInterrupt
sys.meta_path.insert(0, Interrupting())
sys.argv = ["rightsgraph", "stats"]
import runpy
runpy.run_module("rightsgraph", run_name="__main__")
"""


def test_interrupt_while_importing_is_one_line_exit_130():
    proc = subprocess.run([sys.executable, "-c", _INTERRUPT_ON_IMPORT], cwd=ROOT, env=_env(),
                          capture_output=True, timeout=120)
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr.decode().splitlines() == ["rightsgraph: interrupted; outputs left as they were"]


def test_console_script_uses_the_interrupt_safe_entry_point():
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["rightsgraph"] == "rightsgraph.console:run"


def test_failed_atomic_write_leaves_previous_file_and_no_temp(tmp_path):
    target = tmp_path / "out.ttl"
    target.write_bytes(b"previous")
    with pytest.raises(TypeError):
        atomic_write(target, object())  # fails inside the write, after the temp file exists
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


# --- two processes, one embedded store ---------------------------------------------------------

HOLDER = """
import sys
from rightsgraph.store import open_store
store = open_store(sys.argv[1], read_only=sys.argv[2] == "ro")
print("ready", flush=True)
sys.stdin.readline()
store.close()
"""


@pytest.fixture
def holder(built):
    """Another real process holding the store open, read-write or read-only."""
    procs = []

    def start(mode: str) -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(built / "store"), mode], cwd=ROOT,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=_env())
        assert proc.stdout.readline() == b"ready\n", proc.stderr.read()
        procs.append(proc)
        return proc

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.communicate(b"\n", timeout=60)


def _one_line(res) -> str:
    lines = res.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and b"Traceback" not in res.stderr, res.stderr
    return lines[0]


@pytest.mark.parametrize("mode", ["rw", "ro"])
def test_second_writer_gets_store_in_use_exit_4(built, holder, mode):
    sizes = _graph_sizes(built / "store") if mode == "rw" else None
    holder(mode)
    for args in (["build", str(SEED), "--out", str(built / "other")],
                 ["publish", str(SEED)]):
        res = run_cli(*args, "--store", str(built / "store"))
        assert res.returncode == 4
        assert "store is in use" in _one_line(res)
    assert not (built / "other").exists()
    if sizes is not None:
        assert sizes  # the holder's store was not touched


def test_reader_while_a_writer_holds_the_store_is_refused(built, holder):
    holder("rw")
    for args in (["query", "report-structure"], ["stats"], ["export", "--format", "nt"]):
        res = run_cli(*args, "--store", str(built / "store"))
        assert res.returncode == 4, res.stderr
        assert "store is in use" in _one_line(res)


def test_readers_share_the_store(built, holder):
    holder("ro")
    res = run_cli("query", "report-structure", "--store", str(built / "store"), "--format", "csv")
    assert res.returncode == 0, res.stderr
    assert len(res.stdout.decode().strip().splitlines()) > 5


def test_store_usable_after_the_other_process_ends(built, holder):
    proc = holder("rw")
    proc.communicate(b"\n", timeout=60)
    res = run_cli("publish", str(SEED), "--store", str(built / "store"))
    assert res.returncode == 0, res.stderr
    assert run_cli("stats", "--store", str(built / "store")).returncode == 0


# --- credentials -----------------------------------------------------------------------------

def test_credentials_from_the_environment_never_appear_in_output():
    pytest.importorskip("rightsgraph.store.endpoint")
    secret = "s3cret-Pa55-do-not-print"
    env = {"RIGHTSGRAPH_USER": "alice", "RIGHTSGRAPH_PASSWORD": secret, "RIGHTSGRAPH_TOKEN": secret}
    for args in (["query", "report-structure"], ["stats"], ["publish", str(SEED)]):
        res = run_cli(*args, "--endpoint", "http://127.0.0.1:9/sparql", env=env)
        assert res.returncode == 4, res.stderr  # nothing listens on port 9
        inline = run_cli(*args, "--endpoint", "http://alice:inline-secret@127.0.0.1:9/sparql")
        assert inline.returncode == 2, inline.stderr  # credentials in a URL are refused
        for r in (res, inline):
            out = r.stdout + r.stderr
            assert secret.encode() not in out and b"inline-secret" not in out
            assert len(r.stderr.decode().strip().splitlines()) == 1
