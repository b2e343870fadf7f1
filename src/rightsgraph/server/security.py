"""Security headers on every response of the server, error pages included.

The pages load nothing from elsewhere: scripts, styles, images, fonts and fetches come from the
server's own origin, no page may be framed, and nothing is sniffed or leaked in a Referer.
"""

from __future__ import annotations

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
