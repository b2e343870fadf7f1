"""HTTP for SPARQL endpoints: credentials, TLS, bounded retries and one-line errors.

Writes (SPARQL 1.1 Update, Graph Store Protocol) go through `HttpClient` (httpx); reads go
through SPARQLWrapper in `store.reading`. Both take their credentials from `Credentials`,
read once from the environment and never put into a message.
"""

from __future__ import annotations

import email.utils
import os
import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import httpx

from ..errors import StoreError, UsageError

RETRY_STATUSES = (429, 503)
MAX_ATTEMPTS = 5
MAX_WAIT = 30.0  # seconds; a longer Retry-After is not honoured but reported
DEFAULT_TIMEOUT = 60.0
SECONDS_PER_MB = 10.0  # added to a request's timeout per MB it carries or moves


@dataclass(frozen=True, repr=False)
class Credentials:
    """HTTP credentials from RIGHTSGRAPH_USER/RIGHTSGRAPH_PASSWORD or RIGHTSGRAPH_TOKEN."""

    user: str | None = None
    password: str | None = None
    token: str | None = None

    @classmethod
    def from_env(cls) -> Credentials:
        env = os.environ
        return cls(env.get("RIGHTSGRAPH_USER") or None, env.get("RIGHTSGRAPH_PASSWORD") or None,
                   env.get("RIGHTSGRAPH_TOKEN") or None)

    @property
    def basic(self) -> bool:
        return bool(self.user and self.password) and not self.token

    def secrets(self) -> tuple[str, ...]:
        return tuple(s for s in (self.password, self.token) if s)

    def __repr__(self) -> str:  # never show the secrets, even in a debugger or a traceback
        return f"Credentials(user={'set' if self.user else None}, secrets=hidden)"


def public_url(url: str) -> str:
    """The endpoint URL as shown to people: no user info, no query string.

    >>> public_url("https://example.org:8890/sparql?default-graph-uri=x")
    'https://example.org:8890/sparql'
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def check_url(url: str, what: str = "--endpoint") -> str:
    """Refuse URLs we cannot use safely (credentials belong in the environment)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{what} must be an http(s) URL, got {public_url(url) or url!r}")
    if parts.username or parts.password:
        raise UsageError(f"{what} must not hold credentials; set RIGHTSGRAPH_USER and "
                         "RIGHTSGRAPH_PASSWORD (or RIGHTSGRAPH_TOKEN) instead")
    return url


def retry_after(value: str | None, attempt: int) -> float:
    """Seconds to wait before the next try: Retry-After (seconds or HTTP date), else backoff.

    >>> retry_after("2", 0), retry_after(None, 0), retry_after(None, 3)
    (2.0, 0.5, 4.0)
    """
    if value:
        value = value.strip()
        if value.isdigit():
            return float(value)
        when = email.utils.parsedate_to_datetime(value) if _looks_like_date(value) else None
        if when is not None:
            return max(0.0, when.timestamp() - time.time())
    return 0.5 * 2**attempt


def _looks_like_date(value: str) -> bool:
    return bool(re.match(r"^[A-Za-z]{3}, \d", value))


def timeout_seconds() -> float:
    raw = os.environ.get("RIGHTSGRAPH_TIMEOUT")
    try:
        return float(raw) if raw else DEFAULT_TIMEOUT
    except ValueError:
        raise UsageError(f"RIGHTSGRAPH_TIMEOUT must be a number of seconds, got {raw!r}") from None


def scrub(text: str, creds: Credentials) -> str:
    """One line of a server's message, secrets removed, shortened."""
    line = " ".join(text.split())
    for secret in creds.secrets():
        line = line.replace(secret, "***")
    line = re.sub(r"(?i)(authorization|bearer|basic|digest)\s*[:=]?\s*\S+", r"\1 ***", line)
    return line[:200]


class HttpClient:
    """POSTs to an endpoint with auth (basic; digest when challenged; bearer), TLS verification,
    bounded retries on 429/503 honouring Retry-After, and errors as one-line `StoreError`s."""

    def __init__(self, location: str, creds: Credentials | None = None, *,
                 timeout: float | None = None, sleep=time.sleep):
        self.location = location
        self.creds = creds or Credentials.from_env()
        self.digest = False
        self.last_challenge = ""
        self.requests = 0  # how many HTTP requests were sent (retries included)
        self._sleep = sleep
        headers = {"User-Agent": "rightsgraph"}
        if self.creds.token:
            headers["Authorization"] = f"Bearer {self.creds.token}"
        self.timeout = timeout or timeout_seconds()
        self._client = httpx.Client(timeout=self.timeout, verify=True,
                                    headers=headers, follow_redirects=False)

    def _auth(self) -> httpx.Auth | None:
        if not self.creds.basic:
            return None
        if self.digest:
            return httpx.DigestAuth(self.creds.user, self.creds.password)
        return httpx.BasicAuth(self.creds.user, self.creds.password)

    def scaled_timeout(self, size: int) -> float:
        """The read timeout of a request that carries or moves `size` bytes: the base timeout
        (RIGHTSGRAPH_TIMEOUT, default 60 s) plus 10 s per MB, so that a big upload or swap on
        a slow or busy server is not cut off where a small one would be.

        >>> HttpClient("http://h", timeout=60).scaled_timeout(3 * 1024 * 1024)
        90.0
        """
        return self.timeout + SECONDS_PER_MB * size / (1024 * 1024)

    def post(self, url: str, *, what: str, content: bytes, content_type: str,
             params: dict[str, str] | None = None, ok_statuses: tuple[int, ...] = (),
             timeout: float | None = None) -> httpx.Response:
        """POST `content`; return the response (2xx, or a status in `ok_statuses`)."""
        return self.request("POST", url, what=what, content=content, params=params,
                            headers={"Content-Type": content_type}, ok_statuses=ok_statuses,
                            timeout=timeout)

    def request(self, method: str, url: str, *, what: str, content: bytes | None = None,
                params: dict[str, str] | None = None, headers: dict[str, str] | None = None,
                ok_statuses: tuple[int, ...] = (), timeout: float | None = None
                ) -> httpx.Response:
        where = public_url(url)
        limit = httpx.Timeout(timeout or self.timeout, connect=min(self.timeout, timeout or self.timeout))
        for attempt in range(MAX_ATTEMPTS):
            self.requests += 1
            try:
                response = self._client.request(method, url, content=content, params=params,
                                                headers=headers, auth=self._auth(), timeout=limit)
            except httpx.ConnectTimeout:
                raise StoreError(f"{where}: {what}: no connection within "
                                 f"{limit.connect:g} s") from None
            except httpx.ConnectError as exc:
                raise StoreError(f"{where}: {what}: cannot connect ({_reason(exc)})") from None
            except httpx.TimeoutException:
                raise StoreError(f"{where}: {what}: no answer within "
                                 f"{limit.read:g} s") from None
            except httpx.HTTPError as exc:
                raise StoreError(f"{where}: {what}: connection failed ({_reason(exc)})") from None
            if response.status_code == 401 and self.creds.basic and not self.digest:
                # Some servers (Virtuoso) refuse basic credentials without saying what they
                # want: ask them, unauthenticated, and switch to digest if that is it.
                self.last_challenge = (response.headers.get("WWW-Authenticate")
                                       or self.challenge(url))
                if self.last_challenge.lower().startswith("digest"):
                    self.digest = True
                    continue
            if response.status_code in RETRY_STATUSES and attempt + 1 < MAX_ATTEMPTS:
                wait = retry_after(response.headers.get("Retry-After"), attempt)
                if wait > MAX_WAIT:
                    raise StoreError(f"{where}: {what}: busy (HTTP {response.status_code}), asks "
                                     f"to retry after {wait:.0f} s; try again later")
                self._sleep(wait)
                continue
            if response.is_success or response.status_code in ok_statuses:
                return response
            raise self.error(response, what)
        raise self.error(response, what)

    def challenge(self, url: str) -> str:
        """The WWW-Authenticate challenge `url` gives to an unauthenticated request."""
        try:
            response = self._client.post(url, content=b"")
        except httpx.HTTPError:
            return ""
        return response.headers.get("WWW-Authenticate", "")

    def error(self, response: httpx.Response, what: str) -> StoreError:
        where = public_url(str(response.request.url))
        status = f"HTTP {response.status_code} {response.reason_phrase}".strip()
        if response.status_code in (401, 403):
            hint = ("credentials refused" if self.creds.basic or self.creds.token
                    else "set RIGHTSGRAPH_USER/RIGHTSGRAPH_PASSWORD or RIGHTSGRAPH_TOKEN")
            return StoreError(f"{where}: {what}: {status} ({hint})")
        body = scrub(response.text, self.creds) if response.content else ""
        return StoreError(f"{where}: {what}: {status}" + (f" ({body})" if body else ""))

    def close(self) -> None:
        self._client.close()


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    if "refused" in text.lower():
        return "connection refused"
    return " ".join(text.split())[:160]
