"""Answers to queries in the formats `rightsgraph query` writes, through the answers a store
keeps (`rightsgraph.store.answers`).

A question asked again of an unchanged store is answered with the bytes kept the first time;
`build` keeps the answer of every library query with its default parameters once it has
published, so that the corpus-wide listings and counts (seconds each at 1,000 reports: they read
every report's facts) come back at the cost of reading them. Any change to the store makes every
kept answer stale, and a stale answer is never served. The terminal table is not kept: it is
laid out for the terminal at hand.

>>> from rightsgraph.querylib import find_query
>>> from rightsgraph.store import EmbeddedStore
>>> with EmbeddedStore(None) as store:  # in memory: nothing is kept, every answer is computed
...     answer(store, find_query("mandate-chain"), {}, "csv").split(b",")[:2]
[b'resolution', b'resolutionLabel']
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from . import __version__
from .errors import StoreError, UsageError
from .prefilter import bind_query
from .querylib import LibraryQuery, bind
from .results import FORMATS, format_results, iter_results
from .store.answers import answer_key
from .store.base import GraphStore

# Bump when the bytes `results.format_results` writes change: older kept answers then go unused.
RESULTS_VERSION = "1"


def key(text: str, fmt: str, limit: int | None) -> str:
    """What an answer is kept under: the query text as run (parameters bound), the format, the
    row limit and the code's version."""
    return answer_key(__version__, RESULTS_VERSION, fmt, "" if limit is None else str(limit), text)


def answer(store: GraphStore, query: LibraryQuery, values: dict[str, str | list[str]], fmt: str,
           *, limit: int | None = None, fresh: bool = False) -> bytes:
    """The answer to `query` with `values`, as `fmt` (one of `results.FORMATS`): the store's
    kept answer when it has one for the store as it is, else evaluated (and then kept, when
    the store keeps answers). `fresh` evaluates it even when one is kept."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown results format {fmt!r}; use one of {', '.join(FORMATS)}")
    kept = store.kept_answers()
    k = key(bind(query, values), fmt, limit)
    if kept is not None and not fresh:
        body = kept.get(k)
        if body is not None:
            return body
    result = store.query(bind_query(store, query, values))
    body = format_results(result, fmt, limit=limit)
    if kept is not None:
        kept.put(k, len(result.rows), body)
    return body


@dataclass(frozen=True)
class Kept:
    """What `keep_answers` did: queries answered, answers kept, seconds spent."""

    queries: int
    answers: int
    seconds: float
    formats: tuple[str, ...] = FORMATS
    refused: str = ""  # why the store could not be opened to keep them, if it could not


def keep_answers(store: GraphStore, queries: Iterable[LibraryQuery],
                 formats: tuple[str, ...] = FORMATS) -> Kept:
    """Evaluate each query with its default parameters once and keep its answer in every
    format of `formats`. Nothing happens on a store that keeps no answers."""
    started = time.perf_counter()
    kept = store.kept_answers()
    answered = stored = 0
    if kept is not None:
        for query in queries:
            try:
                text = bind(query, {})
            except UsageError:  # a parameter the query cannot do without
                continue
            result = store.query(bind_query(store, query, {}))
            answered += 1
            for fmt in formats:
                stored += kept.put(key(text, fmt, None), len(result.rows),
                                   iter_results(result, fmt))
    return Kept(answered, stored, time.perf_counter() - started, tuple(formats))


def keep_library_answers(path) -> Kept:
    """Open the embedded store at `path` for reading and keep the default answers of every
    library query (what `build` does once it has published and closed the store). A store
    another process holds by then keeps none: `Kept.refused` says why."""
    from .querylib import library
    from .store import EmbeddedStore

    started = time.perf_counter()
    try:
        store = EmbeddedStore(path, read_only=True)
    except StoreError as exc:  # another process took the store first: the build is done anyway
        return Kept(0, 0, time.perf_counter() - started, refused=str(exc))
    with store:
        return keep_answers(store, library())
