"""Write outputs atomically: a temporary file beside the target, then rename."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file object for `path` (stdout for ``-``) that writers can stream into.

    A file is written as a temporary file beside the target and renamed over it only when the
    block ends without an error, so readers never see a partial file and a failed or
    interrupted write (any exception, KeyboardInterrupt included) leaves the previous file as
    it was. Stdout cannot be taken back: what was written before an error stays written.
    """
    if str(path) == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` (or stdout for ``-``) so readers never see a partial file."""
    with atomic_output(path) as fh:
        fh.write(data)
