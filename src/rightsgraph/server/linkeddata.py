"""Dereferenceable IRIs: 303s by Accept, RDF documents, the ontology, VoID/DCAT, validation."""

from __future__ import annotations

import contextlib
import io
import logging
import re
from functools import lru_cache

from pyoxigraph import DefaultGraph, Quad, RdfFormat, Store, parse
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, VOID, XSD
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ..errors import OntologyError
from ..iris import GRAPH_BASE, ONTOLOGY_GRAPH, ONTOLOGY_NS, VOID_GRAPH
from ..serialize import prefixes
from ..validate import published_verdict
from .conneg import DOCUMENT_CHOICES, HTML, RDF_CHOICES, Choice, by_name, etag, etag_matches, negotiate
from .sparql import text

RDF_BY_EXT = {c.name: c for c in RDF_CHOICES}
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
SCHEMA = Namespace("https://schema.org/")


def choose(request: Request, choices: tuple[Choice, ...] = DOCUMENT_CHOICES) -> Choice | None:
    wanted = request.query_params.get("format")
    if wanted:
        return by_name(wanted, choices)
    return negotiate(request.headers.get("accept"), choices)


def not_acceptable() -> Response:
    return text("not acceptable; ask for text/html, text/turtle, application/ld+json, "
                "application/n-triples or application/rdf+xml (or add ?format=)", 406)


def cached(request: Request, body: bytes, media_type: str, *, vary: bool = True) -> Response:
    """A representation with an ETag; 304 when the client already holds it."""
    tag = etag(body)
    headers = {"ETag": tag, "Cache-Control": "no-cache"}
    if vary:
        headers["Vary"] = "Accept"
    if etag_matches(request.headers.get("if-none-match"), tag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


def rdf_bytes(ntriples: bytes, choice: Choice) -> bytes:
    store = Store()
    store.extend(Quad(t.subject, t.predicate, t.object, DefaultGraph())
                 for t in parse(ntriples, format=RdfFormat.N_TRIPLES))
    kwargs = {"prefixes": prefixes()} if choice.rdf in (RdfFormat.TURTLE, RdfFormat.RDF_XML,
                                                        RdfFormat.JSON_LD) else {}
    return store.dump(format=choice.rdf, from_graph=DefaultGraph(), **kwargs)


def media(choice: Choice) -> str:
    return choice.media_type + ("; charset=utf-8" if choice.name in ("ttl", "nt", "html") else "")


async def resource(request: Request) -> Response:
    """``/id/{path}``: 303 to the HTML page or the RDF document the client asked for."""
    app = request.app.state.rg
    path = request.path_params["path"]
    choice = choose(request)
    if choice is None:
        return not_acceptable()
    if path == "dataset" and not app.reader.exists(app.iri(path)):
        return RedirectResponse("/dataset", status_code=303, headers={"Vary": "Accept"})
    if not app.safe(path) or not app.reader.exists(app.iri(path)):
        return text(f"no resource <{app.iri(path)}> here", 404, Vary="Accept")
    target = f"/doc/{path}" if choice is HTML else f"/data/{path}.{choice.name}"
    return RedirectResponse(target, status_code=303, headers={"Vary": "Accept"})


async def document(request: Request) -> Response:
    """``/data/{path}.{ttl|jsonld|nt|rdf}``: the resource's description as RDF."""
    app = request.app.state.rg
    raw = request.path_params["path"]
    m = re.fullmatch(r"(.+)\.(ttl|jsonld|nt|rdf)", raw)
    if not m or not app.safe(m.group(1)):
        return text("ask for /data/{path}.ttl, .jsonld, .nt or .rdf", 404)
    iri = app.iri(m.group(1))
    if not app.reader.exists(iri):
        return text(f"no resource <{iri}> here", 404)
    choice = RDF_BY_EXT[m.group(2)]
    return cached(request, rdf_bytes(app.reader.describe(iri), choice), media(choice), vary=False)


# ---- the ontology --------------------------------------------------------------------------

def ontology_ntriples(app) -> bytes:
    if ONTOLOGY_GRAPH in app.sizes():
        return app.store.dump(RdfFormat.N_TRIPLES, graph=ONTOLOGY_GRAPH)
    from ..resources import ontology_files

    path = ontology_files()[0]
    if not path.exists():
        raise OntologyError(f"{path}: no ontology")
    store = Store()
    store.load(path=str(path), format=RdfFormat.TURTLE)
    return store.dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph())


@lru_cache(maxsize=4)
def ontology_html(ntriples: bytes) -> bytes:
    """pyLODE's page for the ontology, with its logging set-up and prints contained."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from pylode import OntPub
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    g = Graph().parse(data=ntriples, format="nt")
    g.bind("rg", Namespace(ONTOLOGY_NS))
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            html = OntPub(ontology=g).make_html()
        except Exception as exc:  # pyLODE reports ontology defects as plain exceptions
            raise OntologyError(f"pyLODE could not document the ontology: {exc}") from None
    # pages load nothing from elsewhere: drop remote stylesheets and scripts pyLODE may link
    html = re.sub(r'<link[^>]+href="https?://[^"]*"[^>]*>', "", html)
    html = re.sub(r'<script[^>]+src="https?://[^"]*"[^>]*>\s*</script>', "", html)
    html = html.replace("</head>", '<link rel="stylesheet" href="/static/ontology.css"></head>', 1)
    return html.encode()


async def ontology(request: Request) -> Response:
    app = request.app.state.rg
    choice = choose(request)
    if choice is None:
        return not_acceptable()
    nt = ontology_ntriples(app)
    if choice is HTML:
        body = ontology_html(nt)
        return cached(request, body, media(HTML))
    return cached(request, rdf_bytes(nt, choice), media(choice))


# ---- VoID / DCAT ---------------------------------------------------------------------------

def dataset_graph(app, root: str) -> Graph:
    """VoID + DCAT description: the store's graph/void when published, with live counts."""
    g = Graph()
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF)):
        g.bind(prefix, ns)
    sizes = app.sizes()
    if VOID_GRAPH in sizes:
        g.parse(data=app.store.dump(RdfFormat.N_TRIPLES, graph=VOID_GRAPH), format="nt")
    dataset = next((d for d in g.subjects(RDF.type, VOID.Dataset) if (None, VOID.subset, d) not in g),
                   None) or URIRef(app.iri("dataset"))  # the top dataset, not one of its subsets
    g.remove((dataset, VOID.triples, None))  # the live count below replaces the published one
    sparql, service = URIRef(root + "sparql"), URIRef(root + "sparql#service")
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, RDF.type, DCAT.Dataset))
    if not g.value(dataset, DCTERMS.title):
        g.add((dataset, DCTERMS.title, Literal("RightsGraph", lang="en")))
        g.add((dataset, DCTERMS.description, Literal(
            "Actors, violations and commitments extracted from UN human-rights reports, each "
            "fact linked to the paragraph and words that state it.", lang="en")))
    if not g.value(dataset, DCTERMS.license):
        g.add((dataset, DCTERMS.license, URIRef(LICENSE)))
    g.add((dataset, VOID.sparqlEndpoint, sparql))
    g.add((dataset, VOID.uriSpace, Literal(app.base)))
    g.add((dataset, VOID.triples, Literal(sum(sizes.values()), datatype=XSD.integer)))
    g.add((dataset, DCAT.landingPage, URIRef(root)))
    g.add((dataset, FOAF.homepage, URIRef(root)))
    for ns in (ONTOLOGY_NS, str(DCTERMS), "http://www.w3.org/ns/prov#",
               "http://www.w3.org/2004/02/skos/core#"):
        g.add((dataset, VOID.vocabulary, URIRef(ns)))
    served_dump = URIRef(root + "dump/rightsgraph.ttl")  # this server's copy of the dump
    g.add((dataset, VOID.dataDump, served_dump))
    g.add((dataset, DCAT.distribution, service))
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCAT.endpointURL, sparql))
    g.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    g.add((service, DCAT.servesDataset, dataset))
    for name, n in sorted(sizes.items()):
        if not name.startswith(GRAPH_BASE):
            continue
        sub = URIRef(name)
        g.add((dataset, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, VOID.triples, Literal(n, datatype=XSD.integer)))
    for report in app.reader.select("SELECT ?r WHERE { GRAPH ?g { ?r a rg:Report } } ORDER BY ?r"):
        g.add((dataset, VOID.exampleResource, URIRef(report["r"])))
    return g


async def dataset(request: Request) -> Response:
    app = request.app.state.rg
    choice = choose(request)
    if choice is None:
        return not_acceptable()
    g = dataset_graph(app, str(request.base_url))
    if choice is HTML:
        return app.render(request, "dataset.html", dataset_page(app, g))
    fmt = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "rdf": "xml"}[choice.name]
    return cached(request, g.serialize(format=fmt, encoding="utf-8"), media(choice))


def dataset_page(app, g: Graph) -> dict:
    """The dataset description as the HTML page shows it: plain values, graphs by size."""
    dataset = next((d for d in g.subjects(RDF.type, VOID.Dataset) if (None, VOID.subset, d) not in g),
                   None)

    def one(prop):
        value = g.value(dataset, prop) if dataset is not None else None
        return str(value) if value is not None else None

    subsets = sorted(((str(sub), int(g.value(sub, VOID.triples) or 0))
                      for sub in g.objects(dataset, VOID.subset)), key=lambda x: x[0])
    return {"title": one(DCTERMS.title), "description": one(DCTERMS.description),
            "license": one(DCTERMS.license), "triples": one(VOID.triples),
            "endpoint": one(VOID.sparqlEndpoint),
            "dumps": sorted(str(d) for d in g.objects(dataset, VOID.dataDump)),
            "subsets": subsets, "examples": sorted(str(e) for e in g.objects(dataset, VOID.exampleResource))}


DUMP_MEDIA = {"rightsgraph.ttl": (RdfFormat.TURTLE, "text/turtle; charset=utf-8")}
_DUMPS: dict[tuple[int, str], str] = {}  # (id of the served store, name) -> its dump file


def dump_file(app, name: str):
    """The Turtle dump the VoID description names (``dump/rightsgraph.ttl``): the RDF merge of
    every graph, written as `rightsgraph export` (and `build`, into build/rightsgraph.ttl)
    writes it, byte for byte; made once per served store (which cannot change while served) in
    a temporary file."""
    import tempfile
    from pathlib import Path

    from ..export import write_export

    held = _DUMPS.get((id(app.store), name))
    if held is not None and Path(held).exists():
        return Path(held)
    fmt = DUMP_MEDIA[name][0]
    fd, path = tempfile.mkstemp(prefix="rightsgraph-dump-", suffix="-" + name)
    with open(fd, "wb") as out:
        write_export(app.store, fmt, out, base=app.config.base)
    _DUMPS[(id(app.store), name)] = path
    return Path(path)


async def dump(request: Request) -> Response:
    from starlette.responses import FileResponse

    app = request.app.state.rg
    name = request.path_params["name"]
    if name not in DUMP_MEDIA:
        return text(f"no dump {name!r}; the dump is /dump/rightsgraph.ttl", 404)
    return FileResponse(dump_file(app, name), media_type=DUMP_MEDIA[name][1],
                        headers={"Cache-Control": "no-cache"})


# ---- validation ----------------------------------------------------------------------------

async def validation(request: Request) -> Response:
    app = request.app.state.rg
    choice = choose(request)
    if choice is None:
        return not_acceptable()
    graphs = [g for g in app.sizes() if g.startswith(GRAPH_BASE + "validation/")]
    if choice is not HTML:
        nt = b"".join(app.store.dump(RdfFormat.N_TRIPLES, graph=g) for g in graphs)
        return cached(request, rdf_bytes(nt, choice), media(choice))
    reports = []
    for g in graphs:
        rows = app.reader.select(f"""PREFIX sh: <http://www.w3.org/ns/shacl#>
          SELECT ?conforms ?sev ?focus ?path ?msg WHERE {{ GRAPH <{g}> {{ ?r sh:conforms ?conforms .
          OPTIONAL {{ ?r sh:result ?res . ?res sh:resultSeverity ?sev ; sh:focusNode ?focus .
            OPTIONAL {{ ?res sh:resultPath ?path }} OPTIONAL {{ ?res sh:resultMessage ?msg }} }} }} }}
          ORDER BY ?sev ?focus""")
        results = [r for r in rows if r["sev"]]
        violations = sum(1 for r in results if r["sev"].endswith("#Violation"))
        reports.append({"graph": g, "report": g.rsplit("/", 1)[-1], "results": results,
                        "conforms": not violations,
                        "verdict": published_verdict(violations, len(results) - violations)})
    return app.render(request, "validation.html", {"reports": reports})
