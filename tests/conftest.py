"""Shared fixtures: the seed report, our own genre reports, and a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SEED = ROOT / "corpus" / "a-hrc-57-migrants-in-transit.md"
GENRE_REPORTS = sorted((DATA / "reports").glob("*.md"))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_doc():
    from rightsgraph.ingest import ingest
    from rightsgraph.parse import parse

    return parse(ingest(SEED).text)


@pytest.fixture(scope="session")
def seed_converted():
    from rightsgraph.pipeline import convert

    return convert(SEED)


def run_cli(*args: str, cwd: Path | None = None, input: bytes | None = None,
            env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real `rightsgraph` command in a subprocess (exit codes, stderr, no mocks)."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("RIGHTSGRAPH_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "rightsgraph", *args], cwd=cwd or ROOT,
                          input=input, capture_output=True, env=full_env, timeout=600)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    """The seed report (and our genre reports) built once per session into an embedded store;
    yields the store's folder. Tests open it read-only."""
    from rightsgraph.pipeline import build
    from rightsgraph.store import open_store

    root = tmp_path_factory.mktemp("seed-store")
    with open_store(root / "store") as store:
        summary = build([SEED, *GENRE_REPORTS], store, root / "out")
    assert summary.ok, [r.report_id for r in summary.reports if not r.published]
    return root / "store"


@pytest.fixture(scope="session")
def served_store(tmp_path_factory) -> Path:
    """An embedded store with the seed report (facts included) for the server tests."""
    from server_support import build_store

    return build_store(tmp_path_factory.mktemp("served") / "store")


@pytest.fixture(scope="session")
def live_server(served_store):
    """A real `rightsgraph serve` on a free loopback port, with a short time limit and row cap."""
    from server_support import LiveServer

    server = LiveServer(served_store, "--timeout", "3", "--max-rows", "40")
    yield server
    server.stop()
