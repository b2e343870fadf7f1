"""The review view: a fact's or a paragraph's page with accept / reject / correct / add forms.

Reading is open to all; writing a decision (a line in the report's review file, applied at the
next build) needs credentials and a CSRF token:

* ``RIGHTSGRAPH_REVIEW_TOKEN``: a reviewer signs in at ``/review/login`` with their name and
  this token and gets a session cookie (HttpOnly, SameSite=Strict, signed with a key derived
  from the token);
* ``RIGHTSGRAPH_REVIEW_USER_HEADER`` (say ``X-Remote-User``): a reverse proxy that has
  authenticated the reviewer names them in this header; the server must then be reachable
  only through that proxy.

Without a reviews folder (``serve --reviews DIR``) and one of these, every write answers 403:
the public server stays read-only. A write without credentials answers 401, one whose CSRF
token (a hidden field, an HMAC of the reviewer's name) or Origin does not match answers 403.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..errors import RightsGraphError
from ..review.lookup import _PREFIXES, _v, record
from ..review.records import check_reviewer, read_reviews
from ..review.terms import KINDS, PROPERTIES

COOKIE = "rg_review"
TOKEN_VARIABLE = "RIGHTSGRAPH_REVIEW_TOKEN"
HEADER_VARIABLE = "RIGHTSGRAPH_REVIEW_USER_HEADER"
MAX_FORM = 64 * 1024


class Gate:
    """Who may write: the reviewer of a request, its CSRF token, the sign-in."""

    def __init__(self, folder: Path | None, token: str | None, header: str | None):
        self.folder, self.token, self.header = folder, token or None, header or None
        seed = (self.token or secrets.token_hex(32)).encode()
        self.key = hashlib.sha256(b"rightsgraph-review\0" + seed).digest()

    @classmethod
    def from_environment(cls, folder: str | Path | None) -> Gate:
        return cls(Path(folder) if folder else None, os.environ.get(TOKEN_VARIABLE),
                   os.environ.get(HEADER_VARIABLE))

    @property
    def enabled(self) -> bool:
        return self.folder is not None and bool(self.token or self.header)

    def _sign(self, purpose: str, name: str) -> str:
        return hmac.new(self.key, f"{purpose}\0{name}".encode(), hashlib.sha256).hexdigest()[:40]

    def reviewer(self, request: Request) -> str | None:
        if not self.enabled:
            return None
        if self.header:
            name = request.headers.get(self.header, "").strip()
            return name if _slug(name) else None
        if self.token:
            name, _, sig = request.cookies.get(COOKIE, "").partition(".")
            if name and _slug(name) and hmac.compare_digest(sig, self._sign("session", name)):
                return name
        return None

    def session(self, name: str, token: str) -> str | None:
        """The cookie value for a reviewer who gave the right token, else None."""
        if not (self.enabled and self.token and _slug(name)):
            return None
        if not hmac.compare_digest(token.encode(), self.token.encode()):
            return None
        return f"{name}.{self._sign('session', name)}"

    def csrf(self, name: str) -> str:
        return self._sign("csrf", name)


def _slug(name: str) -> bool:
    try:
        check_reviewer(name)
    except RightsGraphError:
        return False
    return True


async def _form(request: Request) -> dict[str, str] | None:
    body = await request.body()
    if len(body) > MAX_FORM:
        return None
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return {k: v[-1] for k, v in fields.items()}


def _same_origin(request: Request) -> bool:
    """False for a request a browser marks as coming from another site. Under the server's
    ``Referrer-Policy: no-referrer`` Chromium sends ``Origin: null`` for its own forms, so
    Sec-Fetch-Site decides when it is there; the CSRF token and the SameSite=Strict cookie
    are the defence either way."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return True
    return urlsplit(origin).netloc == request.headers.get("host", "")


def _gate(request: Request) -> Gate:
    return request.app.state.rg_review


def _message(app, request: Request, status: int, title: str, message: str) -> Response:
    return app.render(request, "error.html", {"title": title, "message": message}, status)


async def login(request: Request) -> Response:
    app, gate = request.app.state.rg, _gate(request)
    nxt = request.query_params.get("next", "/")
    nxt = nxt if nxt.startswith("/review/") else "/"
    if request.method == "GET":
        return app.render(request, "review.html", {"mode": "login", "next": nxt,
                                                   "enabled": gate.enabled and bool(gate.token)})
    if not (gate.enabled and gate.token):
        return _message(app, request, 403, "Reviewing is off", "This server takes no reviews.")
    form = await _form(request) or {}
    cookie = gate.session(form.get("reviewer", "").strip(), form.get("token", ""))
    if cookie is None:
        return _message(app, request, 401, "Not signed in", "Wrong name or token.")
    target = form.get("next", "/")
    response = RedirectResponse(target if target.startswith("/review/") else "/", status_code=303)
    response.set_cookie(COOKIE, cookie, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/")
    return response


def _fact_context(app, iri: str) -> dict | None:
    rows = app.store.query(_PREFIXES + f"""SELECT ?label ?quote ?start ?end ?p ?text ?status
        WHERE {{ GRAPH ?g {{
        <{iri}> prov:wasDerivedFrom ?p ; rg:quote ?quote ; rg:start ?start ; rg:end ?end .
        ?p rg:text ?text .
        OPTIONAL {{ <{iri}> rdfs:label ?label }} OPTIONAL {{ <{iri}> rg:reviewStatus ?status }}
        }} }} LIMIT 1""").rows
    if not rows:
        return None
    label, quote_, start, end, p, text, status = (_v(t) for t in rows[0])
    start, end = int(start), int(end)
    key = iri[len(app.base):]
    return {"label": label or key, "quote": quote_, "before": text[:start], "hit": text[start:end],
            "after": text[end:], "paragraph": p.rsplit("/paragraph/", 1)[-1],
            "paragraph_path": p[len(app.base):],
            "kind": key.split("/")[2], "status": (status or "machine-extracted").rsplit("/", 1)[-1],
            "properties": sorted(n for n, prop in PROPERTIES.items()
                                 if key.split("/")[2] in prop.kinds)}


def _paragraph_context(app, iri: str) -> dict | None:
    rows = app.store.query(_PREFIXES + f"""SELECT ?text WHERE {{ GRAPH ?g {{
        <{iri}> a rg:Paragraph ; rg:text ?text }} }} LIMIT 1""").rows
    if not rows:
        return None
    facts = app.store.query(_PREFIXES + f"""SELECT ?f ?label ?quote ?status WHERE {{ GRAPH ?g {{
        ?f prov:wasDerivedFrom <{iri}> ; rg:quote ?quote ; rg:start ?start .
        OPTIONAL {{ ?f rdfs:label ?label }} OPTIONAL {{ ?f rg:reviewStatus ?status }}
        }} }} ORDER BY ?start ?f""").rows
    return {"paragraph": iri.rsplit("/paragraph/", 1)[-1], "text": _v(rows[0][0]),
            "kinds": list(KINDS),
            "facts": [{"path": _v(f)[len(app.base):], "label": _v(label) or "", "quote": _v(q),
                       "status": (_v(s) or "machine-extracted").rsplit("/", 1)[-1]}
                      for f, label, q, s in facts]}


async def page(request: Request) -> Response:
    app, gate = request.app.state.rg, _gate(request)
    path = request.path_params["path"]
    parts = path.split("/")
    if not app.safe(path) or len(parts) != 4 or parts[0] != "report":
        return _message(app, request, 404, "Not found", "Reviews are of facts and paragraphs.")
    context = (_paragraph_context(app, app.iri(path)) if parts[2] == "paragraph"
               else _fact_context(app, app.iri(path)) if parts[2] in KINDS else None)
    if context is None:
        return _message(app, request, 404, "Not found", f"No fact or paragraph <{app.iri(path)}>.")
    reviewer = gate.reviewer(request)
    recorded = []
    if gate.folder is not None:
        recorded = [r for r in read_reviews(gate.folder, parts[1])
                    if r.fact == path or (parts[2] == "paragraph" and r.decision == "add"
                                          and r.paragraph == parts[3])]
    context.update(mode="paragraph" if parts[2] == "paragraph" else "fact", path=path,
                   report=parts[1], reviewer=reviewer, enabled=gate.enabled,
                   csrf=gate.csrf(reviewer) if reviewer else "", recorded=recorded,
                   login=f"/review/login?next={quote('/review/' + path)}",
                   done=request.query_params.get("recorded", ""))
    return app.render(request, "review.html", context)


async def decide(request: Request) -> Response:
    app, gate = request.app.state.rg, _gate(request)
    path = request.path_params["path"]
    if not gate.enabled:
        return _message(app, request, 403, "Reviewing is off",
                        "This server is read-only: it takes no review decisions.")
    reviewer = gate.reviewer(request)
    if reviewer is None:
        return _message(app, request, 401, "Not signed in", "Sign in to review.")
    form = await _form(request)
    if form is None:
        return _message(app, request, 413, "Too large", "The form is too large.")
    if not _same_origin(request) or not hmac.compare_digest(form.get("csrf", ""), gate.csrf(reviewer)):
        return _message(app, request, 403, "Refused", "The form's CSRF token does not match.")
    parts = path.split("/")
    if not app.safe(path) or len(parts) != 4 or parts[0] != "report":
        return _message(app, request, 404, "Not found", "Reviews are of facts and paragraphs.")
    decision, note = form.get("decision", ""), form.get("note", "")
    try:
        if decision == "add":
            values = tuple((k.strip(), v.strip()) for k, _, v in
                           (line.partition("=") for line in form.get("set", "").splitlines())
                           if k.strip())
            review = record(app.store, gate.folder, "add", reviewer, report=parts[1],
                            kind=form.get("kind", ""), paragraph=parts[3],
                            quote=form.get("quote", ""), values=values, note=note, base=app.base)
        elif decision == "correct":
            review = record(app.store, gate.folder, "correct", reviewer, fact=path,
                            values=((form.get("property", ""), form.get("value", "")),),
                            note=note, base=app.base)
        else:
            review = record(app.store, gate.folder, decision, reviewer, fact=path, note=note,
                            base=app.base)
    except (RightsGraphError, ValueError) as exc:
        return _message(app, request, 400, "Not recorded", str(exc).splitlines()[0])
    return RedirectResponse(f"/review/{path}?recorded={review.id}", status_code=303)


def review_routes(on_page_thread=lambda handler: handler) -> list[Route]:
    """The routes; `on_page_thread` admits the page reads as the server's other pages."""
    return [Route("/review/login", login, methods=["GET", "POST"]),
            Route("/review/{path:path}", on_page_thread(page), methods=["GET"]),
            Route("/review/{path:path}", decide, methods=["POST"])]
