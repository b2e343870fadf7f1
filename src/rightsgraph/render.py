"""Terminal rendering for the CLI (rich tables); the library never prints."""

from __future__ import annotations

import contextlib
import json
import sys

import click

from .results import term_text


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, soft_wrap=False)


def is_terminal(stderr: bool = False) -> bool:
    """Whether stdout (stderr) is a terminal; rich's FORCE_COLOR/TTY_COMPATIBLE count too."""
    return _console(stderr).is_terminal


def short_iri(iri: str) -> str:
    """An IRI with the project's prefixes, for tables read by people.

    >>> short_iri("https://w3id.org/rightsgraph/id/state/COL"), short_iri("urn:x")
    ('rgid:state/COL', 'urn:x')
    """
    from .iris import base_iri
    from .serialize import prefixes

    best = ""
    for prefix, ns in {**prefixes(), "rgid": base_iri()}.items():
        if iri.startswith(ns) and len(ns) > len(best) and len(iri) > len(ns):
            best, name = ns, prefix
    return f"{name}:{iri[len(best):]}" if best else iri


class BuildProgressBar:
    """A rich progress bar on stderr (terminals only); `update` is the library's callback."""

    def __init__(self, enabled: bool, verbose: bool = False):
        self.verbose = verbose
        self._progress = None
        self._task = None
        if enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._progress = Progress(TextColumn("{task.description}"), BarColumn(),
                                      MofNCompleteColumn(), console=_console(stderr=True),
                                      transient=True)

    def __enter__(self):
        if self._progress:
            self._progress.start()
        return self

    def __exit__(self, *exc):
        if self._progress:
            self._progress.stop()

    def update(self, step) -> None:
        if self._progress is not None:
            if self._task is None:
                self._task = self._progress.add_task("building", total=step.total)
            state = "built" if step.outcome else "refused" if getattr(step, "refused", None) \
                else "building"
            self._progress.update(self._task, completed=step.done,
                                  description=f"{state} {step.path.name}")
        if self.verbose and getattr(step, "refused", None) is not None:
            self._tell(f"[{step.done}/{step.total}] {step.path}: REFUSED: {step.refused.reason}")
        if self.verbose and step.outcome is not None:
            r = step.outcome
            message = (f"[{step.done}/{step.total}] {step.path}: {r.report_id}, {r.triples} "
                       f"triples, {r.violations} violations, {r.warnings} warnings/infos, "
                       + ("conforms, to be published" if r.conforms
                          else "BLOCKED: nothing will be published"))
            if getattr(r, "timings", None):
                message += " (" + ", ".join(f"{k} {v:.2f} s" for k, v in r.timings.items()) + ")"
            self._tell(message)

    def _tell(self, message: str) -> None:
        if self._progress is not None:
            self._progress.console.print(message, markup=False, highlight=False)
        else:
            click.echo(message, err=True)


def print_build_summary(summary, kept=None) -> None:
    """A table on a terminal; one greppable line per report when piped. Then the store, the
    files written and the answers kept (`answers.Kept`)."""
    if is_terminal():
        _print_build_table(summary)
    else:
        _print_build_lines(summary)
    click.echo(f"store: {summary.store} ({summary.store_triples} triples in all graphs)")
    for path in summary.outputs:
        click.echo(f"wrote {path}")
    if kept is not None and kept.refused:
        click.echo(f"warning: no answers kept: {kept.refused}", err=True)
    elif kept is not None:
        click.echo(f"kept {kept.answers} answers to {kept.queries} library queries "
                   f"({', '.join(kept.formats)}) in the store")


def _print_build_table(summary) -> None:
    from rich.table import Table

    table = Table(title="build summary")
    for col in ("report", "¶", "footnotes", "triples", "facts", "SHACL", "published"):
        table.add_column(col, justify="right" if col in ("¶", "footnotes", "triples") else "left",
                         overflow="fold", min_width=24 if col == "report" else None)
    for r in summary.reports:
        facts = ", ".join([f"{n} {k}" for k, n in r.facts.items() if n] + list(r.notes))
        shacl = "conforms" if r.conforms else f"{r.violations} violations"
        if r.warnings:
            shacl += f", {r.warnings} warnings"
        table.add_row(r.report_id, str(r.paragraphs), str(r.footnotes), str(r.triples), facts,
                      shacl, "yes" if r.published else "[red]no[/red]")
    _console().print(table)


def _print_build_lines(summary) -> None:
    for r in summary.reports:
        state = "conforms" if r.conforms else f"does NOT conform ({r.violations} violations)"
        pub = "published" if r.published else "not published"
        facts = ", ".join(f"{n} {k}" for k, n in r.facts.items() if n)
        notes = "".join(f", {note}" for note in r.notes)
        click.echo(f"{r.report_id}: {r.paragraphs} paragraphs, {r.footnotes} footnotes, "
                   f"{r.triples} triples, {state}, {pub}{notes}" + (f" [{facts}]" if facts else ""))


def _curie(text: str | None) -> str:
    """Shorten an IRI with the project's prefixes (rgid: for the default resource base)."""
    if not text:
        return ""
    from .emit.terms import PREFIXES
    from .iris import DEFAULT_BASE

    if text.startswith(DEFAULT_BASE):
        return "rgid:" + text[len(DEFAULT_BASE):]
    for prefix, ns in PREFIXES.items():
        if text.startswith(str(ns)) and len(text) > len(str(ns)):
            return f"{prefix}:{text[len(str(ns)):]}"
    return text


def print_validation(path, report) -> None:
    """A summary line, then one table: results grouped by severity, shape and message, each
    with its focus node, path, value and the paragraph the focus node came from."""
    from itertools import groupby

    from rich.table import Table
    from rich.text import Text

    console = _console()
    console.print(f"{path}: {report.verdict}", markup=False, highlight=False)
    if not report.results:
        return
    table = Table(show_lines=False)
    for col in ("severity", "shape", "message", "focus", "path", "value", "¶"):
        table.add_column(col, overflow="fold")
    shown = 0
    groups = groupby(report.results, key=lambda r: (r.severity, r.shape, r.message))
    for (severity, shape, message), rows in groups:
        rows = list(rows)
        for i, r in enumerate(rows):
            if shown >= MAX_ROWS:
                break
            first = i == 0
            cells = (severity if first else "", shape if first else "",
                     (f"{message} ({len(rows)} results)" if len(rows) > 1 else message) if first else "",
                     _curie(r.focus), _curie(r.path), _curie(r.value), str(r.paragraph or ""))
            table.add_row(*(Text(c) for c in cells), end_section=i == len(rows) - 1)
            shown += 1
    console.print(table, markup=False, highlight=False)
    if len(report.results) > shown:
        console.print(f"... {len(report.results) - shown} more result(s); see --report FILE",
                      markup=False, highlight=False)


MAX_ROWS = 200


def write_table(result, *, limit: int | None = None) -> None:
    """Write a SELECT result to stdout as a rich table (the other formats are the bytes of
    `results.format_results`; an ASK or graph result is written as those too)."""
    if result.kind != "select":
        from .results import format_results

        sys.stdout.buffer.write(format_results(result, "csv"))
        return
    from rich.table import Table

    rows = result.rows if limit is None else result.rows[:limit]
    table = Table(show_lines=False)
    for var in result.variables:
        table.add_column(var, overflow="fold")
    for row in rows:
        table.add_row(*[_cell(t) for t in row])
    console = _console()
    console.print(table)
    console.print(f"{len(rows)} row(s)")


def _cell(term) -> str:
    if type(term).__name__ == "NamedNode":
        return short_iri(term.value)
    return term_text(term)


def library_markdown(queries) -> str:
    """The library as a Markdown table (the body of queries/README.md)."""
    lines = ["| query | question | parameters |", "|---|---|---|"]
    for q in queries:
        params = "; ".join(f"`{p.name}` ({p.type}){' = ' + p.default if p.default else ''}"
                           for p in q.params) or "—"
        text = f"{q.title}: {q.description}".replace("|", "\\|")
        lines.append(f"| `{q.name}` | {text} | {params} |")
    return "\n".join(lines) + "\n"


def print_library(queries, fmt: str = "text") -> None:
    if fmt == "markdown":
        click.echo(library_markdown(queries), nl=False)
        return
    if fmt == "json":
        click.echo(json.dumps([{"name": q.name, "title": q.title, "description": q.description,
                                "params": [{"name": p.name, "type": p.type, "doc": p.doc,
                                            "default": p.default} for p in q.params]}
                               for q in queries], indent=1, ensure_ascii=False))
        return
    console = _console()
    for q in queries:
        console.print(f"[bold]{q.name}[/bold] — {q.title}")
        if q.description:
            console.print(f"    {q.description}")
        for p in q.params:
            default = f" (default: {p.default})" if p.default else ""
            console.print(f"    --param {p.name}=<{p.type}>  {p.doc}{default}")


def print_stats(stats, fmt: str = "table") -> None:
    """Triples per graph, resources per class, facts per report: tables, or one JSON object."""
    if fmt == "json":
        click.echo(json.dumps(stats.as_json(), indent=1, sort_keys=True))
        return
    from rich.table import Table

    console = _console()
    graphs = Table(title=f"triples per named graph in {stats.location}")
    graphs.add_column("graph", overflow="fold")
    graphs.add_column("triples", justify="right")
    for g, n in stats.graphs.items():
        graphs.add_row(g, str(n))
    graphs.add_row("total", str(stats.triples))
    console.print(graphs)
    classes = Table(title="resources per class (all graphs)")
    classes.add_column("class", overflow="fold")
    classes.add_column("resources", justify="right")
    for c, n in stats.classes.items():
        classes.add_row(short_iri(c), str(n))
    console.print(classes)
    if stats.facts:
        facts = Table(title="facts per report")
        facts.add_column("report", overflow="fold")
        facts.add_column("facts", justify="right")
        facts.add_column("by kind", overflow="fold")
        for g, counts in stats.facts.items():
            facts.add_row(g.rsplit("/", 1)[-1], str(sum(counts.values())),
                          ", ".join(f"{n} {k}" for k, n in counts.items() if n) or "none")
        console.print(facts)
    if getattr(stats, "leftovers", None):
        left = Table(title="left by an interrupted publish (the next publish removes them)")
        left.add_column("graph", overflow="fold")
        left.add_column("triples", justify="right")
        for g, n in stats.leftovers.items():
            left.add_row(g, str(n))
        console.print(left)


def print_ontology_check(result) -> None:
    """What was checked, HermiT's verdict, then one greppable line per problem."""
    concepts = sum(result.concepts.values())
    verdict = {True: "consistent", False: "INCONSISTENT", None: "not reasoned"}[result.consistent]
    click.echo(f"{len(result.files)} files: {result.classes} classes, {result.properties} properties, "
               f"{concepts} concepts in {len(result.concepts)} schemes; HermiT: {verdict} "
               f"({result.reasoner_seconds:.1f} s)")
    for scheme, n in result.concepts.items():
        click.echo(f"  {scheme}: {n} concepts")
    for problem in result.problems:
        click.echo(str(problem))
    click.echo("ok" if result.ok else f"{len(result.problems)} problem(s)")


@contextlib.contextmanager
def upload_progress():
    """A progress callback for uploads to an endpoint: a rich bar when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("uploading triples"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("upload", total=None)

        def update(sent: int, total: int) -> None:
            bar.update(task, completed=sent, total=total)

        yield update


def print_refusals(refused, skipped, *, quiet: bool = False) -> None:
    """The files a build refused (`workers.Refused`: why, in one line) and, unless `quiet`,
    those of its folders it did not read, on stderr: a table on a terminal, else one
    greppable line each."""
    rows = [("refused", r) for r in refused] + ([] if quiet else [("not read", r) for r in skipped])
    if not rows:
        return
    if is_terminal(stderr=True):
        from rich.table import Table

        table = Table(title="files not published")
        for col in ("file", "", "why"):
            table.add_column(col, overflow="fold")
        for kind, r in rows:
            table.add_row(r.source, kind, r.reason)
        _console(stderr=True).print(table)
        return
    for kind, r in rows:
        click.echo(f"{kind}: {r.source}: {r.reason}", err=True)
