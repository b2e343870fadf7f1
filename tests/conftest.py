"""Shared fixtures: the seed report, our own genre reports, and a CLI runner."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SEED = ROOT / "corpus" / "a-hrc-57-migrants-in-transit.md"
GENRE_REPORTS = sorted((DATA / "reports").glob("*.md"))

# A suite started as a background job (`make test &`, `nohup`, some CI runners) inherits SIGINT
# ignored, and so would every command the tests start: Python then installs no KeyboardInterrupt
# handler, and the Ctrl-C tests (test_interrupts, test_faults) would see a build that cannot be
# interrupted. Take SIGINT back as at a terminal; the commands started by the tests inherit the
# default disposition again.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def private_mount() -> list[str] | None:
    """The `unshare` command line that gives a private mount namespace here (for a real full
    or read-only file system in a tmpfs), if any does."""
    import shutil

    if shutil.which("unshare") is None:
        return None
    for cmd in (["unshare", "--mount"], ["unshare", "--user", "--map-root-user", "--mount"]):
        probe = subprocess.run([*cmd, "sh", "-c", "mount -t tmpfs -o size=64k none /mnt"],
                               capture_output=True, timeout=60)
        if probe.returncode == 0:
            return cmd
    return None


def load_bench(name: str):
    """A script of bench/ as a module (bench/ is not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


# --- SPARQL endpoints: a real Oxigraph server, Virtuoso when `make test-virtuoso` runs one ---

GRAPH_BASE = "https://w3id.org/rightsgraph/graph/"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc=None, seconds: float = 30.0) -> None:
    import socket
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


class Engine:
    """A running SPARQL server as the tests see it: its URLs and the environment to reach it."""

    def __init__(self, name: str, query: str, update: str, env: dict[str, str] | None = None):
        self.name, self.query, self.update, self.env = name, query, update, env or {}

    def store(self, **kwargs):
        from rightsgraph.store.endpoint import EndpointStore
        from rightsgraph.store.http import Credentials

        creds = Credentials(self.env.get("RIGHTSGRAPH_USER"), self.env.get("RIGHTSGRAPH_PASSWORD"),
                            self.env.get("RIGHTSGRAPH_TOKEN"))
        return EndpointStore(self.query, update_endpoint=self.update, credentials=creds, **kwargs)

    def args(self) -> list[str]:
        return ["--endpoint", self.query, "--update-endpoint", self.update]

    def all_graphs(self) -> dict[str, int]:
        with self.store() as s:
            result = s.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                             'FILTER(STRSTARTS(STR(?g), "https://w3id.org/rightsgraph/") '
                             '|| STRSTARTS(STR(?g), "urn:rightsgraph:")) } GROUP BY ?g')
        return {r[0].value: int(r[1].value) for r in result.rows}

    def reset(self) -> None:
        graphs = self.all_graphs()
        if graphs:
            with self.store() as s:
                s.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs), what="reset")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """`oxigraph serve` on a free loopback port, for the whole session."""
    import shutil

    exe = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if exe is None:
        pytest.fail("the oxigraph server (PyPI package `oxigraph`, dev extra) is not installed")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    # the default graph of every query interface is the RDF merge of all graphs (DESIGN.md)
    proc = subprocess.Popen([exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_port(port, proc)
        yield Engine("oxigraph", f"http://127.0.0.1:{port}/query", f"http://127.0.0.1:{port}/update")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _engine_params():
    params = ["oxigraph"]
    params.append(pytest.param("virtuoso", marks=pytest.mark.skipif(
        not os.environ.get("RIGHTSGRAPH_TEST_VIRTUOSO"),
        reason="Virtuoso not running (make test-virtuoso starts one)")))
    return params


@pytest.fixture(params=_engine_params())
def engine(request) -> Engine:
    """Each SPARQL engine the publish tests run against, emptied of RightsGraph graphs."""
    if request.param == "oxigraph":
        eng = request.getfixturevalue("oxigraph_server")
    else:
        base = os.environ["RIGHTSGRAPH_TEST_VIRTUOSO"].rstrip("/")
        eng = Engine("virtuoso", f"{base}/sparql", f"{base}/sparql-auth",
                     {"RIGHTSGRAPH_USER": os.environ.get("RIGHTSGRAPH_TEST_VIRTUOSO_USER", "dba"),
                      "RIGHTSGRAPH_PASSWORD": os.environ.get("RIGHTSGRAPH_TEST_VIRTUOSO_PASSWORD",
                                                             "dba")})
    eng.reset()
    return eng


@pytest.fixture
def fault_proxy(oxigraph_server):
    """A fault-injecting proxy in front of the Oxigraph server (see tests/faultproxy.py)."""
    from faultproxy import FaultProxy

    oxigraph_server.reset()
    proxy = FaultProxy(oxigraph_server.query.rsplit("/", 1)[0]).start()
    try:
        yield proxy
    finally:
        proxy.stop()


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


# the query library's tests (test_queries, test_queries_bound): the same reports, vocabularies
# and store
@pytest.fixture(scope="module")
def reports():
    """The converted report graphs (rdflib), independent of the store."""
    from rightsgraph.pipeline import convert

    return [convert(p).graph for p in [SEED, *GENRE_REPORTS]]


@pytest.fixture(scope="module")
def vocab():
    """Every vocabulary, registry and ontology graph the build publishes, as one rdflib graph."""
    from rdflib import Graph

    from rightsgraph.pipeline import reference_graphs

    union = Graph()
    for g in reference_graphs().values():
        union += g
    return union


@pytest.fixture(scope="module")
def run(seed_store):
    """`run(name, **params)`: a library query on the seed store, rows as {variable: value}
    (a text parameter looked up in the store's text index, as the CLI does)."""
    from rightsgraph.prefilter import bind_query
    from rightsgraph.querylib import find_query
    from rightsgraph.store import open_store

    store = open_store(seed_store, read_only=True)

    def run_query(name: str, **params: str) -> list[dict[str, str]]:
        result = store.query(bind_query(store, find_query(name), params))
        return [{v: (t.value if t is not None else "") for v, t in zip(result.variables, row,
                                                                       strict=True)}
                for row in result.rows]

    yield run_query
    store.close()


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


# Hypothesis profiles: `ci` (default, in `make test`: derandomized, a bounded budget) and `fuzz`
# (`make fuzz`: HYPOTHESIS_PROFILE=fuzz, many more examples, failures kept in .hypothesis/).
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "ci", deadline=None, derandomize=True, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz", deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)
FUZZ_FACTOR = int(os.environ.get("RIGHTSGRAPH_FUZZ_FACTOR", "25" if PROFILE == "fuzz" else "1"))


def budget(examples: int) -> int:
    """Examples per property: `examples` in the CI profile, FUZZ_FACTOR times more in `make fuzz`."""
    return examples * FUZZ_FACTOR
