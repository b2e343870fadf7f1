"""Split N-Triples into bounded chunks for upload, never splitting a blank node's triples.

A blank node label only means the same node within one request (INSERT DATA or a Graph Store
POST), so every triple that mentions a label must travel in the same chunk. Triples are
grouped by connected blank nodes; groups are packed in order up to the limits; a group larger
than the limits travels alone.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from ..errors import UsageError

DEFAULT_TRIPLES = 2000
DEFAULT_BYTES = 1024 * 1024
_BNODE = re.compile(rb"(?:^|\s)(_:[A-Za-z0-9_.\-]+)")


def chunk_limits() -> tuple[int, int]:
    """(triples, bytes) per chunk; RIGHTSGRAPH_CHUNK_TRIPLES overrides the triple count."""
    raw = os.environ.get("RIGHTSGRAPH_CHUNK_TRIPLES")
    if not raw:
        return DEFAULT_TRIPLES, DEFAULT_BYTES
    if not raw.isdigit() or int(raw) < 1:
        raise UsageError(f"RIGHTSGRAPH_CHUNK_TRIPLES must be a positive integer, got {raw!r}")
    return int(raw), DEFAULT_BYTES


def chunks(data: bytes, *, max_triples: int = DEFAULT_TRIPLES,
           max_bytes: int = DEFAULT_BYTES) -> Iterator[list[bytes]]:
    """Yield lists of N-Triples lines.

    >>> nt = b"<a> <p> _:x .\\n_:x <q> <b> .\\n<c> <p> <d> .\\n"
    >>> [len(c) for c in chunks(nt, max_triples=1)]
    [2, 1]
    """
    lines = [line for line in data.splitlines() if line.strip()]
    groups = _groups(lines)
    batch: list[bytes] = []
    size = 0
    for group in groups:
        group_size = sum(len(line) + 1 for line in group)
        if batch and (len(batch) + len(group) > max_triples or size + group_size > max_bytes):
            yield batch
            batch, size = [], 0
        batch.extend(group)
        size += group_size
    if batch:
        yield batch


def _groups(lines: list[bytes]) -> list[list[bytes]]:
    """Lines in file order, those sharing blank nodes (transitively) gathered at the first."""
    parent: dict[bytes, bytes] = {}

    def find(x: bytes) -> bytes:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    labels_of: list[list[bytes]] = []
    for line in lines:
        labels = _BNODE.findall(line) if b"_:" in line else []
        for label in labels:
            parent.setdefault(label, label)
        for other in labels[1:]:
            a, b = find(labels[0]), find(other)
            if a != b:
                parent[b] = a
        labels_of.append(labels)
    if not parent:
        return [[line] for line in lines]
    out: list[list[bytes]] = []
    by_root: dict[bytes, list[bytes]] = {}
    for line, labels in zip(lines, labels_of, strict=True):
        if not labels:
            out.append([line])
            continue
        root = find(labels[0])
        if root not in by_root:
            by_root[root] = []
            out.append(by_root[root])
        by_root[root].append(line)
    return out
