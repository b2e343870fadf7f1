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


def print_validation(path, report) -> None:
    from rich.table import Table

    console = _console()
    status = "conforms" if report.conforms else "does NOT conform"
    console.print(f"{path}: {status} ({len(report.violations)} violations, "
                  f"{len(report.results) - len(report.violations)} warnings/infos)")
    if not report.results:
        return
    table = Table(show_lines=False)
    for col in ("severity", "shape", "message", "focus", "path", "value", "¶"):
        table.add_column(col, overflow="fold")
    for r in report.results[:200]:
        table.add_row(r.severity, r.shape, r.message, r.focus, r.path or "", r.value or "",
                      str(r.paragraph or ""))
    console.print(table)


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
