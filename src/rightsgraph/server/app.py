"""The Starlette application: linked-data pages, the SPARQL endpoint, the query editor."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import RightsGraphError
from ..iris import ONTOLOGY_NS, base_iri
from ..querylib import library
from ..store.base import GraphStore
from . import linkeddata, review, sparql
from .admission import Busy, Gate, complete
from .conneg import etag, etag_matches
from .data import Reader, humanize, local_name
from .highlight import kind_class
from .pages import Pages, page_kind, reader_language
from .runner import Limits, QueryRunner
from .security import SecurityHeaders

HERE = Path(__file__).parent
YASGUI_FILES = ("yasgui.min.js", "yasgui.min.css")
_SAFE_PATH = re.compile(r"^[A-Za-z0-9._~/-]+$")


def default_yasgui_dir() -> Path:
    from ..resources import yasgui_dir

    return yasgui_dir()


@dataclass
class ServerConfig:
    """How `rightsgraph serve` behaves; every limit is configurable."""

    base: str | None = None
    timeout: float = 30.0
    max_rows: int = 10_000
    max_request_bytes: int = 1_000_000
    max_depth: int = 32  # groups, brackets and parentheses inside one another in a query
    cors: bool = False
    yasgui_dir: Path | None = None
    workers: int = 2  # SPARQL worker processes: queries answered at once
    queue: int = 32  # SPARQL requests waiting for a worker, beyond which 503
    page_threads: int = 4  # pages rendered at once, in threads of their own (never SPARQL's)
    page_queue: int = 256  # page requests waiting for a page thread, beyond which 503
    max_connections: int = 1024  # open connections and requests, beyond which uvicorn says 503
    extra: dict = field(default_factory=dict)


class ServerApp:
    """What every handler needs: the store, its reader, the query runner, templates."""

    def __init__(self, store: GraphStore, runner: QueryRunner, config: ServerConfig):
        self.store, self.runner, self.config = store, runner, config
        # separate capacity: pages never wait behind SPARQL, and neither waits past its limit
        self.queries = Gate("query", config.workers, config.queue)
        self.page_gate = Gate("page", config.page_threads, config.page_queue)
        self.base = base_iri(config.base)
        self.reader = Reader(store)
        self.pages = Pages(self.reader, self.href)
        self.env = Environment(loader=FileSystemLoader(HERE / "templates"),
                               autoescape=select_autoescape(["html"]))
        self.env.filters["href"] = self.href
        self.env.filters["local"] = local_name
        self.env.filters["humanize"] = humanize
        self.env.filters["kindcss"] = kind_class
        self._sizes: tuple[float, dict[str, int]] | None = None

    def iri(self, path: str) -> str:
        return self.base + path

    def safe(self, path: str) -> bool:
        return bool(_SAFE_PATH.match(path)) and ".." not in path

    def href(self, iri: str | None) -> str:
        """Where a link to `iri` goes on this server (outside IRIs stay as they are)."""
        if not iri:
            return "#"
        if iri.startswith(self.base):
            return "/doc/" + iri[len(self.base):]
        if iri.startswith(ONTOLOGY_NS):
            return "/ontology#" + iri[len(ONTOLOGY_NS):]
        # a published graph may hold any IRI: only web links leave the site (no javascript:)
        return iri if iri.lower().startswith(("http://", "https://")) else "#"

    def sizes(self) -> dict[str, int]:
        """Triples per named graph, remembered for a few seconds."""
        now = time.monotonic()
        if self._sizes is None or now - self._sizes[0] > 10:
            self._sizes = (now, self.store.graph_sizes())
        return self._sizes[1]

    def render(self, request: Request, name: str, context: dict, status: int = 200) -> Response:
        html = self.env.get_template(name).render(request=request, **context).encode()
        if status != 200:
            return HTMLResponse(html, status_code=status)
        tag = etag(html)
        headers = {"ETag": tag, "Cache-Control": "no-cache", "Vary": "Accept, Accept-Language"}
        if etag_matches(request.headers.get("if-none-match"), tag):
            return Response(status_code=304, headers=headers)
        return HTMLResponse(html, headers=headers)


# ---- handlers ------------------------------------------------------------------------------

async def index(request: Request) -> Response:
    app: ServerApp = request.app.state.rg
    reports = app.reader.select("""SELECT ?r ?l ?id ?date (COUNT(DISTINCT ?p) AS ?paragraphs)
      WHERE { GRAPH ?g { ?r a rg:Report . OPTIONAL { ?r rdfs:label ?l } OPTIONAL { ?r dcterms:identifier ?id }
      OPTIONAL { ?r dcterms:issued ?date } OPTIONAL { ?p rg:inReport ?r ; a rg:Paragraph } } }
      GROUP BY ?r ?l ?id ?date ORDER BY ?r""")
    return app.render(request, "index.html", {"reports": reports, "sizes": app.sizes(),
                                              "queries": library()})


async def doc(request: Request) -> Response:
    app: ServerApp = request.app.state.rg
    path = request.path_params["path"]
    iri = app.iri(path)
    if not app.safe(path) or not app.reader.exists(iri):
        return app.render(request, "error.html", {"title": "Not found",
                                                  "message": f"No resource <{iri}> here."}, 404)
    kind = page_kind(path, app.reader.types(iri))
    context = getattr(app.pages.speaking(language_of(request)), kind)(iri)
    context.update(path=path, page=kind)
    return app.render(request, f"{kind}.html", context)


def language_of(request: Request) -> str:
    """The reader's language: ?lang=, else Accept-Language, else English."""
    return reader_language(request.headers.get("accept-language"), request.query_params.get("lang"))


async def browse(request: Request) -> Response:
    app: ServerApp = request.app.state.rg
    context = app.pages.speaking(language_of(request)).browse(request.path_params["kind"])
    if context is None:
        return app.render(request, "error.html", {"title": "Not found",
                                                  "message": "Browse states, bodies, violation-types "
                                                  "or themes."}, 404)
    return app.render(request, "browse.html", context)


async def search(request: Request) -> Response:
    app: ServerApp = request.app.state.rg
    q = request.query_params.get("q", "").strip()[:200]
    paragraphs, resources = app.reader.search(q) if len(q) >= 2 else ([], [])
    for p in paragraphs:
        i = p["text"].lower().find(q.lower())
        lo = max(0, i - 80)
        p["before"], p["hit"], p["after"] = (("…" if lo else "") + p["text"][lo:i],
                                             p["text"][i:i + len(q)], p["text"][i + len(q):i + len(q) + 120])
    return app.render(request, "search.html", {"q": q, "paragraphs": paragraphs,
                                               "resources": resources})


async def editor(request: Request) -> Response:
    app: ServerApp = request.app.state.rg
    queries = [{"name": q.name, "title": q.title, "description": q.description, "text": q.text}
               for q in library()]
    installed = all((app.config.yasgui_dir / f).is_file() for f in YASGUI_FILES) \
        if app.config.yasgui_dir else False
    return app.render(request, "editor.html", {"queries": queries, "yasgui": installed,
                                               "queries_json": json.dumps(queries).replace("</", "<\\/")})


async def yasgui_asset(request: Request) -> Response:
    app: ServerApp = request.app.state.rg
    name = request.path_params["name"]
    if name not in YASGUI_FILES or not app.config.yasgui_dir:
        return sparql.text("not found", 404)
    path = app.config.yasgui_dir / name
    if not path.is_file():
        return sparql.text("YASGUI is not installed; run 'make web'", 404)
    return FileResponse(path)


async def id_root(request: Request) -> Response:
    return RedirectResponse("/", status_code=303)


def on_page_thread(handler):
    """`handler` admitted through the page gate and run in a page thread, off the event loop."""
    async def endpoint(request: Request) -> Response:
        app: ServerApp = request.app.state.rg
        try:
            return await app.page_gate.run(time.monotonic() + app.config.timeout, complete,
                                           handler, request)
        except Busy as exc:
            return sparql.busy(exc)

    endpoint.__name__ = handler.__name__
    return endpoint


# ---- errors --------------------------------------------------------------------------------

async def http_error(request: Request, exc: HTTPException) -> Response:
    return sparql.text(exc.detail or "error", exc.status_code)


async def rg_error(request: Request, exc: RightsGraphError) -> Response:
    return sparql.text(str(exc).splitlines()[0] if str(exc) else "error", 500)


async def any_error(request: Request, exc: Exception) -> Response:
    return sparql.text(f"internal error ({type(exc).__name__})", 500)


def create_app(store: GraphStore, runner: QueryRunner | None = None,
               config: ServerConfig | None = None) -> Starlette:
    """The ASGI application over an open store (read-only use only)."""
    from .runner import StoreRunner

    config = config or ServerConfig()
    if config.yasgui_dir is None:
        try:
            config.yasgui_dir = default_yasgui_dir()
        except RightsGraphError:
            config.yasgui_dir = None
    runner = runner or StoreRunner(store, Limits(config.timeout, config.max_rows))
    routes = [
        Route("/", on_page_thread(index)),
        Route("/id/", id_root),
        Route("/id/{path:path}", on_page_thread(linkeddata.resource)),
        Route("/doc/{path:path}", on_page_thread(doc)),
        Route("/data/{path:path}", on_page_thread(linkeddata.document)),
        Route("/ontology", on_page_thread(linkeddata.ontology)),
        Route("/sparql", sparql.endpoint, methods=["GET", "POST"]),
        Route("/editor", editor),
        Route("/search", on_page_thread(search)),
        Route("/browse/{kind}", on_page_thread(browse)),
        Route("/dataset", on_page_thread(linkeddata.dataset)),
        Route("/.well-known/void", on_page_thread(linkeddata.dataset)),
        Route("/validation", on_page_thread(linkeddata.validation)),
        Route("/dump/{name}", on_page_thread(linkeddata.dump)),
        Route("/assets/yasgui/{name}", yasgui_asset),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    routes[-1:-1] = review.review_routes(on_page_thread)  # the review view (writes only with credentials)
    middleware = [Middleware(SecurityHeaders, cors=config.cors)]
    if config.cors:
        middleware.append(Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                                     allow_headers=["Accept", "Content-Type"],
                                     expose_headers=[sparql.TRUNCATED, sparql.MAX_ROWS, "ETag"]))
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={
        HTTPException: http_error, RightsGraphError: rg_error, Exception: any_error})
    app.state.rg = ServerApp(store, runner, config)
    app.state.rg_review = review.Gate.from_environment(config.extra.get("reviews"))
    return app
