"""The SHACL gate's engine: pyshacl's own shapes and constraint components, run per shape.

`pyshacl.validate` is the reference; this engine gives the same validation results from the
same shapes files, and validate.py proves it on every fixture (``engine="reference"``). The
constraints are pyshacl's own code (same values, paths, components, severities, messages);
what differs is how they are run, measured on a seed-size report graph (about 1 s of CPU):

- the shapes graph is read and its shapes harvested once per process, not once per graph;
- ``sh:SPARQLTarget`` queries run in the in-memory Oxigraph store that holds the report graph
  (the dangling-link, quote and same-report targets took half of the time in rdflib's SPARQL);
  the ``sh:sparql`` constraints still run in pyshacl, on the nodes those targets select;
- a node shape's property shapes each validate all of its focus nodes in one call. Nested under
  ``sh:property``, pyshacl validates a property shape once per focus node and builds its
  constraint components again every time. A node shape's values are its focus nodes, so the
  results are the same; shapes used by other shapes (``sh:node``, ``sh:or``, ...) keep their
  properties nested, as pyshacl runs them.

Shapes graphs that use what this engine does not drive (SHACL-AF rules, functions, expressions,
custom target types, SHACL-JS) are not `supported`; validate.py then runs plain pyshacl.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

# Shape-expecting parameters: a node shape that is the value of one is validated by another
# shape, with its property shapes nested, so it is left as it is.
_SHAPE_VALUES = (SH.node, SH.property, SH["not"], SH.qualifiedValueShape)
_SHAPE_LISTS = (SH["and"], SH["or"], SH.xone)
# What pyshacl's advanced mode or JS support would add, beyond sh:SPARQLTarget.
_UNSUPPORTED_PREDICATES = (SH.rule, SH.expression, SH.js, SH.jsFunctionName, SH.jsLibrary,
                           SH.condition)
_UNSUPPORTED_TYPES = (SH.SPARQLFunction, SH.Function, SH.SPARQLTargetType, SH.JSTarget,
                      SH.JSTargetType, SH.TargetType, SH.SPARQLRule, SH.TripleRule,
                      SH.JSFunction, SH.JSConstraint)

# A SPARQL target's SELECT text -> its ?this values, or None to have rdflib evaluate it
TargetQuery = Callable[[str], Iterable | None]


def supports(shapes: Graph) -> bool:
    """True when every feature the shapes use is one this engine runs as pyshacl does."""
    if any(True for p in _UNSUPPORTED_PREDICATES for _ in shapes.subject_objects(p)):
        return False
    if any(True for t in _UNSUPPORTED_TYPES for _ in shapes.subjects(RDF.type, t)):
        return False
    # custom targets must all be SPARQL targets (a SELECT), as pyshacl reads them
    return all(shapes.value(target, SH.select) is not None
               for target in shapes.objects(None, SH.target))


def _used_by_other_shapes(shapes: Graph) -> set:
    used = {o for p in _SHAPE_VALUES for o in shapes.objects(None, p)}
    for p in _SHAPE_LISTS:
        for head in shapes.objects(None, p):
            used.update(shapes.items(head))
    return used


class ShaclEngine:
    """Validates data graphs against one shapes graph (see the module docstring)."""

    def __init__(self, shapes: Graph) -> None:
        from pyshacl.shape import Shape
        from pyshacl.shapes_graph import ShapesGraph

        used = _used_by_other_shapes(shapes)
        detached = {}  # node shape -> its property shape nodes, run by `run` over all focus nodes
        for node, prop in shapes.subject_objects(SH.property):
            if node not in used and shapes.value(node, SH.path) is None:
                detached.setdefault(node, []).append(prop)
        own = Graph()  # the shapes without the detached sh:property links; same nodes
        for prefix, namespace in shapes.namespaces():
            own.bind(prefix, namespace, override=True)
        for triple in shapes:
            if not (triple[1] == SH.property and triple[0] in detached):
                own.add(triple)
        self.shapes_graph = ShapesGraph(own)
        self.shapes = list(self.shapes_graph.shapes)  # harvested once
        harvested = {s.node: s for s in self.shapes}
        self.properties = {
            node: [harvested.get(p) or Shape(self.shapes_graph, p, p=True, path=own.value(p, SH.path))
                   for p in sorted(props, key=str)]
            for node, props in detached.items()}
        self.sparql_targets = {}  # shape node -> target SELECT texts, with their prefixes
        for shape in self.shapes:
            queries = [t["qh"].apply_prefixes(t["qh"].select_text)
                       for t in shape.advanced_target().values() if "qh" in t]
            if queries:
                self.sparql_targets[shape.node] = queries

    def run(self, data: Graph, target_query: TargetQuery | None = None) -> tuple[bool, Graph]:
        """Validate `data`; `target_query` evaluates a SPARQL target's SELECT over the same data
        (without one, or where it returns None, rdflib evaluates it, as pyshacl does).

        Returns pyshacl's ``(conforms, report graph)`` with results as `pyshacl.validate`
        reports them (sh:conforms false for any result, whatever its severity).
        """
        from pyshacl.graph_abstraction import DataGraph
        from pyshacl.pytypes import SHACLExecutor
        from pyshacl.validator import Validator

        graph = DataGraph.from_rdflib(data)
        target_query = target_query or (lambda _text: None)
        executor = SHACLExecutor(advanced_mode=True, allow_warnings=True)
        reports: list = []
        for shape in self.shapes:
            focus = set(shape.focus_nodes(graph))  # sh:targetClass, sh:targetNode, ...
            for query in self.sparql_targets.get(shape.node, ()):
                found = target_query(query)
                if found is None:  # as pyshacl runs a SPARQL target
                    found = (row["this"] for row in graph.query(query, initBindings=None))
                focus.update(found)
            if not focus or shape.deactivated:
                continue
            focus_list = sorted(focus, key=_sort_key)
            reports += shape.validate(executor, graph, focus=focus_list)[1]
            for prop in self.properties.get(shape.node, ()):
                reports += prop.validate(executor, graph, focus=focus_list)[1]
        report, _text = Validator.create_validation_report(self.shapes_graph, not reports, reports)
        return not reports, report


def _sort_key(term) -> tuple[int, str]:
    order = 0 if isinstance(term, URIRef) else 1 if isinstance(term, BNode) else 2
    return order, str(term) if not isinstance(term, Literal) else term.n3()
