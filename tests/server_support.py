"""A store for the server tests (the seed report, a genre report, hand-made facts where the
extractors find none yet) and a real `rightsgraph serve` process on a free loopback port."""

from __future__ import annotations

import dataclasses
import os
import signal
import socket
import subprocess
import sys
import time
from collections import deque
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from conftest import GENRE_REPORTS, ROOT, SEED


def _ev(doc, n, phrase):
    from rightsgraph.facts import Evidence

    text = doc.paragraph(n).text
    start = text.index(phrase)
    return Evidence(str(n), start, start + len(phrase), phrase)


def extractors_complete(facts) -> bool:
    """True once the extractors find interventions, violations and statistics themselves."""
    return bool(facts.interventions and facts.violations and facts.statistics)


def seed_facts(converted):
    """The seed's own facts when the extractors find every kind; else hand-made ones added."""
    from rightsgraph.facts import (
        Actor,
        Citation,
        Concern,
        Instrument,
        Intervention,
        Place,
        PromisingPractice,
        Recommendation,
        Statistic,
        ViolationReport,
    )

    facts, doc = converted.facts, converted.document
    if extractors_complete(facts):
        return facts
    puig = "person/almudena-puig"
    ceriani = "person/pablo-ceriani-cernadas"
    return dataclasses.replace(
        facts,
        actors=facts.actors + (
            Actor("org/msf", "CivilSocietyOrganization", "Médecins sans frontières"),
            Actor(puig, "Person", "Almudena Puig", affiliation="org/msf",
                  mentions=(_ev(doc, 14, "Almudena Puig"),)),
            Actor(ceriani, "Person", "Pablo Ceriani Cernadas",
                  mentions=(_ev(doc, 13, "Pablo Ceriani Cernadas"), _ev(doc, 28, "Mr. Ceriani Cernadas"))),
            Actor("state/BGD", "State", "Bangladesh", iso3="BGD",
                  mentions=(_ev(doc, 25, "Bangladesh"),)),
            Actor("group/participants", "ActorGroup", "participants", report_scoped=True),
        ),
        interventions=facts.interventions + (
            Intervention(puig, None, None, _ev(doc, 14, "Almudena Puig, reported that")),
            Intervention(ceriani, None, None, _ev(doc, 13, "Pablo Ceriani Cernadas, stressed")),
            Intervention(ceriani, None, None, _ev(doc, 28, "Mr. Ceriani Cernadas invited States")),
        ),
        violations=(ViolationReport("violation-type/pushback", _ev(doc, 12, "multiple pushbacks"),
                                    locations=("route/darien",)),),
        recommendations=(Recommendation("review", _ev(doc, 22, "participants recommended"),
                                        recommended_by=("group/participants",)),),
        practices=(PromisingPractice("legislative measures", _ev(doc, 25, "legislative and policy measures"),
                                     ("state/BGD",)),),
        concerns=(Concern("violations in transit", _ev(doc, 19, "noted with concern"),
                          ("group/participants",)),),
        instruments=facts.instruments + (Instrument("instrument/resolution/hrc-53-24", "Resolution",
                                                    "resolution 53/24", identifier="53/24"),),
        citations=(Citation("instrument/resolution/hrc-53-24", _ev(doc, 1, "resolution 53/24")),),
        places=(Place("route/darien", "MigrationRoute", "Darien"),),
        statistics=(Statistic(Decimal(500000), "people crossed",
                              _ev(doc, 14, "more than half a million people"),
                              qualifier="more than", about=("route/darien",), source=(puig,)),),
    )


def build_store(path: Path) -> Path:
    """Publish the seed (with facts) and a genre report, plus reference graphs and validation."""
    from rightsgraph.emit import emit
    from rightsgraph.iris import validation_graph
    from rightsgraph.pipeline import convert, reference_graphs
    from rightsgraph.serialize import ntriples
    from rightsgraph.store import EmbeddedStore
    from rightsgraph.validate import validate

    seed = convert(SEED)
    graph = emit(seed.document, seed_facts(seed))
    payload = {str(graph.identifier): ntriples(graph),
               validation_graph(seed.report_id): ntriples(validate(graph).graph)}
    other = convert(GENRE_REPORTS[0])
    payload[str(other.graph.identifier)] = ntriples(other.graph)
    payload.update({iri: ntriples(g) for iri, g in reference_graphs().items()})
    with EmbeddedStore(path) as store:
        store.replace_graphs(payload)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """`rightsgraph serve` in a subprocess on 127.0.0.1; stopped by its own pid."""

    def __init__(self, store: Path, *args: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "RIGHTSGRAPH_HOME": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "rightsgraph", "serve", "--store", str(store), "--port",
             str(self.port), *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE)
        for _ in range(300):  # bounded wait for the port to answer
            if self.proc.poll() is not None:
                raise RuntimeError(self.proc.stderr.read().decode())
            try:
                if httpx.get(self.url + "/", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


# ---- a crawler over the served site ----------------------------------------------------

MAX_PAGES = 5_000  # far more than the seed site has: the crawl must end by running out of links


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def _links(base: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return [urljoin(base, link).split("#", 1)[0] for link in parser.links]


def crawl(root: str, *, headers: dict | None = None, visit=None) -> dict[str, int]:
    """Status of every same-origin URL reachable from `root` (redirects followed as links),
    but the RDF documents under /data/ (four per resource, one handler: the pages are what is
    crawled); `visit(url, response)` sees each answer."""
    origin = urlsplit(root).netloc
    seen: dict[str, int] = {}
    queue = deque([root + "/"])
    with httpx.Client(timeout=30, headers={"Accept": "text/html", **(headers or {})}) as client:
        while queue and len(seen) < MAX_PAGES:
            url = queue.popleft()
            if url in seen:
                continue
            r = client.get(url)
            seen[url] = r.status_code
            if visit is not None:
                visit(url, r)
            found = [r.headers["location"]] if r.is_redirect and "location" in r.headers else []
            if r.headers.get("content-type", "").startswith("text/html"):
                found += _links(url, r.text)
            for link in found:
                absolute = urljoin(url, link)
                parts = urlsplit(absolute)
                if (parts.netloc == origin and parts.scheme == "http" and absolute not in seen
                        and not parts.path.startswith("/data/")):
                    queue.append(absolute)
    return seen
