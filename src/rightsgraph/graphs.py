"""Small helpers over rdflib graphs that more than one stage needs."""

from __future__ import annotations

from rdflib import BNode, Graph


def closure(graph: Graph, node) -> list[tuple]:
    """`node`'s triples and, recursively, those of the blank nodes they point to (a node's
    description as a SHACL result or an OWL axiom spells it out)."""
    found: list[tuple] = []
    todo, seen = [node], set()
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        seen.add(n)
        for p, o in graph.predicate_objects(n):
            found.append((n, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    return found
