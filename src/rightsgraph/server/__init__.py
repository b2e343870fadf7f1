"""The linked-data server: every resource IRI dereferenceable, pages that show each fact in
its paragraph, a read-only SPARQL 1.1 endpoint and a query editor (`rightsgraph serve`)."""

from __future__ import annotations

from pathlib import Path

from ..store.base import GraphStore
from .app import ServerConfig, create_app
from .runner import Limits, ProcessRunner, QueryRunner, StoreRunner

__all__ = ["ServerConfig", "create_app", "make_runner", "serve"]


def make_runner(store: GraphStore, config: ServerConfig) -> QueryRunner:
    """Worker processes for an on-disk embedded store (killable on timeout), else a thread."""
    from ..store.embedded import EmbeddedStore

    limits = Limits(config.timeout, config.max_rows)
    if isinstance(store, EmbeddedStore) and store.path is not None:
        return ProcessRunner(Path(store.path), limits, workers=config.workers)
    return StoreRunner(store, limits)


def serve(store: GraphStore, *, host: str = "127.0.0.1", port: int = 8000,
          config: ServerConfig | None = None, log_level: str = "info") -> None:
    """Run the server on uvicorn until interrupted; the store is only read."""
    import uvicorn

    config = config or ServerConfig()
    runner = make_runner(store, config)
    try:
        uvicorn.run(create_app(store, runner, config), host=host, port=port, log_level=log_level,
                    limit_concurrency=config.max_connections, timeout_keep_alive=5, server_header=False)
    finally:
        runner.close()
