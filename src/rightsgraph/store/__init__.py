"""Stores a graph can be published to: the embedded Oxigraph store, or a SPARQL endpoint."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .base import GraphStore
from .embedded import EmbeddedStore

__all__ = ["GraphStore", "EmbeddedStore", "open_store", "default_store_path"]


def default_store_path() -> Path:
    return Path(os.environ.get("RIGHTSGRAPH_STORE") or "build/store")


def open_store(path: str | Path | None = None, *, endpoint: str | None = None,
               update_endpoint: str | None = None, read_only: bool = False,
               progress: Callable[[int, int], None] | None = None) -> GraphStore:
    """Open the embedded store at `path` (default build/store) or a remote SPARQL endpoint.

    `progress(sent, total)` is called as triples are uploaded to an endpoint.
    """
    if endpoint:
        from .endpoint import EndpointStore

        return EndpointStore(endpoint, update_endpoint=update_endpoint, progress=progress)
    return EmbeddedStore(path or default_store_path(), read_only=read_only)
