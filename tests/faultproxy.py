"""A small HTTP proxy on loopback that forwards to a real SPARQL server and injects faults.

Rules match requests (method, path, body) and act: drop the connection before forwarding,
forward and then drop (the server did the work, the client never hears), answer 500 / 503 /
429 with Retry-After, hang, mark the answer partial (206, X-SQL-State), or cap JSON result
rows silently. It can also demand basic or bearer credentials. Every request is counted.
"""

from __future__ import annotations

import base64
import http.client
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Rule:
    action: str  # drop | forward-then-drop | 500 | 503 | 429 | hang | 206 | sql-state | cap | 404
    path: str = ""  # the request path starts with this
    body: bytes = b""  # the request body contains this
    skip: int = 0  # let this many matching requests through first
    times: int = 1  # then act this many times
    arg: float = 1  # Retry-After seconds, hang seconds, or row cap
    seen: int = 0

    def fires(self, path: str, body: bytes) -> bool:
        if not path.startswith(self.path) or self.body not in body:
            return False
        self.seen += 1
        return self.skip < self.seen <= self.skip + self.times


@dataclass
class FaultProxy:
    upstream: str  # http://127.0.0.1:PORT
    rules: list[Rule] = field(default_factory=list)
    basic: tuple[str, str] | None = None
    hide_server: bool = False  # answer as an unknown engine (no upstream Server header)
    token: str | None = None
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # (method, path, outcome)
    updates: list[bytes] = field(default_factory=list)  # bodies of SPARQL Update requests
    url: str = ""

    def start(self) -> FaultProxy:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def version_string(self):
                return getattr(self, "upstream_server", "") or "FaultProxy"

            def do_GET(self):
                proxy._handle(self)

            def do_POST(self):
                proxy._handle(self)

            def do_PUT(self):
                proxy._handle(self)

            def do_DELETE(self):
                proxy._handle(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def count(self, outcome: str | None = None, path: str = "") -> int:
        return sum(1 for _, p, o in self.requests
                   if (outcome is None or o == outcome) and p.startswith(path))

    # ------------------------------------------------------------------------------------

    def _authorised(self, handler) -> bool:
        header = handler.headers.get("Authorization", "")
        if self.token is not None:
            return header == f"Bearer {self.token}"
        if self.basic is not None:
            expected = base64.b64encode(f"{self.basic[0]}:{self.basic[1]}".encode()).decode()
            return header == f"Basic {expected}"
        return True

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        path = h.path
        if not self._authorised(h):
            self.requests.append((h.command, path, "401"))
            realm = 'Bearer realm="test"' if self.token is not None else 'Basic realm="test"'
            self._reply(h, 401, b"authentication required", {"WWW-Authenticate": realm})
            return
        if "sparql-update" in h.headers.get("Content-Type", ""):
            self.updates.append(body)
        rule = next((r for r in self.rules if r.fires(urlsplit(path).path, body)), None)
        action = rule.action if rule else "forward"
        self.requests.append((h.command, path, action))
        if action == "drop":
            self._drop(h)
            return
        if action in ("500", "503", "429", "404"):
            headers = {"Retry-After": str(int(rule.arg))} if action in ("429", "503") else {}
            self._reply(h, int(action), f"injected {action}".encode(), headers)
            return
        if action == "hang":
            time.sleep(rule.arg)
            self._drop(h)
            return
        status, headers, data = self._forward(h, body)
        server = headers.pop("Server", "") or headers.pop("server", "")
        h.upstream_server = "" if self.hide_server else server
        if action == "forward-then-drop":
            self._drop(h)
            return
        if action == "206":
            status = 206
        elif action == "sql-state":
            headers["X-SQL-State"] = "S1TAT"
        elif action == "cap" and any("json" in v for k, v in headers.items()
                                     if k.lower() == "content-type"):
            doc = json.loads(data)
            doc["results"]["bindings"] = doc["results"]["bindings"][: int(rule.arg)]
            data = json.dumps(doc).encode()
        self._reply(h, status, data, headers)

    def _forward(self, h, body: bytes) -> tuple[int, dict[str, str], bytes]:
        up = urlsplit(self.upstream)
        conn = http.client.HTTPConnection(up.hostname, up.port, timeout=60)
        headers = {k: v for k, v in h.headers.items()
                   if k.lower() not in ("host", "authorization", "connection", "content-length")}
        conn.request(h.command, h.path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        out = {k: v for k, v in resp.getheaders()
               if k.lower() not in ("transfer-encoding", "connection", "content-length")}
        conn.close()
        return resp.status, out, data

    @staticmethod
    def _reply(h, status: int, data: bytes, headers: dict[str, str]) -> None:
        h.send_response(status)
        for k, v in headers.items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(data)))
        h.send_header("Connection", "close")
        h.end_headers()
        h.wfile.write(data)
        h.close_connection = True

    @staticmethod
    def _drop(h) -> None:
        h.close_connection = True
        try:
            h.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
