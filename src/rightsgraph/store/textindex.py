"""The embedded store's text index: which subjects hold a string literal containing a text.

Derived data kept next to Oxigraph's files (`INDEX_NAME` in the store folder): an SQLite
database with one row per (graph, subject, predicate, literal) for every string and
language-tagged literal of the named graphs, the literal lowercased by Python, in an FTS5 table
with the `trigram` tokenizer (case-sensitive: the folding is ours, so that it is the one SPARQL's
`LCASE` does). `candidates` answers a substring with an indexed GLOB: a superset of the subjects
a query's `CONTAINS(LCASE(?x), LCASE(?text))` keeps (the query keeps its FILTER: the index only
narrows what it reads).

Consistency with the store, which changes graph by graph: a writer lists the graphs it is about
to change in the `stale` table (committed) before Oxigraph changes, then, once Oxigraph has
committed, replaces their rows and removes them from `stale` in one SQLite transaction. A crash
or an error in between leaves them listed; while any graph is listed, readers do not use the
index, and the next writer re-reads those graphs from the store (only those) before it clears
them. A store opened for writing without an index (built before there was one) lists all its
graphs: its next write indexes the whole store.

Readers open the database read-only and use it only when nothing is stale; anything SQLite
refuses (a missing file, a hot journal left by a crashed writer on a read-only disk) means no
index, never an error: the query then reads every literal, as it would without one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from ..errors import StoreError

INDEX_NAME = "rightsgraph-text.sqlite"
VERSION = "1"
MIN_TEXT = 3  # the trigram tokenizer finds nothing shorter
# Lowercasing (Python's str.lower, Oxigraph's LCASE) agrees on every character whose lowercase
# falls in Basic Latin, Latin-1 Supplement or Latin Extended-A, whatever the Unicode versions
# of the two (tests/test_textindex.py checks it on every code point): a text within that range
# is found exactly. Beyond it, newer Unicode versions add capitals (U+A7DC -> U+019B in Unicode
# 16, unknown to Python 3.11): such a text runs without the index.
FOLDED_MAX = 0x17F
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_GLOB_SPECIAL = {"*": "[*]", "?": "[?]", "[": "[[]"}

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE term(id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE);
CREATE TABLE literal(id INTEGER PRIMARY KEY, graph INTEGER NOT NULL, subject TEXT NOT NULL,
                     predicate INTEGER NOT NULL);
CREATE INDEX literal_graph ON literal(graph);
CREATE TABLE stale(graph TEXT PRIMARY KEY);
CREATE VIRTUAL TABLE body USING fts5(text, tokenize="trigram case_sensitive 1", detail=none);
"""


def searchable(text: str) -> str | None:
    """The GLOB pattern that finds `text` in the index, or None when the index cannot be
    trusted to find it (shorter than three characters once lowercased, a character beyond
    `FOLDED_MAX`, or no three characters in a row that GLOB reads literally).

    >>> searchable('Détention "100%"')
    '*détention "100%"*'
    >>> searchable("a*b"), searchable("ab"), searchable("Ωmega")
    (None, None, None)
    """
    lowered = text.lower()
    if len(lowered) < MIN_TEXT or any(ord(ch) > FOLDED_MAX for ch in lowered):
        return None
    if max(len(run) for run in _split_special(lowered)) < MIN_TEXT:
        return None  # GLOB would scan every literal instead of reading the trigrams
    return "*" + "".join(_GLOB_SPECIAL.get(ch, ch) for ch in lowered) + "*"


def _split_special(text: str) -> list[str]:
    runs, run = [], ""
    for ch in text:
        if ch in _GLOB_SPECIAL:
            runs.append(run)
            run = ""
        else:
            run += ch
    return [*runs, run]


def literal_rows(data: bytes) -> Iterator[tuple[str, str, str]]:
    """(subject, predicate IRI, lowercased text) of each string or language-tagged literal of
    a graph given as N-Triples. A subject is ``<iri>``, or ``_:`` for any blank node (its label
    means nothing outside the graph's text, and a query cannot name it)."""
    if not data:
        return
    for triple in parse(data, format=RdfFormat.N_TRIPLES, lenient=True):
        o = triple.object
        if isinstance(o, Literal) and (o.language or o.datatype.value == XSD_STRING):
            s = triple.subject
            yield (f"<{s.value}>" if isinstance(s, NamedNode) else "_:"), triple.predicate.value, \
                o.value.lower()


def _remove(folder: Path) -> None:
    for name in (INDEX_NAME, *(INDEX_NAME + end for end in ("-journal", "-wal", "-shm"))):
        (folder / name).unlink(missing_ok=True)


class TextIndex:
    """The index of one store folder: `writer` (the store's writer keeps it in step) or
    `reader` (None when there is no index to read)."""

    def __init__(self, con: sqlite3.Connection, path: Path):
        self.con, self.path = con, path

    @classmethod
    def writer(cls, folder: Path, graphs: Callable[[], Iterable[str]]) -> TextIndex | None:
        """Open (or create) the index of the store in `folder`, opened for writing. A new or
        unreadable index lists every graph of `graphs()` as stale, in the transaction that
        creates it. None when this SQLite has no FTS5 or no trigram tokenizer (before 3.34):
        the store then has no index, and leaves none behind."""
        path = folder / INDEX_NAME
        try:
            index = cls(sqlite3.connect(path, isolation_level=None), path)
            if index._version() != VERSION:  # none yet, an older layout, or not a database
                index.con.close()
                _remove(folder)
                index = cls(sqlite3.connect(path, isolation_level=None), path)
                try:
                    index._create(graphs())
                except sqlite3.OperationalError as exc:
                    if not str(exc).startswith(("no such module", "no such tokenizer")):
                        raise
                    index.con.close()
                    _remove(folder)
                    return None
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"{path}: cannot open the text index ({exc})") from None
        return index

    @classmethod
    def reader(cls, folder: Path) -> TextIndex | None:
        path = folder / INDEX_NAME
        if not path.is_file():
            return None
        try:
            con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                  isolation_level=None, check_same_thread=False)
        except sqlite3.Error:
            return None
        index = cls(con, path)
        if not index.usable():
            con.close()
            return None
        return index

    def _version(self) -> str | None:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        except sqlite3.DatabaseError:
            return None
        return row[0] if row else None

    def _create(self, graphs: Iterable[str]) -> None:
        con = self.con
        con.execute("BEGIN IMMEDIATE")
        try:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    con.execute(statement)
            con.executemany("INSERT INTO stale VALUES (?)", ((g,) for g in graphs))
            con.execute("INSERT INTO meta VALUES ('version', ?)", (VERSION,))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def usable(self) -> bool:
        """True when the index holds every graph of the store as it is (nothing stale)."""
        try:
            return (self._version() == VERSION
                    and self.con.execute("SELECT 1 FROM stale LIMIT 1").fetchone() is None)
        except sqlite3.Error:
            return False

    # ---- writing ------------------------------------------------------------------------

    def mark_stale(self, graphs: Iterable[str]) -> None:
        """List `graphs` as stale, committed: call before the store changes them."""
        try:
            with self.con:
                self.con.execute("BEGIN IMMEDIATE")
                self.con.executemany("INSERT OR IGNORE INTO stale VALUES (?)",
                                     ((g,) for g in graphs))
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot update the text index ({exc})") from None

    def update(self, graphs: Mapping[str, bytes], read: Callable[[str], bytes]) -> bool:
        """After the store committed: give each graph of `graphs` (IRI -> its N-Triples, empty
        for a dropped graph) its rows, re-read with `read(iri)` every other stale graph, and
        clear the stale list, in one transaction. False when that failed (a full disk, say):
        the store has changed all the same, so that is no error; the graphs stay stale, for
        the next writer to try again."""
        con = self.con
        try:
            with con:
                con.execute("BEGIN IMMEDIATE")
                left = [g for (g,) in con.execute("SELECT graph FROM stale") if g not in graphs]
                for iri, data in graphs.items():
                    self._replace(iri, data)
                for iri in left:  # one at a time: a whole store may be stale
                    self._replace(iri, read(iri))
                con.execute("DELETE FROM stale")
        except (sqlite3.Error, OSError):
            return False
        return True

    def _replace(self, graph: str, data: bytes) -> None:
        con = self.con
        gid = self._term(graph)
        con.execute("DELETE FROM body WHERE rowid IN (SELECT id FROM literal WHERE graph = ?)",
                    (gid,))
        con.execute("DELETE FROM literal WHERE graph = ?", (gid,))
        rows = list(literal_rows(data))
        if not rows:
            return
        first = (con.execute("SELECT max(id) FROM literal").fetchone()[0] or 0) + 1
        predicates = {p: self._term(p) for p in {p for _, p, _ in rows}}
        con.executemany("INSERT INTO literal VALUES (?, ?, ?, ?)",
                        ((first + i, gid, s, predicates[p]) for i, (s, p, _) in enumerate(rows)))
        con.executemany("INSERT INTO body(rowid, text) VALUES (?, ?)",
                        ((first + i, text) for i, (_, _, text) in enumerate(rows)))

    def _term(self, iri: str) -> int:
        row = self.con.execute("SELECT id FROM term WHERE iri = ?", (iri,)).fetchone()
        if row:
            return row[0]
        return self.con.execute("INSERT INTO term(iri) VALUES (?)", (iri,)).lastrowid

    def optimize(self) -> None:
        """Merge the full-text segments into one (after a large load: fewer to search). A
        failure leaves the index as it was, which answers as well, a little slower."""
        try:
            with self.con:
                self.con.execute("INSERT INTO body(body) VALUES ('optimize')")
        except sqlite3.Error:
            pass

    # ---- reading ------------------------------------------------------------------------

    def candidates(self, text: str, predicates: Sequence[str] = (), *,
                   limit: int | None = None) -> list[str] | None:
        """The IRIs of the subjects holding a string literal (of one of `predicates`, when
        given) that contains `text`, case-insensitively; None when the index cannot answer
        (see `searchable`), when one of them is a blank node, or when there are more than
        `limit`."""
        pattern = searchable(text)
        if pattern is None:
            return None
        sql = ("SELECT DISTINCT literal.subject FROM body JOIN literal ON literal.id = body.rowid"
               " WHERE body.text GLOB ?")
        args: list[object] = [pattern]
        if predicates:
            sql += (" AND literal.predicate IN (SELECT id FROM term WHERE iri IN "
                    f"({', '.join('?' * len(predicates))}))")
            args += list(predicates)
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit + 1)
        try:
            subjects = [s for (s,) in self.con.execute(sql, args)]
        except sqlite3.Error:
            return None
        if limit is not None and len(subjects) > limit:
            return None
        if any(not s.startswith("<") for s in subjects):
            return None  # a blank node cannot be named in a query
        return sorted(s[1:-1] for s in subjects)

    def close(self) -> None:
        self.con.close()

