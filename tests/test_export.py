"""Streaming exports: memory follows the largest graph, not the corpus; the same store content
gives the same bytes; a failed export leaves no partial file; pending publish batches spool."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from faultproxy import Rule
from rightsgraph.batch import Pending
from rightsgraph.export import export, write_export
from rightsgraph.iris import GRAPH_BASE
from rightsgraph.store import EmbeddedStore

RG = "https://w3id.org/rightsgraph/ontology#"
STREAMED = [ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS,
            ox.RdfFormat.RDF_XML]


def _report(i: int, paragraphs: int = 400, bnode: str = "b") -> tuple[str, bytes]:
    """A report-like named graph: paragraphs with text, a triple every report shares, and
    blank nodes (an annotation per paragraph) labelled `bnode`."""
    rid = f"r{i:03d}"
    node = f"<https://w3id.org/rightsgraph/id/report/{rid}"
    lines = ['<https://w3id.org/rightsgraph/id/state/COL> '
             '<http://www.w3.org/2000/01/rdf-schema#label> "Colombia"@en .']
    for k in range(paragraphs):
        p = f"{node}/paragraph/{k}>"
        lines += [f'{p} <{RG}paragraphNumber> "{k}"^^<http://www.w3.org/2001/XMLSchema#integer> .',
                  f'{p} <{RG}text> "Paragraph {k} of {rid}: {"words " * 12}" .',
                  f"{p} <{RG}inReport> {node}> .",
                  f"{p} <http://www.w3.org/ns/oa#hasSelector> _:{bnode}{k} .",
                  f'_:{bnode}{k} <http://www.w3.org/ns/oa#exact> "quote {k}" .']
    return GRAPH_BASE + rid, ("\n".join(lines) + "\n").encode()


def _store(reports: int, *, bnode: str = "b", reverse: bool = False) -> EmbeddedStore:
    store = EmbeddedStore(None)
    graphs = dict(_report(i, bnode=bnode) for i in range(reports))
    if reverse:
        graphs = dict(reversed(graphs.items()))
    store.replace_graphs(graphs)
    return store


class Sink:
    """A binary file object that keeps nothing: what an export holds is its own memory."""

    def __init__(self):
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass


def _peak(store: EmbeddedStore, fmt: ox.RdfFormat) -> tuple[int, int]:
    """(peak Python memory of an export, in bytes above where it started; bytes written)."""
    sink = Sink()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        write_export(store, fmt, sink)
        peak = tracemalloc.get_traced_memory()[1] - start
    finally:
        tracemalloc.stop()
    return peak, sink.size


@pytest.mark.parametrize("fmt", STREAMED, ids=lambda f: f.name)
def test_export_memory_follows_the_largest_graph_not_the_corpus(fmt):
    """Four times the report graphs, four times the output, about the same peak memory.
    An export that gathers every graph (or the whole output) before writing peaks at about
    four times as much (pyoxigraph's terms and bytes are Python objects tracemalloc sees)."""
    small, large = _store(3), _store(12)
    peak_small, size_small = _peak(small, fmt)
    peak_large, size_large = _peak(large, fmt)
    assert size_large > 3.5 * size_small
    assert peak_large < 1.5 * peak_small, (peak_small, peak_large)


def test_same_content_gives_the_same_bytes_whatever_the_labels_and_order():
    a, b = _store(3, bnode="b"), _store(3, bnode="other", reverse=True)
    for fmt in [*STREAMED, ox.RdfFormat.JSON_LD]:
        assert export(a, fmt) == export(b, fmt), fmt.name


def test_a_graph_exports_the_same_whatever_else_the_store_holds():
    iri = GRAPH_BASE + "r001"
    for fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TURTLE):
        assert export(_store(2), fmt, graph=iri) == export(_store(5), fmt, graph=iri)


def test_merged_export_keeps_blank_nodes_apart_and_parses_back():
    store = _store(3)
    expected = set()
    for quad in store.raw.quads_for_pattern(None, None, None, None):
        expected.add((str(quad.subject), str(quad.predicate), str(quad.object)))
    ttl = export(store, ox.RdfFormat.TURTLE)
    assert ttl.count(b"@prefix rg: ") == 1 and ttl.startswith(b"@prefix ")
    # the shared label is written once per report graph; readers merge the repeats
    assert ttl.count(b'"Colombia"@en') == 3
    graph = Graph().parse(data=ttl, format="turtle")
    ours = set(ox.parse(ttl, format=ox.RdfFormat.TURTLE))
    assert len(graph) == len(ours) == len(expected)
    # 400 annotations per report, none merged with another report's
    assert len({t.object for t in ours if isinstance(t.object, ox.BlankNode)}) == 3 * 400


def test_failed_export_leaves_no_partial_file(cli, seed_store, oxigraph_server, fault_proxy,
                                             tmp_path):
    """The endpoint fails after the first graph has been read and written: the export stops
    with one line, exit 4, the previous file as it was and no temporary file."""
    with EmbeddedStore(seed_store, read_only=True) as local, oxigraph_server.store() as remote:
        remote.replace_graphs({g: local.dump(ox.RdfFormat.N_TRIPLES, graph=g)
                               for g in local.graph_sizes()})
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "all.nq"
    whole = cli("export", "-o", str(target), "--endpoint", fault_proxy.url + "/query")
    assert whole.returncode == 0, whole.stderr
    # the first graph (a report) is far more than the writer buffers (8 KiB): it reaches the
    # file before the second graph is read, and before the failure below
    lines = target.read_bytes().splitlines()
    first = lines[0][lines[0].rindex(b" <"):]
    assert sum(len(line) + 1 for line in lines if line.endswith(first)) > 64 * 1024, first
    target.write_bytes(b"previous\n")
    # requests: the graph list, the first graph, then the second graph's read fails
    fault_proxy.rules = [Rule("500", path="/query", skip=2)]
    res = cli("export", "-o", str(target), "--endpoint", fault_proxy.url + "/query")
    err = res.stderr.decode()
    assert res.returncode == 4 and len(err.strip().splitlines()) == 1, err
    assert target.read_bytes() == b"previous\n"
    assert sorted(p.name for p in out_dir.iterdir()) == ["all.nq"]


def _open_in(folder: Path) -> list[str]:
    """Files this process holds open under `folder` (from /proc, deleted ones included)."""
    fds = Path("/proc/self/fd")
    links = []
    for fd in os.listdir(fds):
        try:
            links.append(os.readlink(fds / fd))
        except OSError:
            continue
    return [link for link in links if link.startswith(str(folder))]


def test_pending_graphs_spool_to_an_anonymous_file_and_come_back_in_groups(tmp_path):
    folder = tmp_path / "out"
    groups = [{f"urn:g{i}": b"<urn:s> <urn:p> <urn:o%d> .\n" % i,
               f"urn:v{i}": b"<urn:s> <urn:q> _:b .\n"} for i in range(20)]
    with Pending(folder, memory=100) as pending:
        pending.add(groups[0])
        assert not folder.exists()  # in memory while small: nothing on disk
        for group in groups[1:]:
            pending.add(group)
        assert _open_in(folder) and list(folder.iterdir()) == []  # spooled, with no name
        batches = list(pending.batches(120))
    assert len(batches) > 1
    assert [g for batch in batches for g in batch.items()] == \
        [g for group in groups for g in group.items()]
    for batch in batches:  # a group is never split across batches
        reports = {g for g in batch if g.startswith("urn:g")}
        assert {g.replace("urn:g", "urn:v") for g in reports} == set(batch) - reports
    assert _open_in(folder) == []
