"""Kept answers: query results computed once and served again until the store changes.

Derived data next to Oxigraph's files (`ANSWERS_NAME` in the store folder): an SQLite table of
answers, each the exact bytes `rightsgraph query` writes (`rightsgraph.results`), compressed,
keyed by a hash of what decides them (the query text with its parameter values, the format, the
row limit, the code's version) and stamped with the fingerprint of the store they were computed
on. The fingerprint is that of Oxigraph's own files (RocksDB's tables, write-ahead logs, CURRENT
and MANIFEST: their names, sizes and modification times, read with one `scandir`): any write to
the store, by any program, changes it, and reading does not. An answer whose stamp is not the
store's current fingerprint is never served; the next answer kept removes them.

A reader holds the store's shared lock, so no writer can change the store while it computes or
serves an answer (`embedded._lock`). Anything SQLite refuses (no file, a read-only disk, a
damaged database) means no kept answer, never an error: the query is then evaluated.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import zlib
from collections.abc import Iterable
from pathlib import Path

ANSWERS_NAME = "rightsgraph-answers.sqlite"
# RocksDB's files that change with the data; LOG and OPTIONS files also change when a store
# is merely opened for writing, and the lock file and our own databases are not Oxigraph's
STORE_FILES = re.compile(r"\d+\.(sst|log|blob)|CURRENT|MANIFEST-\d+")
MAX_BODY = 256 * 2**20  # bytes of an answer before compression; larger ones are not kept
_SCHEMA = """
CREATE TABLE IF NOT EXISTS answer(key TEXT PRIMARY KEY, store TEXT NOT NULL,
                                  rows INTEGER NOT NULL, body BLOB NOT NULL);
"""


def fingerprint(folder: str | Path) -> str:
    """A hash of the names, sizes and modification times of Oxigraph's files in `folder`."""
    h = hashlib.sha256()
    with os.scandir(folder) as entries:
        stats = sorted((e.name, e.stat()) for e in entries if STORE_FILES.fullmatch(e.name))
    for name, st in stats:
        h.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def answer_key(*parts: str) -> str:
    """The key of an answer: a hash of everything that decides its bytes."""
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


class KeptAnswers:
    """The answers kept for one store folder, read and written by the store's readers."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.path = self.folder / ANSWERS_NAME
        self._store: str | None = None
        self._db: sqlite3.Connection | None = None
        self._broken = False

    def store_fingerprint(self) -> str:
        """The store's fingerprint, read once: the caller holds the store's shared lock."""
        if self._store is None:
            self._store = fingerprint(self.folder)
        return self._store

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        if self._db is not None or self._broken:
            return self._db
        if not create and not self.path.exists():
            return None
        try:
            db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        except sqlite3.Error:
            self._broken = True
            return None
        self._db = db
        return db

    def get(self, key: str) -> bytes | None:
        """The kept answer under `key`, if it was computed on the store as it is now."""
        db = self._connect(create=False)
        if db is None:
            return None
        try:
            row = db.execute("SELECT body FROM answer WHERE key = ? AND store = ?",
                             (key, self.store_fingerprint())).fetchone()
            return zlib.decompress(row[0]) if row else None
        except (sqlite3.Error, zlib.error):
            return None

    def put(self, key: str, rows: int, body: bytes | Iterable[bytes]) -> bool:
        """Keep `body` (bytes, or chunks of them, compressed as they come) under `key` for the
        store as it is now, and drop the answers kept for any other state of it; False when it
        cannot be kept (more than `MAX_BODY` bytes, or SQLite refuses)."""
        packer, size, packed = zlib.compressobj(1), 0, []
        for chunk in [body] if isinstance(body, bytes) else body:
            size += len(chunk)
            if size > MAX_BODY:
                return False
            packed.append(packer.compress(chunk))
        packed.append(packer.flush())
        db = self._connect(create=True)
        if db is None:
            return False
        store = self.store_fingerprint()
        try:
            db.executescript(_SCHEMA)
            db.execute("BEGIN IMMEDIATE")
            db.execute("DELETE FROM answer WHERE store != ?", (store,))
            db.execute("INSERT OR REPLACE INTO answer VALUES (?, ?, ?, ?)",
                       (key, store, rows, b"".join(packed)))
            db.execute("COMMIT")
            return True
        except sqlite3.Error:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            return False

    def count(self) -> int:
        """How many answers are kept for the store as it is now."""
        db = self._connect(create=False)
        if db is None:
            return 0
        try:
            return db.execute("SELECT COUNT(*) FROM answer WHERE store = ?",
                              (self.store_fingerprint(),)).fetchone()[0]
        except sqlite3.Error:
            return 0

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
