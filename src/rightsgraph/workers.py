"""Run one function over many documents in worker processes, each document within a time
limit and a memory cap, so that no document can hang or sink a batch.

Workers are forked from the parent (which has loaded the shapes and ontology once, so they
share them) and kept from one document to the next. Each worker caps its own address space
(`resource.RLIMIT_AS`, the cap above what it had when it started): a document that needs more
gets a `MemoryError` (a refusal), or, if a library aborts on the failed allocation, its worker
dies (a refusal too). The parent holds every document's deadline: a worker past it is killed
and replaced, and the document refused. A refusal names the document and the limit; the
other documents go on.

An interrupt (Ctrl-C, SIGTERM raised as an exception by the CLI), an error or closing the
iterator kills every worker at once and joins it. Workers ignore SIGINT (a Ctrl-C at a
terminal reaches the whole process group: it is the parent's to handle) and die on SIGTERM.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from .errors import RightsGraphError

DEFAULT_SECONDS = 600.0
DEFAULT_MEMORY = 4096 * 1024 * 1024  # bytes of address space per worker, above its start


@dataclass(frozen=True)
class Limits:
    """What one document may cost: wall seconds, and bytes of memory (None: no limit)."""

    seconds: float | None = DEFAULT_SECONDS
    memory: int | None = DEFAULT_MEMORY


@dataclass(frozen=True)
class Refused:
    """A document that gave no result, and why, in one line."""

    source: str
    reason: str


@dataclass(frozen=True)
class Done:
    """The result of the function for the document at `index` of the input, or its refusal."""

    index: int
    result: object | None = None
    refused: Refused | None = None


def _address_space() -> int:
    """This process's virtual memory size in bytes (Linux), 0 when unknown."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _cap_memory(memory: int | None) -> None:
    if memory is None:
        return
    import resource

    limit = _address_space() + memory
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _serve(conn: Connection, func: Callable, memory: int | None, others: list[Connection]) -> None:
    """A worker: documents in, results (or refusals) out, until the parent says stop (None)
    or goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for other in others:  # the parent's ends of the other workers' pipes, inherited by fork
        other.close()
    _cap_memory(memory)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path = task
        try:
            message = ("done", index, func(path))
        except RightsGraphError as exc:
            message = ("refused", index, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        except MemoryError:
            conn.send(("memory", index, None))
            return  # a worker that ran out of memory is not trusted with the next document
        except RecursionError:
            message = ("refused", index, "nested too deeply to read (recursion limit)")
        except Exception as exc:  # a bug: the document is refused, with the error's name
            message = ("refused", index, f"internal error: {type(exc).__name__}: {exc}")
        try:
            conn.send(message)
        except MemoryError:
            conn.send(("memory", index, None))
            return


class _Worker:
    def __init__(self, context, func: Callable, memory: int | None, others: list[Connection]):
        self.conn, child = context.Pipe(duplex=True)
        self.process = context.Process(target=_serve, args=(child, func, memory, others),
                                       daemon=True)
        self.process.start()
        child.close()
        self.index: int | None = None  # the document it is working on
        self.deadline = float("inf")

    def give(self, index: int, path, seconds: float | None) -> None:
        self.index = index
        self.deadline = time.monotonic() + seconds if seconds is not None else float("inf")
        self.conn.send((index, path))

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB"


def run_all(func: Callable, paths: Sequence, *, jobs: int, limits: Limits = Limits(),
            fail_fast: bool = False) -> Iterator[Done]:
    """`func(path)` for every path on `jobs` worker processes, in the order they finish.

    A `RightsGraphError` raised by `func`, a document past the time limit, one that needs
    more memory than the cap, or a worker that dies, gives a `Done` with `refused` set; with
    `fail_fast` the first refusal stops the workers and is raised as an `InputError` instead.
    """
    from .errors import InputError

    context = _context()
    queue = list(enumerate(paths))[::-1]  # popped from the end: input order
    idle: list[_Worker] = []
    busy: dict[Connection, _Worker] = {}
    workers = min(max(1, jobs), len(paths))

    def start() -> _Worker:
        return _Worker(context, func, limits.memory, [w.conn for w in [*idle, *busy.values()]])

    try:
        for _ in range(workers):
            idle.append(start())
        while queue or busy:
            while queue and idle:
                worker = idle.pop()
                index, path = queue.pop()
                worker.give(index, path, limits.seconds)
                busy[worker.conn] = worker
            now = time.monotonic()
            timeout = max(0.0, min(w.deadline for w in busy.values()) - now)
            ready = wait([*busy, *(w.process.sentinel for w in busy.values())],
                         timeout=None if timeout == float("inf") else timeout)
            finished: list[Done] = []
            for worker in list(busy.values()):
                outcome = _collect(worker, ready, limits)
                if outcome is None:
                    continue
                index, result, reason, reusable = outcome
                source = str(paths[index])
                done = Done(index, result=result) if reason is None else \
                    Done(index, refused=Refused(source, reason.removeprefix(f"{source}: ")))
                del busy[worker.conn]
                if reusable:
                    worker.index, worker.deadline = None, float("inf")
                    idle.append(worker)
                else:
                    worker.kill()
                    if queue:
                        idle.append(start())
                finished.append(done)
            for done in finished:
                if fail_fast and done.refused is not None:
                    raise InputError(f"{done.refused.source}: {done.refused.reason}")
                yield done
    except BaseException:  # an error, Ctrl-C, SIGTERM, an abandoned iterator (GeneratorExit)
        for worker in [*idle, *busy.values()]:
            if worker.process.is_alive():
                worker.process.kill()
        for worker in [*idle, *busy.values()]:
            worker.process.join()
            worker.conn.close()
        raise
    for worker in idle:
        worker.conn.send(None)  # stop
    for worker in idle:
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()


def _collect(worker: _Worker, ready: list, limits: Limits):
    """What a busy worker has to say now: (index, result, refusal reason or None, whether the
    worker can take the next document), or None while it is still at work within its time."""
    index = worker.index
    if worker.conn in ready:
        try:
            kind, got, value = worker.conn.recv()
        except Exception:  # EOF, or a message cut short by the worker's death (unpickling)
            kind, got, value = "died", index, None
        if kind == "done":
            return got, value, None, True
        if kind == "refused":
            return got, None, value, True
        if kind == "memory":
            return got, None, (f"needs more than {_mb(limits.memory or 0)} of memory (the limit "
                               "per document)"), False
    if worker.conn in ready or worker.process.sentinel in ready:
        worker.process.join(timeout=1)
        code = worker.process.exitcode
        how = (f"killed by signal {-code}" if code is not None and code < 0
               else f"exit status {code}")
        limit = f"; the memory limit per document is {_mb(limits.memory)}" if limits.memory else ""
        return index, None, f"its worker process died ({how}){limit}", False
    if time.monotonic() >= worker.deadline:
        return index, None, f"took more than {limits.seconds:g} s (the time limit per document)", False
    return None
