"""Admission control: each kind of work has its own gate, a fixed number of places and a bounded
queue in front of them, so SPARQL can never take the capacity that pages need.

A request's time limit counts from its arrival: the time it waits in a queue is spent from the
same limit as the time it runs. A request that finds the queue full is refused at once (503 with
`Retry-After`); one whose limit passes while it waits leaves the queue with the same answer. The
work itself runs in the gate's own threads (never on the event loop), at most one per place.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
from anyio import to_thread

from ..errors import StoreError

T = TypeVar("T")


class Busy(StoreError):
    """No room for the request now (its queue is full, or its time ran out while it waited)."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class HandlerSuspended(StoreError):
    """A page handler waited on the event loop, which a page thread cannot do."""


class Gate:
    """`capacity` requests at a time, at most `queue` more waiting, first come first served."""

    def __init__(self, name: str, capacity: int, queue: int):
        self.name, self.capacity, self.queue = name, max(1, capacity), max(0, queue)
        self._running = 0
        self._waiting: deque[anyio.Event] = deque()
        self._limiter: anyio.CapacityLimiter | None = None
        self._mean = 0.1  # seconds a place is held, a moving average (for Retry-After)

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @property
    def running(self) -> int:
        return self._running

    def retry_after(self) -> int:
        """Whole seconds until the queue in front of a newcomer has likely gone through."""
        return max(1, min(60, math.ceil(self._mean * (self.waiting + 1) / self.capacity)))

    async def _enter(self, deadline: float) -> None:
        if self._running < self.capacity and not self._waiting:
            self._running += 1
            return
        if len(self._waiting) >= self.queue:
            raise Busy(f"the server is busy: {self._running} {self.name} requests running and "
                       f"{len(self._waiting)} waiting; try again shortly", self.retry_after())
        event = anyio.Event()
        self._waiting.append(event)
        try:
            with anyio.move_on_after(deadline - time.monotonic()):
                await event.wait()
        except BaseException:  # cancelled from outside: give back what this request holds
            if event.is_set():
                self._leave()
            else:
                self._waiting.remove(event)
            raise
        if not event.is_set():
            self._waiting.remove(event)
        elif time.monotonic() < deadline:
            return  # the place was handed over by the request that left it
        else:
            self._leave()
        raise Busy(f"the server is busy: this {self.name} request waited its whole time limit "
                   "in the queue", self.retry_after())

    def _leave(self) -> None:
        if self._waiting:
            self._waiting.popleft().set()  # the place goes straight to the first in line
        else:
            self._running -= 1

    async def run(self, deadline: float, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` in one of this gate's threads, once a place is free (by `deadline`)."""
        await self._enter(deadline)
        start = time.monotonic()
        try:
            if self._limiter is None:
                self._limiter = anyio.CapacityLimiter(self.capacity)
            return await to_thread.run_sync(fn, *args, limiter=self._limiter)
        finally:
            self._mean = 0.8 * self._mean + 0.2 * (time.monotonic() - start)
            self._leave()


def complete(handler, request):
    """Run an async page handler to its end in the calling (page) thread.

    Page handlers are coroutines that never wait on the event loop: all they do is read the
    store and render. Driven here, their store work happens in a page thread; a handler that
    did wait on the loop is an error, not a hang."""
    coroutine = handler(request)
    try:
        coroutine.send(None)
    except StopIteration as done:
        return done.value
    coroutine.close()
    raise HandlerSuspended(f"page handler {handler.__name__} waited on the event loop")
