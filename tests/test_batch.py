"""Parallel builds (--jobs), one-crossing publishes and their failure semantics."""

from __future__ import annotations

import io

import pytest
from pyoxigraph import NamedNode, RdfFormat, parse

from conftest import GENRE_REPORTS, SEED

G1 = "https://w3id.org/rightsgraph/graph/test-one"
G2 = "https://w3id.org/rightsgraph/graph/test-two"
T1 = b'<https://ex.org/s> <https://ex.org/p> "one" .\n'
T2 = b'<https://ex.org/s> <https://ex.org/p> "two" .\n'


@pytest.fixture
def store(tmp_path):
    from rightsgraph.store import EmbeddedStore

    with EmbeddedStore(tmp_path / "store") as s:
        yield s


def _objects(store, graph: str) -> list[str]:
    return sorted(q.object.value for q in store.raw.quads_for_pattern(None, None, None, NamedNode(graph)))


def test_replace_keeps_previous_graph_when_new_content_is_broken(store):
    from rightsgraph.errors import StoreError

    store.replace_graphs({G1: T1})
    with pytest.raises(StoreError):
        store.replace_graphs({G1: T2 + b"<https://ex.org/s> <https://ex.org/p> broken .\n"})
    assert _objects(store, G1) == ["one"]


def test_failed_bulk_load_leaves_no_partial_new_graphs(store):
    from rightsgraph.errors import StoreError

    store.replace_graphs({G1: T1})
    bad = b'<https://ex.org/s> <https://ex.org/p> "unterminated .\n'
    with pytest.raises(StoreError):
        store.replace_graphs({G2: T2 * 3, "https://w3id.org/rightsgraph/graph/test-3": bad})
    assert not store.raw.contains_named_graph(NamedNode(G2))
    assert _objects(store, G1) == ["one"]


def test_replace_mixes_new_and_existing_graphs(store):
    store.replace_graphs({G1: T1})
    store.replace_graphs({G1: T2, G2: T1})
    assert _objects(store, G1) == ["two"]
    assert _objects(store, G2) == ["one"]


def test_graph_names_are_the_graphs_graph_sizes_counts(store):
    from rightsgraph.store.base import GraphStore

    store.replace_graphs({G1: T1, G2: T2})
    store.replace_graphs({G2: b""})  # emptied by an update: Oxigraph still lists its name
    assert store.graph_names() == set(store.graph_sizes()) == {G1}
    assert GraphStore.graph_names(store) == {G1}  # the default, for stores without a list
    store.drop_graphs([G1])
    assert store.graph_names() == set()


def test_blank_nodes_stay_apart_across_graphs_of_one_crossing(store):
    from rightsgraph.export import write_graphs
    from rightsgraph.serialize import named_graphs_nquads

    doc = b'_:c14n0 <https://ex.org/p> "x" .\n<https://ex.org/s> <https://ex.org/q> _:c14n0 .\n'
    data = named_graphs_nquads({G1: doc, G2: doc})
    assert data.count(b"_:g0c14n0") == 2 and data.count(b"_:g1c14n0") == 2
    store.replace_graphs({G1: doc, G2: doc})
    subjects = {q.subject for q in store.raw.quads_for_pattern(None, NamedNode("https://ex.org/p"),
                                                              None, None)}
    assert len(subjects) == 2
    merged = io.BytesIO()
    write_graphs([(G1, doc), (G2, doc)], RdfFormat.TURTLE, merged)
    assert len(set(parse(merged.getvalue(), format=RdfFormat.TURTLE))) == 4



def test_compacting_after_crossings_keeps_every_quad(store, tmp_path):
    """`build` compacts the store once after its batches; the content stays quad for quad, and
    a read-only store is left alone."""
    from rightsgraph.store import EmbeddedStore

    for n in range(5):  # several bulk loads: several files for the compaction to merge
        store.replace_graphs({f"{G1}-{n}": T1 + T2})
    before = store.dump(RdfFormat.N_QUADS)
    store.optimize()
    assert store.dump(RdfFormat.N_QUADS) == before and before.count(b"\n") == 10
    store.close()
    with EmbeddedStore(tmp_path / "store", read_only=True) as reader:
        reader.optimize()
        assert reader.dump(RdfFormat.N_QUADS) == before

def test_build_with_jobs_gives_the_same_store_as_without(tmp_path):
    from rightsgraph.pipeline import build
    from rightsgraph.serialize import _canonical
    from rightsgraph.store import EmbeddedStore

    reports = [SEED, *GENRE_REPORTS]
    dumps = []
    for jobs in (1, 2):
        with EmbeddedStore(tmp_path / f"store-{jobs}") as store:
            summary = build(reports, store, tmp_path / f"out-{jobs}", jobs=jobs)
            assert summary.ok and [r.source for r in summary.reports] == [str(r) for r in reports]
            dumps.append({g: _canonical(store.dump(RdfFormat.N_TRIPLES, graph=g))
                          for g in store.graph_sizes()})
    assert dumps[0] == dumps[1]
    assert (tmp_path / "out-1" / "rightsgraph.ttl").read_bytes() == \
        (tmp_path / "out-2" / "rightsgraph.ttl").read_bytes()


def test_build_refuses_an_unreadable_report_and_publishes_the_others(tmp_path):
    from rightsgraph.errors import InputError
    from rightsgraph.pipeline import build
    from rightsgraph.store import EmbeddedStore

    bad = tmp_path / "not-a-report.md"
    bad.write_text("Just a note, no numbered paragraphs.\n", encoding="utf-8")
    with EmbeddedStore(tmp_path / "store") as store:
        summary = build([SEED, bad], store, tmp_path / "out", jobs=2)
        assert [r.source for r in summary.refused] == [str(bad)] and not summary.ok
        assert summary.published and [r.source for r in summary.reports] == [str(SEED)]
        with pytest.raises(InputError, match="not-a-report.md"):  # --fail-fast: all or nothing
            build([SEED, bad], store, tmp_path / "out-2", jobs=2, fail_fast=True)
    assert not (tmp_path / "out-2" / "rightsgraph.ttl").exists()


def test_public_api_names_are_the_functions_after_submodule_imports():
    import rightsgraph
    import rightsgraph.parse  # noqa: F401 - binds the submodule to the package
    import rightsgraph.validate  # noqa: F401

    assert callable(rightsgraph.parse) and callable(rightsgraph.validate)
    assert rightsgraph.parse.__module__ == "rightsgraph.parse"


def test_help_imports_no_rdf_library(cli):
    import subprocess
    import sys

    code = ("import sys, rightsgraph.cli; "
            "print(sorted(m for m in ('rdflib', 'pyoxigraph', 'pyshacl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert cli("build", "--help").returncode == 0
