"""Security headers on every response of the server, error pages included.

The pages load nothing from elsewhere: scripts, styles, images, fonts and fetches come from the
server's own origin, no page may be framed, and nothing is sniffed or leaked in a Referer.
"""

from __future__ import annotations

import re

from ..errors import UsageError

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",  # the query editor (YASGUI) sets inline styles; no remote CSS
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)


class SecurityHeaders:
    """ASGI middleware adding `HEADERS` to every HTTP response (replacing any of the same name)."""

    def __init__(self, app, *, cors: bool = False):
        self.app = app
        # with --cors, other origins may read the data: keep their fetches possible
        self.headers = tuple(h for h in HEADERS if not (cors and h[0] == b"cross-origin-resource-policy"))
        self.names = {name for name, _ in self.headers}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in self.names]
                message = {**message, "headers": kept + list(self.headers)}
            await send(message)

        await self.app(scope, receive, send_with_headers)


# ---- what a public query may ask for -------------------------------------------------------
#
# The engine would follow SERVICE to any address (a server-side request forgery), so a query
# that names it is refused before it is evaluated. The check reads the query as the SPARQL
# grammar tokenises it: strings, IRIs and comments are set aside exactly (a SERVICE written
# inside them is text), variables and the local part of prefixed names are names; every other
# spelling of the word in any letter case is the keyword and refused. It reads the text twice,
# as written (Oxigraph keeps \u escapes only inside strings and IRIs) and with every \uHHHH and
# \UHHHHHHHH decoded first (as the SPARQL grammar says, and as other engines behind --endpoint
# do), and refuses when either reading finds the keyword. The worker processes also run without
# a network where the kernel allows it (runner.py): the check is the first wall, not the only.

_STRING = re.compile(r"""'''(?:'{0,2}(?:[^'\\]|\\.))*'''|\"\"\"(?:"{0,2}(?:[^"\\]|\\.))*\"\"\""""
                     r"""|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*\"""", re.S)
_IRI = re.compile(r"<(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>")
_COMMENT = re.compile(r"#[^\n\r]*")
_VARIABLE = re.compile(r"[?$][\w\u00B7\u0300-\u036F\u203F\u2040]+")
# the part after ':' of a prefixed name (no '.', so "ex:a.SERVICE" still shows the word)
_LOCAL = re.compile(r":(?:[\w\-:\u00B7\u0300-\u036F\u203F\u2040]|%[0-9A-Fa-f]{2}"
                    r"|\\[_~.\-!$&'()*+,;=/?#@%])+")
_LANGUAGE = re.compile(r"@[A-Za-z]+(?:-[A-Za-z0-9]+)*")
# one left-to-right scan: each alternative starts with its own character, so at any position
# at most one can match, and text the scan steps over is code
_NOT_CODE = re.compile("|".join(f"(?:{p.pattern})" for p in (_STRING, _IRI, _COMMENT, _VARIABLE,
                                                               _LOCAL, _LANGUAGE)), re.S)
_UNESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_FORBIDDEN = re.compile(r"service", re.I)
OPENING, CLOSING = "{([", "})]"
_BRACKETS = re.compile(r"[{}()\[\]]")


class QueryRefused(UsageError):
    """A query asks for something a public endpoint does not do (SERVICE, deep nesting)."""


def code_of(query: str) -> str:
    """The query with strings, IRIs, comments, variables and local names blanked out: what
    is left is keywords, punctuation, prefixes and numbers, where SERVICE would be."""
    return _NOT_CODE.sub(" ", query)


def _decoded(query: str) -> str:
    def char(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group(0)

    return _UNESCAPE.sub(char, query)


def _depth(code: str) -> int:
    depth = deepest = 0
    for c in _BRACKETS.findall(code):
        if c in OPENING:
            depth += 1
            deepest = max(deepest, depth)
        elif c in CLOSING:
            depth = max(0, depth - 1)
    return deepest


def check_query(query: str, *, max_depth: int) -> None:
    """Refuse (`QueryRefused`) a query that names SERVICE in any spelling, or nests groups,
    brackets and parentheses deeper than `max_depth`, before any engine sees it."""
    for reading in {query, _decoded(query)}:
        code = code_of(reading)
        if _FORBIDDEN.search(code):
            raise QueryRefused("SERVICE is not allowed here: this endpoint answers from its own "
                               "store only and never queries other addresses")
        depth = _depth(code)
        if depth > max_depth:
            raise QueryRefused(f"query nested {depth} levels deep; this endpoint allows "
                               f"{max_depth} (groups, brackets and parentheses)")
