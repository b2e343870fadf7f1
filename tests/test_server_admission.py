"""Admission control on a real `rightsgraph serve` (issue 26): a bounded queue per pool, the
time limit counted from arrival, 503 with Retry-After when a queue is full, and pages that never
wait behind SPARQL. Before, with 10 heavy queries queued, a small query waited 151 s under a
30 s limit.

The bounds asserted are the ones the issue states (limit + 1 s; pages within 100 ms, taken as
the median so that a loaded test machine does not fail it), measured at the client.
"""

from __future__ import annotations

import asyncio
import statistics
import threading
import time

import anyio
import httpx
import pytest

from server_support import LiveServer

LIMIT = 2.0
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SMALL = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
PAGES = ("/", "/id/state/COL", "/ontology", "/dataset")


@pytest.fixture(scope="module")
def server(served_store):
    live = LiveServer(served_store, "--timeout", str(LIMIT))
    yield live
    live.stop()


class Shots:
    """Queries sent at once from their own threads and clients (made beforehand, as making a
    client takes a while); each answer kept with the time it took."""

    def __init__(self, url: str, n: int):
        self.clients = [httpx.Client(base_url=url, timeout=60) for _ in range(n)]
        self.answers, self.threads = [], []
        self._lock = threading.Lock()

    def send(self, kind: str, query: str, n: int) -> None:
        for _ in range(n):
            t = threading.Thread(target=self._one, args=(self.clients.pop(), kind, query))
            self.threads.append(t)
            t.start()

    def _one(self, client: httpx.Client, kind: str, query: str) -> None:
        with client:
            start = time.monotonic()
            r = client.get("/sparql", params={"query": query})
            took = time.monotonic() - start
        with self._lock:
            self.answers.append((kind, r.status_code, took, r.headers.get("retry-after"), r.text))

    def join(self) -> list:
        for t in self.threads:
            t.join(60)
        return self.answers


def test_queued_queries_wait_no_longer_than_the_limit_and_pages_stay_fast(server):
    shots = Shots(server.url, 13)
    pages = []
    with httpx.Client(base_url=server.url, timeout=10) as client:
        for path in PAGES:  # the first answer of some pages builds what later ones reuse
            client.get(path)
        start = time.monotonic()
        shots.send("heavy", HEAVY, 10)
        time.sleep(0.3)
        shots.send("small", SMALL, 3)
        while time.monotonic() - start < LIMIT + 0.5:
            for path in PAGES:
                t = time.monotonic()
                r = client.get(path)
                pages.append((path, r.status_code, time.monotonic() - t))
    answers = shots.join()
    assert len(answers) == 13
    for kind, status, took, _, body in answers:
        assert took <= LIMIT + 1, (kind, status, took, body)
        assert status in (200, 503), (kind, status, body)
    heavy = [a for a in answers if a[0] == "heavy"]
    assert all(status == 503 for _, status, *_ in heavy)
    assert any("time limit" in body for *_, body in heavy)
    assert all(status in (200, 303) for _, status, _ in pages), {s for _, s, _ in pages}
    assert len(pages) >= 20
    assert statistics.median(t for *_, t in pages) <= 0.1, sorted(t for *_, t in pages)[-5:]


def test_a_full_queue_is_refused_at_once_with_retry_after(server):
    shots = Shots(server.url, 40)
    shots.send("heavy", HEAVY, 40)  # 2 workers + 32 places in the queue
    answers = shots.join()
    refused = [a for a in answers if "waiting; try again" in a[4]]
    assert len(refused) >= 4, [a[4] for a in answers][:5]
    for _, status, took, retry_after, _ in refused:
        assert status == 503
        assert retry_after and retry_after.isdigit() and int(retry_after) >= 1
        assert took < LIMIT
    assert all(took <= LIMIT + 1 for _, _, took, _, _ in answers)
    # and the server answers again once the queue has gone through
    with httpx.Client(base_url=server.url, timeout=10) as client:
        assert client.get("/sparql", params={"query": SMALL}).status_code == 200


def test_the_gate_hands_places_in_order_and_refuses_past_its_queue():
    from rightsgraph.server.admission import Busy, Gate

    async def main():
        gate = Gate("query", capacity=1, queue=2)
        order, release = [], anyio.Event()

        def hold(tag):
            order.append(tag)
            return tag

        async def first():  # holds the one place until released
            await gate._enter(time.monotonic() + 10)
            try:
                await release.wait()
                order.append("a")
            finally:
                gate._leave()

        far = time.monotonic() + 10
        async with anyio.create_task_group() as tg:
            tg.start_soon(first)
            await anyio.sleep(0.05)
            tg.start_soon(gate.run, far, hold, "b")
            await anyio.sleep(0.05)
            tg.start_soon(gate.run, far, hold, "c")
            await anyio.sleep(0.05)
            assert (gate.running, gate.waiting) == (1, 2)
            with pytest.raises(Busy, match="1 query requests running and 2 waiting") as full:
                await gate.run(far, hold, "d")
            assert full.value.retry_after >= 1
            with pytest.raises(Busy, match="waited its whole time limit"):
                gate.queue = 3
                await gate.run(time.monotonic() + 0.1, hold, "e")
            release.set()
        assert order == ["a", "b", "c"]
        assert (gate.running, gate.waiting) == (0, 0)

    anyio.run(main)


def test_a_page_handler_that_waits_on_the_loop_is_an_error_not_a_hang():
    from rightsgraph.server.admission import HandlerSuspended, complete

    async def sleeps(request):
        await asyncio.sleep(0)  # gives the loop a turn: the one thing a page handler may not do

    async def answers(request):
        return request * 2

    assert complete(answers, 21) == 42
    with pytest.raises(HandlerSuspended, match="sleeps"):
        complete(sleeps, None)
