"""Terminal rendering for the CLI (rich tables); the library never prints."""

from __future__ import annotations

import csv
import io
import json
import sys

import click


def _console():
    from rich.console import Console

    return Console(stderr=False, soft_wrap=False)


def term_text(term) -> str:
    if term is None:
        return ""
    return str(getattr(term, "value", term))


def print_build_summary(summary) -> None:
    """One line per report (greppable), then the store and the files written."""
    for r in summary.reports:
        state = "conforms" if r.conforms else f"does NOT conform ({r.violations} violations)"
        pub = "published" if r.published else "not published"
        facts = ", ".join(f"{n} {k}" for k, n in r.facts.items() if n)
        click.echo(f"{r.report_id}: {r.paragraphs} paragraphs, {r.footnotes} footnotes, "
                   f"{r.triples} triples, {state}, {pub}" + (f" [{facts}]" if facts else ""))
    click.echo(f"store: {summary.store} ({summary.store_triples} triples in all graphs)")
    for path in summary.outputs:
        click.echo(f"wrote {path}")


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
    n_viol = len(report.violations)
    n_other = len(report.results) - n_viol
    status = "conforms" if report.conforms else "does NOT conform"
    console.print(f"{path}: {status} ({n_viol} violations, {n_other} warnings/infos"
                  f"{'; --strict: warnings block' if report.strict and n_other else ''})",
                  markup=False, highlight=False)
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


def write_results(result, fmt: str, *, limit: int | None = None) -> None:
    out = sys.stdout
    if result.kind == "ask":
        click.echo("true" if result.boolean else "false")
        return
    if result.kind == "graph":
        sys.stdout.buffer.write(result.triples or b"")
        return
    rows = result.rows if limit is None else result.rows[:limit]
    if fmt == "json":
        bindings = []
        for row in rows:
            b = {}
            for var, term in zip(result.variables, row, strict=True):
                if term is not None:
                    b[var] = _json_term(term)
            bindings.append(b)
        json.dump({"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}},
                  out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.variables)
        for row in rows:
            writer.writerow([term_text(t) for t in row])
        out.write(buf.getvalue())
    else:
        from rich.table import Table

        table = Table(show_lines=False)
        for var in result.variables:
            table.add_column(var, overflow="fold")
        for row in rows:
            table.add_row(*[term_text(t) for t in row])
        console = _console()
        console.print(table)
        console.print(f"{len(rows)} row(s)")


def _json_term(term) -> dict:
    name = type(term).__name__
    if name == "NamedNode":
        return {"type": "uri", "value": term.value}
    if name == "BlankNode":
        return {"type": "bnode", "value": term.value}
    d = {"type": "literal", "value": term.value}
    if getattr(term, "language", None):
        d["xml:lang"] = term.language
    elif getattr(term, "datatype", None) is not None and not term.datatype.value.endswith("#string"):
        d["datatype"] = term.datatype.value
    return d


def print_library(queries) -> None:
    console = _console()
    for q in queries:
        console.print(f"[bold]{q.name}[/bold] — {q.title}")
        if q.description:
            console.print(f"    {q.description}")
        for p in q.params:
            default = f" (default: {p.default})" if p.default else ""
            console.print(f"    --param {p.name}=<{p.type}>  {p.doc}{default}")


def print_stats(sizes: dict[str, int], location: str) -> None:
    from rich.table import Table

    table = Table(title=f"graphs in {location}")
    table.add_column("graph")
    table.add_column("triples", justify="right")
    for g, n in sizes.items():
        table.add_row(g, str(n))
    table.add_row("total", str(sum(sizes.values())))
    _console().print(table)


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
