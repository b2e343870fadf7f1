"""Check the ontology and its SKOS vocabularies.

Two kinds of checks run over the ontology file and every vocabulary file:

* logic: the files are loaded with owlready2 and classified by HermiT (a Java
  program); the check fails when the whole is inconsistent or when a class is
  unsatisfiable (equivalent to owl:Nothing);
* editorial rules: every ``rg:`` term is declared, labelled and defined; every
  SKOS concept sits in exactly one scheme, with one English prefLabel, labels
  in English, French and Spanish and a definition; broader/narrower links
  form no cycle; no two concepts of a scheme share a label.

>>> result = check_ontology()
>>> result.ok, result.problems
(True, ())
"""

from __future__ import annotations

import io
import math
import shutil
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import owlready2
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, Namespace, URIRef

from .errors import OntologyCheckFailed, OntologyError
from .graphs import closure
from .iris import ONTOLOGY_NS
from .resources import ontology_dir

RG = Namespace(ONTOLOGY_NS)
LANGUAGES = ("en", "fr", "es")
MAX_REASONER_RUNS = 60

_DECLARATION_TYPES = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDFS.Datatype,
}
_PROPERTY_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
_Triple = tuple[URIRef | BNode, URIRef, URIRef | BNode | Literal]


@dataclass(frozen=True)
class Problem:
    """One broken rule, naming the culprit (a term, concept, scheme or file)."""

    rule: str
    subject: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.subject}: {self.message}"


@dataclass(frozen=True)
class OntologyCheck:
    """What `check_ontology` found."""

    problems: tuple[Problem, ...]
    files: tuple[Path, ...]
    classes: int = 0
    properties: int = 0
    concepts: dict[str, int] = field(default_factory=dict)
    consistent: bool | None = None
    reasoner_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_for_problems(self) -> None:
        if self.problems:
            lines = "\n".join(str(p) for p in self.problems)
            raise OntologyCheckFailed(f"the ontology check found {len(self.problems)} problem(s):\n{lines}")


def default_ontology() -> Path:
    """The project's ontology file, ``ontology/rightsgraph.ttl``."""
    return ontology_dir() / "rightsgraph.ttl"


def vocabulary_files(ontology: Path) -> list[Path]:
    """The SKOS vocabulary files beside an ontology file (``vocab/*.ttl``)."""
    return sorted((ontology.parent / "vocab").glob("*.ttl"))


def check_ontology(
    ontology: Path | None = None,
    vocabularies: Sequence[Path] | None = None,
    *,
    extra: Sequence[Path] = (),
    java: str | None = None,
) -> OntologyCheck:
    """Check ``ontology`` (default: the project's) with its ``vocabularies`` (default:
    ``vocab/*.ttl`` beside it).

    ``extra`` files are loaded as well (e.g. data to test against the ontology).
    ``java`` is the Java executable HermiT runs with (default: ``java`` on PATH).
    Raises `OntologyError` when Java is missing or HermiT cannot run; rule
    violations are returned as problems, never raised.
    """
    ontology = ontology or default_ontology()
    if vocabularies is None:
        vocabularies = vocabulary_files(ontology)
    files = (ontology, *vocabularies, *extra)
    graphs: dict[Path, Graph] = {}
    problems: list[Problem] = []
    for path in files:
        try:
            graphs[path] = Graph().parse(path, format="turtle")
        except FileNotFoundError:
            problems.append(Problem("file", str(path), "file not found"))
        except Exception as exc:  # rdflib raises many parser-specific exceptions
            problems.append(Problem("syntax", str(path), f"cannot parse: {exc}"))
    if problems:
        return OntologyCheck(problems=tuple(problems), files=files)

    merged = Graph()
    for graph in graphs.values():
        merged += graph

    problems.extend(_term_problems(merged))
    problems.extend(_concept_problems(merged))
    problems.extend(_cycle_problems(merged))
    problems.extend(_clash_problems(merged))

    reasoner = _Reasoner(java)
    started = time.monotonic()
    consistent, unsatisfiable = reasoner.classify(merged)
    seconds = time.monotonic() - started
    if consistent:
        problems.extend(
            Problem("unsatisfiable", iri, "class is unsatisfiable (equivalent to owl:Nothing)")
            for iri in unsatisfiable
        )
    else:
        problems.extend(_explain_inconsistency(reasoner, graphs, ontology))

    return OntologyCheck(
        problems=tuple(problems),
        files=files,
        classes=len(_rg_terms(merged, {OWL.Class})),
        properties=len(_rg_terms(merged, _PROPERTY_TYPES)),
        concepts=_concepts_per_scheme(merged),
        consistent=consistent,
        reasoner_seconds=seconds,
    )


# ---------------------------------------------------------------- reasoning


class _Reasoner:
    """Runs HermiT through owlready2 on rdflib graphs, counting its runs."""

    def __init__(self, java: str | None) -> None:
        self.java = java or owlready2.JAVA_EXE
        if shutil.which(self.java) is None:
            raise OntologyError(
                f"Java is not available ({self.java!r} not found): the HermiT reasoner needs a "
                "Java runtime; install one (e.g. apt-get install default-jre-headless)"
            )
        self.runs = 0

    def classify(self, graph: Graph) -> tuple[bool, list[str]]:
        """(consistent, IRIs of unsatisfiable classes) for ``graph``."""
        self.runs += 1
        data = graph.serialize(format="nt", encoding="utf-8")
        world = owlready2.World()
        previous_java = owlready2.JAVA_EXE
        owlready2.JAVA_EXE = self.java
        try:
            onto = world.get_ontology("https://w3id.org/rightsgraph/check")
            onto.load(fileobj=io.BytesIO(data), format="ntriples")
            owlready2.sync_reasoner_hermit(world, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return False, []
        except owlready2.OwlReadyJavaError as exc:
            raise OntologyError(f"HermiT failed: {exc}") from exc
        finally:
            owlready2.JAVA_EXE = previous_java
        unsatisfiable = sorted(
            cls.iri for cls in world.inconsistent_classes() if cls is not owlready2.Nothing
        )
        world.close()
        return True, unsatisfiable

    def consistent(self, graph: Graph) -> bool:
        return self.classify(graph)[0]


def _explain_inconsistency(
    reasoner: _Reasoner, graphs: dict[Path, Graph], ontology: Path
) -> list[Problem]:
    """Name the statements that make the ontology inconsistent.

    First find the files that break the ontology when added to it one at a time,
    then shrink their subjects (each with its blank-node description) to a small
    set that is still inconsistent, keeping every declaration.
    """
    base = graphs[ontology]
    if reasoner.consistent(base):
        culprits = [p for p, g in graphs.items() if p != ontology and not reasoner.consistent(base + g)]
        if not culprits:
            message = "the files are consistent one by one but inconsistent together"
            return [Problem("consistency", "several files", message)]
        suspects = Graph()
        for path in culprits:
            suspects += graphs[path]
        kept = base
        where = ", ".join(str(p) for p in culprits)
    else:
        suspects, kept, where = base, Graph(), str(ontology)
    declarations, units = _split_units(suspects)
    kept = kept + declarations
    minimal = _shrink(reasoner, kept, units)
    names = ", ".join(sorted(str(subject) for subject, _ in minimal))
    message = f"the ontology is inconsistent; these statements (in {where}) cause it"
    return [Problem("consistency", names, message)]


def _split_units(graph: Graph) -> tuple[Graph, list[tuple[URIRef, list[_Triple]]]]:
    """Declarations, and one unit per named subject with its blank-node closure."""
    declarations = Graph()
    units: list[tuple[URIRef, list[_Triple]]] = []
    for subject in sorted({s for s in graph.subjects() if isinstance(s, URIRef)}):
        triples: list[_Triple] = []
        for p, o in graph.predicate_objects(subject):
            if p == RDF.type and (o in _DECLARATION_TYPES or o == OWL.Ontology):
                declarations.add((subject, p, o))
            else:
                triples.append((subject, p, o))
                if isinstance(o, BNode):
                    triples.extend(closure(graph, o))
        if triples:
            units.append((subject, triples))
    return declarations, units


def _shrink(
    reasoner: _Reasoner, kept: Graph, units: list[tuple[URIRef, list[_Triple]]]
) -> list[tuple[URIRef, list[_Triple]]]:
    """Drop chunks of units while the rest stays inconsistent (ddmin, complements only)."""

    def inconsistent(candidate: list[tuple[URIRef, list[_Triple]]]) -> bool:
        graph = Graph()
        graph += kept
        for _, triples in candidate:
            for triple in triples:
                graph.add(triple)
        return not reasoner.consistent(graph)

    current, parts = list(units), 2
    while len(current) > 1 and reasoner.runs < MAX_REASONER_RUNS:
        size = math.ceil(len(current) / parts)
        for start in range(0, len(current), size):
            candidate = current[:start] + current[start + size :]
            if candidate and inconsistent(candidate):
                current, parts = candidate, max(parts - 1, 2)
                break
        else:
            if parts >= len(current):
                break
            parts = min(len(current), parts * 2)
    return current


# ---------------------------------------------------------------- terms


def _rg_terms(graph: Graph, types: set[URIRef]) -> set[URIRef]:
    return {
        s for t in types for s in graph.subjects(RDF.type, t) if isinstance(s, URIRef) and s.startswith(RG)
    }


def _used_rg_terms(graph: Graph) -> set[URIRef]:
    terms: set[URIRef] = set()
    for triple in graph:
        terms.update(t for t in triple if isinstance(t, URIRef) and t.startswith(RG))
    return terms


def _term_problems(graph: Graph) -> Iterable[Problem]:
    declared = _rg_terms(graph, _DECLARATION_TYPES)
    for term in sorted(_used_rg_terms(graph)):
        if term not in declared:
            message = "used but not declared as a class or property in the ontology"
            yield Problem("declared", str(term), message)
            continue
        if not _has_lang(graph, term, RDFS.label, "en"):
            yield Problem("labelled", str(term), "has no English rdfs:label")
        if not any(graph.objects(term, SKOS.definition)) and not any(graph.objects(term, RDFS.comment)):
            yield Problem("defined", str(term), "has no skos:definition or rdfs:comment")


def _has_lang(graph: Graph, subject: URIRef, predicate: URIRef, lang: str) -> bool:
    return any(isinstance(o, Literal) and o.language == lang for o in graph.objects(subject, predicate))


# ---------------------------------------------------------------- concepts


def _concept_classes(graph: Graph) -> set[URIRef]:
    classes = {SKOS.Concept}
    frontier = [SKOS.Concept]
    while frontier:
        for sub in graph.subjects(RDFS.subClassOf, frontier.pop()):
            if isinstance(sub, URIRef) and sub not in classes:
                classes.add(sub)
                frontier.append(sub)
    return classes


def _concepts(graph: Graph) -> set[URIRef]:
    return {
        s for cls in _concept_classes(graph) for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef)
    }


def _scheme_of(graph: Graph, concept: URIRef) -> URIRef | None:
    schemes = set(graph.objects(concept, SKOS.inScheme))
    return next(iter(schemes)) if len(schemes) == 1 else None


def _concepts_per_scheme(graph: Graph) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for concept in _concepts(graph):
        scheme = _scheme_of(graph, concept)
        if scheme is not None:
            counts[str(scheme)] += 1
    return dict(sorted(counts.items()))


def _concept_problems(graph: Graph) -> Iterable[Problem]:
    concepts = _concepts(graph)
    for concept in sorted(concepts):
        schemes = sorted(str(s) for s in graph.objects(concept, SKOS.inScheme))
        if len(schemes) != 1:
            where = ", ".join(schemes) if schemes else "none"
            yield Problem("one-scheme", str(concept), f"must be in exactly one scheme (is in: {where})")
        elif (URIRef(schemes[0]), RDF.type, SKOS.ConceptScheme) not in graph:
            yield Problem("one-scheme", str(concept), f"its scheme {schemes[0]} is not a skos:ConceptScheme")
        english = [
            o for o in graph.objects(concept, SKOS.prefLabel) if isinstance(o, Literal) and o.language == "en"
        ]
        if len(english) != 1:
            message = f"must have exactly one English prefLabel (has {len(english)})"
            yield Problem("one-prefLabel", str(concept), message)
        missing = [lang for lang in LANGUAGES if not _has_lang(graph, concept, SKOS.prefLabel, lang)]
        if missing:
            yield Problem("languages", str(concept), f"has no prefLabel in: {', '.join(missing)}")
        if not any(graph.objects(concept, SKOS.definition)):
            yield Problem("defined", str(concept), "has no skos:definition")
        for target in graph.objects(concept, SKOS.broader):
            if target not in concepts:
                yield Problem("broader", str(concept), f"broader {target} is not a concept")


def _broader_edges(graph: Graph) -> dict[URIRef, set[URIRef]]:
    edges: dict[URIRef, set[URIRef]] = defaultdict(set)
    for child, parent in graph.subject_objects(SKOS.broader):
        edges[child].add(parent)
    for parent, child in graph.subject_objects(SKOS.narrower):
        edges[child].add(parent)
    return edges


def _cycle_problems(graph: Graph) -> Iterable[Problem]:
    edges = _broader_edges(graph)
    state: dict[URIRef, int] = {}  # 1 = on the current path, 2 = done
    reported: set[frozenset[URIRef]] = set()

    def visit(node: URIRef, path: list[URIRef]) -> Iterable[Problem]:
        state[node] = 1
        path.append(node)
        for parent in sorted(edges.get(node, ())):
            if state.get(parent) == 1:
                cycle = path[path.index(parent) :] + [parent]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    chain = " -> ".join(str(c) for c in cycle)
                    yield Problem("broader-cycle", str(parent), f"skos:broader cycle: {chain}")
            elif parent not in state:
                yield from visit(parent, path)
        path.pop()
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            yield from visit(start, [])


def _clash_problems(graph: Graph) -> Iterable[Problem]:
    """Two concepts of a scheme must not share a prefLabel, nor any label at all."""
    owners: dict[tuple[URIRef, str | None, str], set[tuple[URIRef, URIRef]]] = defaultdict(set)
    for concept in _concepts(graph):
        scheme = _scheme_of(graph, concept)
        if scheme is None:
            continue
        for predicate in (SKOS.prefLabel, SKOS.altLabel):
            for label in graph.objects(concept, predicate):
                if isinstance(label, Literal):
                    key = (scheme, label.language, str(label).casefold().strip())
                    owners[key].add((concept, predicate))
    for (scheme, lang, text), holders in sorted(owners.items(), key=lambda kv: tuple(map(str, kv[0]))):
        concepts = sorted({str(c) for c, _ in holders})
        if len(concepts) < 2:
            continue
        prefs = sorted({str(c) for c, p in holders if p == SKOS.prefLabel})
        rule = "prefLabel-clash" if len(prefs) > 1 else "ambiguous-label"
        yield Problem(rule, ", ".join(concepts), f"share the label {text!r}@{lang} in scheme {scheme}")
