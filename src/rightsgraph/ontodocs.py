"""HTML documentation of the ontology (pyLODE) and of the SKOS schemes.

`build_docs` writes ``index.html`` (the ontology, every class and property, by
pyLODE) and ``vocab/index.html`` with one browsable page per concept scheme
(concepts nested by skos:broader, with their labels in English, French and
Spanish, notations, definitions, alternative labels and mappings). Files are
written to a temporary directory first and moved in place when all are done.
"""

from __future__ import annotations

import contextlib
import errno
import io
import logging
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from rdflib import DCTERMS, RDF, SKOS, Graph, Literal, URIRef

from .errors import OntologyError
from .files import atomic_output, check_folder, output_error
from .ontocheck import LANGUAGES, default_ontology, vocabulary_files

_CSS = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; }
ul.tree { list-style: none; padding-left: 1.2rem; border-left: 1px solid #ddd; }
ul.tree > li { margin: 0.6rem 0; }
.notation { font-family: monospace; color: #555; margin-right: 0.5rem; }
.labels { color: #444; font-size: 0.9rem; }
.alt { color: #666; font-size: 0.85rem; }
.iri { font-family: monospace; font-size: 0.8rem; color: #777; }
"""


@dataclass(frozen=True)
class DocsResult:
    """Where `build_docs` wrote the documentation."""

    index: Path
    vocabulary_index: Path
    pages: tuple[Path, ...]


def build_docs(
    out_dir: Path,
    ontology: Path | None = None,
    vocabularies: Sequence[Path] | None = None,
) -> DocsResult:
    """Write the HTML documentation of ``ontology`` and ``vocabularies`` (default: the
    project's) into ``out_dir``."""
    ontology = ontology or default_ontology()
    if vocabularies is None:
        vocabularies = vocabulary_files(ontology)
    onto_graph = _parse(ontology)
    vocab_graph = Graph()
    for path in vocabularies:
        vocab_graph += _parse(path)

    # Every page is rendered, then written as a temporary file beside its target; only when all
    # are written are they renamed into place, so an error or an interrupt leaves the previous
    # pages, never a mix of old and new or a partial one.
    pages: dict[str, str] = {"index.html": _ontology_html(onto_graph)}
    schemes = sorted(vocab_graph.subjects(RDF.type, SKOS.ConceptScheme), key=str)
    names = []
    for scheme in schemes:
        name = str(scheme).rstrip("/").rsplit("/", 1)[-1]
        names.append((name, scheme))
        pages[f"vocab/{name}.html"] = _scheme_html(vocab_graph, scheme)
    pages["vocab/index.html"] = _vocab_index_html(vocab_graph, names)

    check_folder(out_dir)  # one line naming --output when it is a file or cannot be written
    written = [out_dir / relative for relative in sorted(pages)]
    for target in written:  # the one rename that would fail after others are done
        if target.is_dir():
            raise output_error(target, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)))
    with contextlib.ExitStack() as stack:
        for target in written:
            stack.enter_context(atomic_output(target)).write(
                pages[target.relative_to(out_dir).as_posix()].encode("utf-8"))
    return DocsResult(
        index=out_dir / "index.html",
        vocabulary_index=out_dir / "vocab" / "index.html",
        pages=tuple(written),
    )


def _parse(path: Path) -> Graph:
    try:
        return Graph().parse(path, format="turtle")
    except FileNotFoundError as exc:
        raise OntologyError(f"{path}: file not found") from exc
    except Exception as exc:  # rdflib raises many parser-specific exceptions
        raise OntologyError(f"{path}: cannot parse: {exc}") from exc


def _ontology_html(graph: Graph) -> str:
    """pyLODE's OntPub page, with pyLODE's import-time logging set-up and prints contained."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from pylode import OntPub
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            return OntPub(ontology=graph).make_html()
        except Exception as exc:  # pyLODE reports ontology defects as plain exceptions
            raise OntologyError(f"pyLODE could not document the ontology: {exc}") from exc


def _label(graph: Graph, node: URIRef, lang: str = "en") -> str:
    for predicate in (SKOS.prefLabel, DCTERMS.title):
        for value in graph.objects(node, predicate):
            if isinstance(value, Literal) and value.language == lang:
                return str(value)
    return str(node)


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _vocab_index_html(graph: Graph, names: list[tuple[str, URIRef]]) -> str:
    items = []
    for name, scheme in names:
        count = sum(1 for _ in graph.subjects(SKOS.inScheme, scheme))
        definition = next(iter(graph.objects(scheme, SKOS.definition)), "")
        items.append(
            f'<li><a href="{escape(name)}.html">{escape(_label(graph, scheme))}</a> '
            f"({count} concepts)<br><span class=\"alt\">{escape(str(definition))}</span></li>"
        )
    body = (
        '<h1>RightsGraph vocabularies</h1>\n<p><a href="../index.html">Ontology documentation</a></p>\n'
        f"<ul>\n{''.join(items)}\n</ul>"
    )
    return _page("RightsGraph vocabularies", body)


def _scheme_html(graph: Graph, scheme: URIRef) -> str:
    concepts = set(graph.subjects(SKOS.inScheme, scheme))
    children: dict[URIRef, list[URIRef]] = defaultdict(list)
    has_parent = set()
    for concept in concepts:
        for parent in graph.objects(concept, SKOS.broader):
            if parent in concepts:
                children[parent].append(concept)
                has_parent.add(concept)
    roots = [c for c in concepts if c not in has_parent]

    def order(nodes: list[URIRef]) -> list[URIRef]:
        return sorted(nodes, key=lambda c: (_notation_key(graph, c), _label(graph, c)))

    def render(concept: URIRef, seen: frozenset[URIRef]) -> str:
        anchor = str(concept).rsplit("/", 1)[-1]
        notation = next(iter(graph.objects(concept, SKOS.notation)), "")
        labels = " · ".join(
            f"{escape(_label(graph, concept, lang))} <small>({lang})</small>" for lang in LANGUAGES[1:]
        )
        alts = sorted(str(a) for a in graph.objects(concept, SKOS.altLabel))
        definition = next(iter(graph.objects(concept, SKOS.definition)), "")
        matches = sorted(
            str(m) for p in (SKOS.exactMatch, SKOS.closeMatch) for m in graph.objects(concept, p)
        )
        parts = [
            f'<li id="{escape(anchor)}"><span class="notation">{escape(str(notation))}</span>'
            f"<strong>{escape(_label(graph, concept))}</strong>",
            f'<div class="labels">{labels}</div>',
            f"<div>{escape(str(definition))}</div>",
        ]
        if alts:
            parts.append(f'<div class="alt">Also: {escape("; ".join(alts))}</div>')
        if matches:
            links = ", ".join(f'<a href="{escape(m)}">{escape(m)}</a>' for m in matches)
            parts.append(f'<div class="alt">Matches: {links}</div>')
        parts.append(f'<div class="iri">{escape(str(concept))}</div>')
        kids = [c for c in order(children.get(concept, [])) if c not in seen]
        if kids:
            inner = "".join(render(k, seen | {k}) for k in kids)
            parts.append(f'<ul class="tree">{inner}</ul>')
        parts.append("</li>")
        return "\n".join(parts)

    title = _label(graph, scheme)
    definition = next(iter(graph.objects(scheme, SKOS.definition)), "")
    tree = "".join(render(root, frozenset({root})) for root in order(roots))
    body = (
        f'<p><a href="index.html">All vocabularies</a></p>\n<h1>{escape(title)}</h1>\n'
        f"<p>{escape(str(definition))}</p>\n<p class=\"iri\">{escape(str(scheme))}</p>\n"
        f'<ul class="tree">{tree}</ul>'
    )
    return _page(title, body)


def _notation_key(graph: Graph, concept: URIRef) -> tuple[tuple[int, ...], str]:
    """Sort "2" before "10" and "10.7" before "10.c"."""
    notation = str(next(iter(graph.objects(concept, SKOS.notation)), ""))
    digits = tuple(int(p) for p in notation.replace("-", ".").split(".") if p.isdigit())
    return digits, notation
