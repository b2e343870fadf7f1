"""The read side of the pages: SPARQL over any `GraphStore`, answers as plain Python data.

Every query names its graphs with ``GRAPH ?g`` so it runs the same on the embedded store and
on a remote endpoint. Values the user typed are bound as RDF terms (``Literal(...).n3()``),
never pasted into query text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import Literal as OxLiteral
from pyoxigraph import NamedNode
from rdflib import Literal, URIRef

from ..iris import ONTOLOGY_NS, is_absolute_iri
from ..store.base import GraphStore

PREFIXES = f"""PREFIX rg: <{ONTOLOGY_NS}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
"""
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS_CONCEPT = "http://www.w3.org/2004/02/skos/core#Concept"
# The labels' three-way path joined to many candidates cost more than reading every label
# (1,000 reports, "detention", 11,057 candidates: 26 s against 14 s without, measured before the
# labels were typed after LIMIT): narrowed only up to this many; not measured again since.
LABEL_CANDIDATES = 1_000
LABELS = ["http://www.w3.org/2000/01/rdf-schema#label",
          "http://www.w3.org/2004/02/skos/core#prefLabel",
          "http://www.w3.org/2004/02/skos/core#altLabel"]
HIDDEN_LINKS = {RDF_TYPE, "http://www.w3.org/ns/prov#wasDerivedFrom",
                "http://www.w3.org/ns/prov#wasGeneratedBy"}


def iri_term(iri: str) -> str:
    """An IRI as a SPARQL term, refusing anything that could break out of ``<...>``."""
    return URIRef(iri).n3() if re.fullmatch(r"[^\s<>\"{}|\\^`]+", iri) else "<urn:invalid>"


def py(term):
    """A pyoxigraph term as plain Python: IRIs and literals as their string value."""
    if term is None:
        return None
    if isinstance(term, OxLiteral):
        dt = term.datatype.value
        if dt.endswith(("#integer", "#int", "#long")):
            try:
                return int(term.value)
            except ValueError:
                return term.value
        return term.value
    return term.value


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def humanize(name: str) -> str:
    """``ViolationReport`` -> ``Violation report``; ``recommendedBy`` -> ``recommended by``.

    >>> humanize("ViolationReport"), humanize("recommendedBy")
    ('Violation report', 'recommended by')
    """
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).split()
    text = " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in words)
    return text[:1].upper() + text[1:] if name[:1].isupper() else text


LABEL_PROPERTIES = "rdfs:label|skos:prefLabel"


def label_rank(lang: str, wanted: str) -> int:
    """How well a label in language `lang` suits a reader of `wanted`: their language first,
    then English, then a label with no language, then any other.

    >>> [label_rank(x, "fr") for x in ("fr", "fr-CH", "en", "", "es")]
    [0, 0, 1, 2, 3]
    """
    primary = lang.lower().split("-", 1)[0]
    if primary == wanted:
        return 0
    if primary == "en":
        return 1
    return 2 if not lang else 3


def pick_label(candidates, wanted: str) -> str | None:
    """The best of (text, language) `candidates` for a reader of `wanted` (never a mix: one
    label, in one language; the shortest of equally good ones, for a stable choice)."""
    ranked = sorted(candidates, key=lambda c: (label_rank(c[1] or "", wanted), len(c[0]), c[0]))
    return ranked[0][0] if ranked else None


@dataclass(frozen=True)
class Fact:
    """An extracted statement with its evidence (any class that has rg:start/rg:end)."""

    iri: str
    kind: str  # local name of its rg: class
    label: str
    paragraph: str
    start: int | None
    end: int | None
    quote: str
    links: tuple[tuple[str, str, str], ...] = ()  # (property local name, iri, label)


@dataclass
class Paragraph:
    iri: str
    number: int
    text: str
    section: str | None
    report: str | None = None
    facts: list[Fact] = field(default_factory=list)
    footnotes: list[dict] = field(default_factory=list)
    mentions: list[tuple[str, str]] = field(default_factory=list)


class Reader:
    """Page-sized questions to the store, labels in the reader's language `lang` (falling back
    to English, then to a label without a language)."""

    def __init__(self, store: GraphStore, lang: str = "en"):
        self.store = store
        self.lang = lang

    def speaking(self, lang: str) -> Reader:
        """The same reader for another language."""
        return self if lang == self.lang else Reader(self.store, lang)

    def labels(self, iris) -> dict[str, str]:
        """The label of each IRI (those that have one) in the reader's language, one query."""
        wanted = sorted({i for i in iris if i and is_absolute_iri(i)})  # blank nodes have none
        if not wanted:
            return {}
        found: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for chunk in (wanted[i:i + 500] for i in range(0, len(wanted), 500)):
            values = " ".join(iri_term(i) for i in chunk)
            result = self.raw_select(f"""SELECT DISTINCT ?s ?l WHERE {{ VALUES ?s {{ {values} }}
              GRAPH ?g {{ ?s {LABEL_PROPERTIES} ?l }} FILTER(isLiteral(?l)) }}""")
            for s, lit in result.rows:
                found[s.value].append((lit.value, getattr(lit, "language", None) or ""))
        return {iri: pick_label(c, self.lang) for iri, c in found.items()}

    def name(self, iri: str, labels: dict[str, str]) -> str:
        """A resource's label from `labels`, else a readable form of its IRI's last segment."""
        return labels.get(iri) or humanize(local_name(iri))

    def _narrowed(self, variable: str, text: str, predicates: list[str], pattern: str, *,
                  limit: int | None = None) -> str | None:
        """`pattern` (which binds `variable`) as the search reads it: as written when the store
        has no text index that can answer; else limited to the subjects whose literals of
        `predicates` contain `text` (a VALUES block in a subquery, which Oxigraph looks up one
        by one); None when the index finds none, so nothing needs to be read."""
        from ..prefilter import MAX_CANDIDATES

        found = self.store.text_candidates(text, predicates, limit=limit or MAX_CANDIDATES)
        if found is None:
            return pattern
        if not found:
            return None
        values = " ".join(iri_term(iri) for iri in found)
        return f"{{ SELECT * WHERE {{ VALUES ?{variable} {{ {values} }} {pattern} }} }}"

    def select(self, body: str) -> list[dict]:
        result = self.store.query(PREFIXES + body)
        return [{v: py(t) for v, t in zip(result.variables, row, strict=True)} for row in result.rows]

    def raw_select(self, body: str):
        return self.store.query(PREFIXES + body)

    def exists(self, iri: str) -> bool:
        t = iri_term(iri)
        return bool(self.store.query(
            f"ASK {{ GRAPH ?g {{ {{ {t} ?p ?o }} UNION {{ ?s ?p {t} }} }} }}").boolean)

    def describe(self, iri: str) -> bytes:
        """The resource's own triples, the triples that point at it, and labels of neighbours."""
        t = iri_term(iri)
        q = PREFIXES + f"""CONSTRUCT {{ {t} ?p ?o . ?o rdfs:label ?ol . ?s ?q {t} . ?s rdfs:label ?sl }}
        WHERE {{ {{ GRAPH ?g {{ {t} ?p ?o }} OPTIONAL {{ GRAPH ?g2 {{ ?o rdfs:label ?ol }} }} }}
          UNION {{ GRAPH ?g {{ ?s ?q {t} }} OPTIONAL {{ GRAPH ?g3 {{ ?s rdfs:label ?sl }} }} }} }}"""
        return self.store.query(q).triples or b""

    def properties(self, iri: str) -> list[dict]:
        """Outgoing (property, value, value label, language, is_iri) in a stable order."""
        t = iri_term(iri)
        result = self.raw_select(f"""SELECT DISTINCT ?p ?o WHERE {{ GRAPH ?g {{ {t} ?p ?o }} }}
          ORDER BY ?p ?o""")
        pairs = list(dict.fromkeys((p, o) for p, o in result.rows))
        labels = self.labels(o.value for _, o in pairs if isinstance(o, NamedNode))
        rows = []
        for p, o in pairs:
            is_iri = isinstance(o, NamedNode)
            rows.append({"p": p.value, "name": humanize(local_name(p.value)),
                         "value": o.value, "is_iri": is_iri,
                         "label": self.name(o.value, labels) if is_iri else o.value,
                         "lang": getattr(o, "language", None)})
        return rows

    def types(self, iri: str) -> list[str]:
        return [r["t"] for r in self.select(
            f"SELECT DISTINCT ?t WHERE {{ GRAPH ?g {{ {iri_term(iri)} a ?t }} }}")]

    def label(self, iri: str) -> str:
        return self.labels([iri]).get(iri) or local_name(iri)

    # ---- facts -----------------------------------------------------------------------------

    def facts(self, where: str) -> list[Fact]:
        """Facts matching a pattern on ?f (and ?para): evidence, kind and outgoing links."""
        rows = self.select(f"""SELECT ?f ?t ?label ?para ?start ?end ?quote WHERE {{
          GRAPH ?g {{ ?f prov:wasDerivedFrom ?para ; rg:quote ?quote ; a ?t .
            OPTIONAL {{ ?f rg:start ?start ; rg:end ?end }} OPTIONAL {{ ?f rdfs:label ?label }} }}
          {where}
          FILTER(STRSTARTS(STR(?t), "{ONTOLOGY_NS}")) }} ORDER BY ?para ?start ?f""")
        if not rows:
            return []
        values = " ".join(iri_term(r["f"]) for r in rows)
        links: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        linked = [r for r in self.select(f"""SELECT DISTINCT ?f ?p ?o WHERE {{ VALUES ?f {{ {values} }}
            GRAPH ?g {{ ?f ?p ?o FILTER(isIRI(?o)) }} }} ORDER BY ?f ?p ?o""") if r["p"] not in HIDDEN_LINKS]
        names = self.labels(r["o"] for r in linked)
        for r in linked:
            item = (local_name(r["p"]), r["o"], names.get(r["o"]) or local_name(r["o"]))
            if all(i[:2] != item[:2] for i in links[r["f"]]):
                links[r["f"]].append(item)
        out, seen = [], set()
        for r in rows:
            if r["f"] in seen:
                continue
            seen.add(r["f"])
            out.append(Fact(r["f"], local_name(r["t"]), r["label"] or local_name(r["f"]), r["para"],
                            r["start"], r["end"], r["quote"], tuple(links.get(r["f"], ()))))
        return out

    def paragraphs(self, where: str) -> list[Paragraph]:
        rows = self.select(f"""SELECT ?p ?n ?text ?section ?report WHERE {{
          GRAPH ?g {{ ?p a rg:Paragraph ; rg:paragraphNumber ?n ; rg:text ?text .
            OPTIONAL {{ ?p rg:inSection ?section }} OPTIONAL {{ ?p rg:inReport ?report }} }}
          {where} }} ORDER BY ?report ?n""")
        return [Paragraph(r["p"], r["n"], r["text"], r["section"], r["report"]) for r in rows]

    def attach(self, paragraphs: list[Paragraph], facts: list[Fact]) -> None:
        """Give each paragraph its facts, the footnotes it cites and the actors it mentions."""
        by_iri = {p.iri: p for p in paragraphs}
        for f in facts:
            if f.paragraph in by_iri:
                by_iri[f.paragraph].facts.append(f)
        if not paragraphs:
            return
        values = " ".join(iri_term(p) for p in by_iri)
        for r in self.select(f"""SELECT ?para ?fn ?n ?text WHERE {{ VALUES ?para {{ {values} }}
            GRAPH ?g {{ ?fn rg:citedIn ?para ; rg:footnoteNumber ?n ; rg:text ?text }} }} ORDER BY ?n"""):
            by_iri[r["para"]].footnotes.append({"iri": r["fn"], "number": r["n"], "text": r["text"]})
        mentioned = self.select(f"""SELECT DISTINCT ?para ?a WHERE {{ VALUES ?para {{ {values} }}
            GRAPH ?g {{ ?a rg:mentionedIn ?para }} }}""")
        names = self.labels(r["a"] for r in mentioned)
        for r in sorted(mentioned, key=lambda r: (self.name(r["a"], names), r["a"])):
            item = (r["a"], names.get(r["a"]) or local_name(r["a"]))
            if item not in by_iri[r["para"]].mentions:
                by_iri[r["para"]].mentions.append(item)

    def pointing_at(self, iri: str) -> list[tuple[str, Fact]]:
        """Facts that name this resource in any property, with that property's local name."""
        t = iri_term(iri)
        rows = self.select(f"""SELECT DISTINCT ?f ?p WHERE {{ GRAPH ?g {{ ?f ?p {t} ; rg:quote ?q }} }}""")
        if not rows:
            return []
        values = " ".join(iri_term(r["f"]) for r in rows)
        facts = {f.iri: f for f in self.facts(f"VALUES ?f {{ {values} }}")}
        return [(local_name(r["p"]), facts[r["f"]]) for r in rows if r["f"] in facts]

    def context(self, facts: list[Fact]) -> dict[str, dict]:
        """Paragraph number, text and report (iri, label) for the paragraphs of `facts`."""
        paras = sorted({f.paragraph for f in facts})
        if not paras:
            return {}
        values = " ".join(iri_term(p) for p in paras)
        out = {}
        rows = self.select(f"""SELECT ?p ?n ?text ?r WHERE {{ VALUES ?p {{ {values} }}
            GRAPH ?g {{ ?p rg:paragraphNumber ?n ; rg:text ?text ; rg:inReport ?r }} }}""")
        names = self.labels(r["r"] for r in rows)
        for r in rows:
            out[r["p"]] = {"number": r["n"], "text": r["text"], "report": r["r"],
                           "report_label": names.get(r["r"]) or local_name(r["r"])}
        return out

    # ---- search -----------------------------------------------------------------------------

    def search(self, text: str, limit: int = 100) -> tuple[list[dict], list[dict]]:
        """Paragraphs and labelled resources whose text contains `text`, case-insensitively.
        The store's text index, when it has one that can answer, names the candidates and the
        FILTER decides: the same rows, without reading every paragraph and label."""
        needle = Literal(text.lower()).n3()
        reading = self._narrowed("p", text, [f"{ONTOLOGY_NS}text"], "GRAPH ?g { ?p rg:text ?text }")
        paras = [] if reading is None else self.select(f"""SELECT ?p ?n ?text ?r ?rl WHERE {{
          {reading}
          FILTER(CONTAINS(LCASE(?text), {needle}))
          GRAPH ?g {{ ?p a rg:Paragraph ; rg:paragraphNumber ?n ; rg:inReport ?r }}
          OPTIONAL {{ GRAPH ?g2 {{ ?r rdfs:label ?rl }} }} }} ORDER BY ?r ?n LIMIT {limit}""")
        reading = self._narrowed("s", text, LABELS,
                                 "GRAPH ?g { ?s rdfs:label|skos:prefLabel|skos:altLabel ?l }",
                                 limit=LABEL_CANDIDATES)
        # the first `limit` labels, then their types (typing every matching label first, before
        # DISTINCT and LIMIT, took 14 s for "detention" at 1,000 reports; this way 2 s)
        labels = [] if reading is None else self.select(f"""SELECT ?s ?l ?t WHERE {{
          {{ SELECT DISTINCT ?s ?l WHERE {{
              {reading}
              FILTER(CONTAINS(LCASE(STR(?l)), {needle}))
              FILTER NOT EXISTS {{ GRAPH ?g4 {{ ?s rg:quote ?q }} }} }}
            ORDER BY STRLEN(?l) ?l LIMIT {limit} }}
          OPTIONAL {{ GRAPH ?g3 {{ ?s a ?t }} }} }}""")
        # one entry per resource: its shortest label, and as its kind the most specific of its
        # types (a concept's own class before skos:Concept), whatever order the rows came in
        found: dict[str, dict] = {}
        kinds: dict[str, set[str]] = defaultdict(set)
        for r in labels:
            held = found.get(r["s"])
            if held is None or (len(r["l"]), r["l"]) < (len(held["label"]), held["label"]):
                found[r["s"]] = {"iri": r["s"], "label": r["l"]}
            if r["t"]:
                kinds[r["s"]].add(r["t"])
        resources = []
        for iri, entry in found.items():
            types = sorted(kinds[iri], key=lambda t: (t == SKOS_CONCEPT, t))
            resources.append({**entry, "kind": humanize(local_name(types[0])) if types else ""})
        # ties of equal labels in a stable order (sorting on IRIs in the query costs seconds)
        resources.sort(key=lambda e: (len(e["label"]), e["label"], e["iri"]))
        return paras, resources
