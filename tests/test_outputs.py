"""Output write errors: every command that writes files says which path failed and why, in one
line, exits 2 (the path given cannot take the output) or 4 (the device failed under the write),
and leaves the previous file as it was, with no temporary file beside it.

The conditions are real: a regular file where a folder should be (ENOTDIR/EEXIST), a /dev/full
device (fails every write with ENOSPC), sysfs (refuses new files even to root), and, in a
private mount namespace (`unshare --mount`), a tiny tmpfs (8 KiB) that fills up and a tmpfs
remounted read-only (EROFS stops root too).
"""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED, private_mount, run_cli
from rightsgraph.errors import OutputError
from rightsgraph.files import atomic_write


@pytest.fixture
def full(tmp_path) -> Path:
    """A full-disk device: a node of its own for /dev/full's device number (mknod, as root),
    so that a regression renaming over its target replaces this node, never the system's;
    /dev/full itself for other users (who cannot replace it)."""
    node = tmp_path / "full"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except OSError:
        if os.geteuid() == 0 or not stat.S_ISCHR(os.stat("/dev/full").st_mode):
            pytest.skip("cannot make a full-disk device here")
        return Path("/dev/full")
    try:
        with node.open("wb") as fh:
            fh.write(b"x")
    except OSError:
        return node
    pytest.skip("the device node does not fail writes here (a nodev mount?)")


def _one_line(res: subprocess.CompletedProcess, path: str, code: int, reason: str) -> str:
    err = res.stderr.decode()
    assert res.returncode == code, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith(f"rightsgraph: cannot write {path}"), lines[0]
    assert reason in lines[0], lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("seed-store")
    res = run_cli("build", str(SEED), "--store", str(root / "store"), "--out", str(root / "out"),
                  "-q")
    assert res.returncode == 0, res.stderr
    return root / "store"


def _commands(store: Path):
    """(command line with {out} for the output path, whether {out} is a folder)."""
    return {
        "convert": (["convert", str(SEED), "-o", "{out}"], False),
        "validate": (["validate", str(SEED), "-q", "--report", "{out}"], False),
        "export": (["export", "--store", str(store), "-o", "{out}"], False),
        "ontology-docs": (["ontology", "docs", "-o", "{out}"], True),
        "build": (["build", str(SEED), "--store", "{store}", "--out", "{out}", "-q"], True),
    }


COMMANDS = ["convert", "validate", "export", "ontology-docs", "build"]


def _args(store: Path, name: str, out: Path, tmp: Path) -> list[str]:
    args, _folder = _commands(store)[name]
    return [a.format(out=out, store=tmp / "build-store") for a in args]


@pytest.mark.parametrize("name", COMMANDS)
def test_output_under_a_regular_file_is_a_usage_error(seed_store, tmp_path, name):
    blocker = tmp_path / "plain-file"
    blocker.write_bytes(b"not a folder\n")
    out = blocker / "sub" / "result.ttl"
    res = run_cli(*_args(seed_store, name, out, tmp_path))
    _one_line(res, str(out), 2, "Not a directory")
    assert blocker.read_bytes() == b"not a folder\n"
    assert not (tmp_path / "build-store").exists()  # build refuses before opening its store


@pytest.mark.parametrize("name", ["convert", "validate", "export"])
def test_file_output_where_a_folder_is_names_it(seed_store, tmp_path, name):
    folder = tmp_path / "taken"
    folder.mkdir()
    res = run_cli(*_args(seed_store, name, folder, tmp_path))
    _one_line(res, str(folder), 2, "Is a directory")
    assert list(folder.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("below", [False, True])
def test_build_out_that_is_a_file_opens_no_store(tmp_path, below):
    """An --out that is a file (or lies under one) is refused before the store is opened:
    no store folder is made, nothing is published, the file stays."""
    out = tmp_path / "out"
    out.write_bytes(b"previous\n")
    target = out / "sub" if below else out
    res = run_cli("build", str(SEED), "--store", str(tmp_path / "store"), "--out", str(target))
    _one_line(res, str(target), 2, "Not a directory" if below else "not a folder")
    assert out.read_bytes() == b"previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize("name", ["convert", "validate", "export"])
def test_disk_full_device_is_exit_4_and_stays_a_device(seed_store, tmp_path, full, name):
    """/dev/full fails every write with ENOSPC. The output is written into the device, never
    renamed over it (which would replace the device node with a regular file)."""
    res = run_cli(*_args(seed_store, name, full, tmp_path))
    _one_line(res, str(full), 4, "No space left on device")
    assert stat.S_ISCHR(full.stat().st_mode)
    assert [p.name for p in full.parent.iterdir() if p.name.startswith(".full.")] == []


def test_stdout_on_a_full_disk_is_one_line_exit_4(full):
    with full.open("wb") as device:
        res = subprocess.run([sys.executable, "-m", "rightsgraph", "convert", str(SEED)],
                             cwd=ROOT, stdout=device, stderr=subprocess.PIPE, timeout=600)
    _one_line(res, "stdout", 4, "No space left on device")


def test_device_output_is_written_into_the_device(tmp_path):
    """A named pipe is a real non-regular target: the bytes arrive through it."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    try:
        atomic_write(fifo, b"through the pipe\n")
        assert reader.communicate(timeout=60)[0] == b"through the pipe\n"
    finally:  # a write that misses the pipe leaves the reader waiting: it is not left behind
        if reader.poll() is None:
            reader.kill()
            reader.wait()
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_atomic_write_to_the_full_device_raises_output_error(full):
    with pytest.raises(OutputError) as caught:
        atomic_write(full, b"x" * 100_000)
    assert caught.value.exit_code == 4 and "No space left on device" in str(caught.value)
    assert stat.S_ISCHR(full.stat().st_mode)


def test_sysfs_refuses_new_files_even_to_root(tmp_path):
    target = Path("/sys/rightsgraph-output-test.ttl")
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError:
        pass
    else:  # a sysfs that takes files: not the condition this test needs
        os.close(fd)
        os.unlink(target)
        pytest.skip("/sys accepts new files here")
    res = run_cli("convert", str(SEED), "-o", str(target))
    _one_line(res, str(target), 2, "Permission denied")


def test_read_only_folder_for_an_unprivileged_user(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod does not stop root's writes (the read-only "
                    "tmpfs test covers that case)")
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "graph.ttl").write_bytes(b"previous\n")
    folder.chmod(0o555)
    try:
        res = run_cli("convert", str(SEED), "-o", str(folder / "graph.ttl"))
    finally:
        folder.chmod(0o755)
    _one_line(res, str(folder / "graph.ttl"), 2, "Permission denied")
    assert sorted(p.name for p in folder.iterdir()) == ["graph.ttl"]
    assert (folder / "graph.ttl").read_bytes() == b"previous\n"


# --- a real full disk and a real read-only file system, in a private mount namespace ----------

UNSHARE = private_mount()
needs_namespace = pytest.mark.skipif(UNSHARE is None,
                                     reason="no private mount namespace (unshare) here")


def _in_tmpfs(tmp_path: Path, options: str, command: list[str], *, readonly: bool = False
              ) -> tuple[subprocess.CompletedProcess, list[str], bytes]:
    """Run the real command with its output folder on a fresh tmpfs (mount `options`) that
    holds a previous `graph.ttl`; return the result, the folder's names and that file after."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    cli = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "rightsgraph", *command])
    script = "\n".join([
        f"mount -t tmpfs -o {options} none {mnt} || exit 99",
        f"printf 'previous\\n' > {mnt}/graph.ttl",
        f"mount -o remount,ro {mnt} || exit 98" if readonly else ":",
        f"{cli} >/dev/null",
        "code=$?",
        f"ls -A {mnt} > {tmp_path}/names",
        f"cat {mnt}/graph.ttl > {tmp_path}/after",
        "exit $code",
    ])
    res = subprocess.run([*UNSHARE, "sh", "-c", script], cwd=ROOT, capture_output=True,
                         timeout=600)
    assert res.returncode not in (98, 99), res.stderr
    names = (tmp_path / "names").read_text().split()
    return res, names, (tmp_path / "after").read_bytes()


@needs_namespace
@pytest.mark.parametrize("name", ["convert", "validate"])
def test_full_disk_keeps_the_previous_file_and_no_temp(tmp_path, name):
    out = tmp_path / "mnt" / "graph.ttl"
    command = _args(Path("unused"), name, out, tmp_path)
    res, names, after = _in_tmpfs(tmp_path, "size=8k", command)
    _one_line(res, str(out), 4, "No space left on device")
    assert names == ["graph.ttl"]  # the temporary file was removed
    assert after == b"previous\n"


@needs_namespace
def test_export_to_a_full_disk_keeps_the_previous_file(seed_store, tmp_path):
    out = tmp_path / "mnt" / "graph.ttl"
    res, names, after = _in_tmpfs(tmp_path, "size=8k",
                                  ["export", "--store", str(seed_store), "-o", str(out)])
    _one_line(res, str(out), 4, "No space left on device")
    assert names == ["graph.ttl"] and after == b"previous\n"


@needs_namespace
@pytest.mark.parametrize("name", ["convert", "validate"])
def test_read_only_file_system_is_a_usage_error(tmp_path, name):
    out = tmp_path / "mnt" / "graph.ttl"
    command = _args(Path("unused"), name, out, tmp_path)
    res, names, after = _in_tmpfs(tmp_path, "size=1m", command, readonly=True)
    _one_line(res, str(out), 2, "Read-only file system")
    assert names == ["graph.ttl"] and after == b"previous\n"


@needs_namespace
def test_build_into_a_read_only_out_folder_publishes_nothing(tmp_path):
    store = tmp_path / "store"
    res, names, after = _in_tmpfs(tmp_path, "size=1m",
                                  ["build", str(SEED), "--store", str(store),
                                   "--out", str(tmp_path / "mnt")], readonly=True)
    _one_line(res, str(tmp_path / "mnt"), 2, "Read-only file system")
    assert names == ["graph.ttl"] and after == b"previous\n"
    assert not store.exists()  # refused before the store was opened
