"""Write outputs atomically: a temporary file beside the target, then rename.

A write that fails (disk full, a read-only file system, a folder that is a file, permission
denied) becomes one `OutputError` naming the path and the operating system's reason; the
previous file stays as it was and the temporary file is removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, cast

from .errors import OutputError

# The path given cannot take the output (a usage error, exit 2); any other errno is the device
# failing under the write (disk full, quota, I/O error: exit 4).
PATH_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EISDIR,
                         errno.EEXIST, errno.ENOENT, errno.ENAMETOOLONG, errno.ELOOP})


def output_error(path: str | Path, exc: OSError) -> OutputError:
    """The one-line error for an output `path` that could not be written."""
    name = "stdout" if str(path) == "-" else str(path)
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.errno == errno.EEXIST:  # mkdir found a file where a folder should be
        found = str(exc.filename or name)
        reason = "not a folder" if found == name else f"{found} is not a folder"
    code = 2 if exc.errno in PATH_ERRNOS else 4
    return OutputError(f"cannot write {name}: {reason}", exit_code=code)


class _Sink:
    """The file object handed to writers: it remembers a failed write, so that the failure is
    reported as the output's even when a writer (Oxigraph, pyld) passes it on in its own way."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.failed: OSError | None = None

    def write(self, data) -> int:
        return self._noted(self.raw.write, data)

    def flush(self) -> None:
        self._noted(self.raw.flush)

    def _noted(self, operation, *args):
        try:
            return operation(*args)
        except BrokenPipeError:
            raise
        except OSError as exc:
            self.failed = exc
            raise


def check_folder(folder: str | Path, *, create: bool = True) -> None:
    """Create `folder` if needed and make sure a file can be created in it (a real try, so a
    read-only file system or a missing permission is found before any work is done).

    With ``create=False`` nothing is left behind: a missing folder is checked at its nearest
    existing ancestor (a folder where the missing ones could be made), so a command can refuse
    an unusable output before it opens (and creates) anything else.
    """
    folder = Path(folder)
    try:
        if create:
            folder.mkdir(parents=True, exist_ok=True)
            target = folder
        else:
            target = folder
            while not target.exists() and target != target.parent:
                target = target.parent
            if not target.is_dir():  # the errors mkdir would give: the folder, or one above
                code = errno.EEXIST if target == folder else errno.ENOTDIR
                raise OSError(code, os.strerror(code), str(target))
        with tempfile.TemporaryFile(dir=target):  # unnamed on Linux (O_TMPFILE)
            pass
    except OSError as exc:
        raise output_error(folder, exc) from None


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file object for `path` (stdout for ``-``) that writers can stream into.

    A file is written as a temporary file beside the target and renamed over it only when the
    block ends without an error, so readers never see a partial file and a failed or
    interrupted write (any exception, KeyboardInterrupt included) leaves the previous file as
    it was. Stdout, and a target that is not a regular file (a device such as /dev/null, a
    named pipe), cannot be taken back: they are written directly, and what was written before
    an error stays written. A failure of the output itself raises `OutputError`.
    """
    if str(path) == "-":
        sink = _Sink(sys.stdout.buffer)
        try:
            with _reported(path, sink):
                yield cast(BinaryIO, sink)
                sink.flush()
        except OutputError:
            _drop_stdout()
            raise
        return
    target = Path(path)
    if _special(target):
        try:
            raw = open(target, "wb")  # noqa: SIM115 (closed below, its errors reported)
        except OSError as exc:
            raise output_error(path, exc) from None
        sink = _Sink(raw)
        with _reported(path, sink), raw:  # close errors (a last flush) are reported too
            yield cast(BinaryIO, sink)
            sink.flush()
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise output_error(path, exc) from None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        fh = os.fdopen(fd, "wb")
        sink = _Sink(fh)
        with _reported(path, sink), fh:  # close errors (a last flush) are reported too
            yield cast(BinaryIO, sink)
            sink.flush()
            try:
                os.fsync(fh.fileno())
                os.replace(tmp, target)
            except OSError as exc:
                sink.failed = exc
                raise
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _special(target: Path) -> bool:
    """Whether `target` exists and is not a regular file (a device, a pipe): renaming a
    temporary file over it would replace the device instead of writing into it."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


@contextlib.contextmanager
def _reported(path: str | Path, sink: _Sink) -> Iterator[_Sink]:
    """Turn a failure of `sink` (whatever exception carries it out) into `OutputError`."""
    try:
        yield sink
    except BaseException as exc:
        if sink.failed is not None and not isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise output_error(path, sink.failed) from None
        raise


def _drop_stdout() -> None:
    """Point stdout at /dev/null after it failed, so that the interpreter's last flush of
    what is still buffered does not print a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` (or stdout for ``-``) so readers never see a partial file."""
    with atomic_output(path) as fh:
        fh.write(data)
