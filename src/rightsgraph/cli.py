"""The `rightsgraph` command: a thin shell over the library (see `rightsgraph.pipeline`)."""

from __future__ import annotations

import functools
import os
import signal
import sys
from pathlib import Path

import click

from . import __version__
from .errors import RightsGraphError, UsageError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _fail(message: str, code: int) -> None:
    click.echo(f"rightsgraph: {message}", err=True)
    sys.exit(code)


class Terminated(BaseException):
    """SIGTERM, raised like KeyboardInterrupt so that every `finally` and temp-file cleanup runs."""


def _on_sigterm(signum, frame):
    raise Terminated()


def handle_errors(func):
    """Map library errors to one line on stderr and the contract's exit codes.

    SIGTERM is handled like SIGINT: outputs are left as they were, temporary files removed,
    one line on stderr, exit 143 (130 for SIGINT).
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            signal.signal(signal.SIGTERM, _on_sigterm)
        except ValueError:  # not the main thread (e.g. click's test runner in a thread)
            pass
        try:
            return func(*args, **kwargs)
        except RightsGraphError as exc:
            _fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, exc.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted; outputs left as they were", 130)
        except Terminated:
            _fail("terminated; outputs left as they were", 143)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)
        except Exception as exc:  # a bug: still one line, the traceback on request
            if os.environ.get("RIGHTSGRAPH_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (set RIGHTSGRAPH_DEBUG=1 for "
                  "the traceback)", 70)

    return wrapper


def store_options(func):
    """--store DIR | --endpoint URL [--update-endpoint URL], shared by every store command."""
    func = click.option("--update-endpoint", metavar="URL",
                        help="SPARQL 1.1 Update endpoint, when it differs from --endpoint.")(func)
    func = click.option("--endpoint", metavar="URL",
                        help="A SPARQL 1.1 endpoint instead of the embedded store "
                        "(credentials from RIGHTSGRAPH_USER/RIGHTSGRAPH_PASSWORD or "
                        "RIGHTSGRAPH_TOKEN).")(func)
    func = click.option("--store", "store_path", metavar="DIR", type=click.Path(file_okay=False),
                        help="Embedded store folder [default: $RIGHTSGRAPH_STORE or build/store].")(func)
    return func


def verbosity_options(func):
    """-q/--quiet (errors only) and -v/--verbose (what happens, on stderr), shared."""
    func = click.option("-v", "--verbose", is_flag=True,
                        help="Tell what happens, step by step, on stderr.")(func)
    func = click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")(func)
    return func


def _check_verbosity(quiet: bool, verbose: bool) -> None:
    if quiet and verbose:
        raise UsageError("give --quiet or --verbose, not both")


def _say(message: str) -> None:
    click.echo(message, err=True)


def _complete_query(ctx, param, incomplete):
    """Shell completion of library query names (and .rq files in the working folder)."""
    from click.shell_completion import CompletionItem

    try:
        from .querylib import library

        items = [CompletionItem(q.name, help=q.title) for q in library()
                 if q.name.startswith(incomplete)]
    except RightsGraphError:
        items = []
    return items + [CompletionItem(str(p)) for p in Path(".").glob(f"{incomplete}*.rq")]


def _open(store_path, endpoint, update_endpoint=None, read_only=False, progress=None):
    from .store import open_store

    if store_path and endpoint:
        raise UsageError("give --store or --endpoint, not both")
    if update_endpoint and not endpoint:
        raise UsageError("--update-endpoint needs --endpoint")
    return open_store(store_path, endpoint=endpoint, update_endpoint=update_endpoint,
                      read_only=read_only, progress=progress)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="rightsgraph")
def main():
    """Turn UN human-rights reports into a validated linked-data graph of actors, violations
    and commitments, publish it and query it.

    Shell completion (bash; zsh and fish likewise with zsh_source, fish_source):
    eval "$(_RIGHTSGRAPH_COMPLETE=bash_source rightsgraph)"

    \b
    Example:
      rightsgraph build corpus/            # convert, validate, publish, export
      rightsgraph query actors-by-type     # ask the graph a library question

    \b
    Exit codes: 0 ok; 1 validation failed (nothing published); 2 usage, an output path that
    cannot be written included; 3 unreadable or unrecognised input (nothing written); 4 store,
    endpoint or disk failure (a disk filling up under an output, say); 130/143 interrupted.
    """


@main.command(context_settings=CONTEXT)
@click.argument("reports", nargs=-1, type=click.Path())
@click.option("--store", "store_path", metavar="DIR", type=click.Path(file_okay=False),
              help="Embedded store folder [default: $RIGHTSGRAPH_STORE or build/store].")
@click.option("--out", "out_dir", default="build", show_default=True, metavar="DIR",
              help="Folder for rightsgraph.ttl and validation.ttl.")
@click.option("--strict", is_flag=True, help="Warnings block publishing too.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Convert and validate on N processes [default: every core].")
@click.option("--base", metavar="IRI", help="Base of resource IRIs [default: $RIGHTSGRAPH_BASE "
              "or https://w3id.org/rightsgraph/id/].")
@verbosity_options
@handle_errors
def build(reports, store_path, out_dir, strict, jobs, base, quiet, verbose):
    """Convert, validate and publish reports, then export the graph.

    REPORTS are files or folders (default: corpus/). Writes OUT/rightsgraph.ttl and
    OUT/validation.ttl, fills the embedded store and keeps there the answers of the library's
    queries (see `query`). Every report is validated first: when
    any fails (a Violation, or any result with --strict), nothing is published, the store is
    left as it was and the exit code is 1. Ctrl-C stops it at once (exit 130), the store and
    files left as they were. On a terminal a progress bar runs and a summary table ends the
    run; piped, one line per report.

    \b
    Example:
      rightsgraph build corpus/ --store build/store --out build
      rightsgraph build corpus/ --jobs 2
    """
    from .answers import keep_library_answers
    from .files import check_folder
    from .pipeline import build as run_build
    from .render import BuildProgressBar, is_terminal, print_build_summary

    _check_verbosity(quiet, verbose)
    check_folder(out_dir, create=False)  # before the store is opened (and its folder made)
    bar = BuildProgressBar(enabled=not quiet and is_terminal(stderr=True), verbose=verbose)
    with _open(store_path, None) as store, bar:
        summary = run_build(reports or ["corpus"], store, out_dir, strict=strict, jobs=jobs,
                            base=base, progress=bar.update)
    kept = keep_library_answers(store.location) if summary.ok else None
    summary.timings.update({"answers": kept.seconds} if kept else {})
    if not quiet:
        print_build_summary(summary, kept)
    if verbose and getattr(summary, "timings", None):
        _say("timings: " + ", ".join(f"{k} {v:.2f} s" for k, v in summary.timings.items()))
    if not summary.ok:
        failed = [r.report_id for r in summary.reports if not r.conforms]
        raise_validation(f"validation failed for {', '.join(failed)}; nothing was published "
                         f"(see {Path(out_dir) / 'validation.ttl'})")


def raise_validation(message: str):
    from .errors import ValidationFailed

    raise ValidationFailed(message)


@main.command(context_settings=CONTEXT)
@click.argument("reports", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE|-",
              help="Where to write; - is stdout.")
@click.option("--format", "fmt", metavar="FORMAT",
              help="ttl, trig, nq, nt, jsonld, xml or a MIME type [default: from -o, else ttl].")
@click.option("--base", metavar="IRI", help="Base of resource IRIs [default: $RIGHTSGRAPH_BASE "
              "or https://w3id.org/rightsgraph/id/].")
@click.option("--id", "report_id", metavar="ID", help="Report id (default: from the symbol, "
              "else body, session and title).")
@verbosity_options
@handle_errors
def convert(reports, output, fmt, base, report_id, quiet, verbose):
    """Convert report files (.md/.txt, - for stdin) to RDF, without validating or publishing.

    \b
    Example:
      rightsgraph convert corpus/a-hrc-57-migrants-in-transit.md -o build/seed.ttl
    """
    from rdflib import Graph

    from .files import atomic_write
    from .formats import rdf_format
    from .pipeline import convert as run_convert
    from .serialize import serialize

    if report_id and len(reports) > 1:
        raise UsageError("--id names one report; give one REPORT with it")
    _check_verbosity(quiet, verbose)
    form = rdf_format(fmt, output)
    graphs = []
    for r in reports:
        graphs.append(run_convert(r, report_id=report_id, base=base).graph)
        if verbose:
            _say(f"converted {r}: graph <{graphs[-1].identifier}>, {len(graphs[-1])} triples")
    if len(graphs) == 1:
        data = serialize(graphs[0], form, base=base)
    elif form.supports_datasets:
        data = b"".join(serialize(g, form, base=base) for g in graphs)
    else:
        merged = Graph(identifier=graphs[0].identifier)
        for g in graphs:
            merged += g
        data = serialize(merged, form, base=base)
    atomic_write(output, data)
    if verbose:
        _say(f"wrote {output} ({form.name}, {len(data)} bytes)")


@main.command("validate", context_settings=CONTEXT)
@click.argument("graphs", nargs=-1, required=True, type=click.Path())
@click.option("--strict", is_flag=True, help="Warnings and infos fail too.")
@click.option("--report", "report_file", metavar="FILE", help="Write the sh:ValidationReport "
              "as Turtle.")
@verbosity_options
@handle_errors
def validate_cmd(graphs, strict, report_file, quiet, verbose):
    """Check converted graphs against the SHACL shapes and SPARQL checks; exit 1 if they fail.

    GRAPH is an RDF file from `convert` (or a report file, converted on the fly).

    \b
    Example:
      rightsgraph convert corpus/a-hrc-57-migrants-in-transit.md -o build/seed.ttl
      rightsgraph validate build/seed.ttl --report build/seed-validation.ttl
    """
    from rdflib import Graph

    from .files import atomic_write
    from .pipeline import load_any
    from .render import print_validation
    from .serialize import serialize
    from .validate import validate

    _check_verbosity(quiet, verbose)
    combined = Graph()
    blocking = []
    for path in graphs:
        graph = load_any(path)
        if verbose:
            _say(f"validating {path}: graph <{graph.identifier}>, {len(graph)} triples")
        report = validate(graph, strict=strict)
        combined += report.graph
        if not quiet or not report.conforms:
            print_validation(path, report)
        blocking += report.blocking
    if report_file:
        atomic_write(report_file, serialize(combined))
    if blocking:
        shapes = ", ".join(sorted({r.shape for r in blocking}))
        raise_validation(f"validation failed: {len(blocking)} blocking result(s) from {shapes}")


@main.command(context_settings=CONTEXT)
@click.argument("graphs", nargs=-1, required=True, type=click.Path())
@store_options
@click.option("--strict", is_flag=True, help="Warnings block publishing too.")
@verbosity_options
@handle_errors
def publish(graphs, store_path, endpoint, update_endpoint, strict, quiet, verbose):
    """Validate graphs and replace each report's named graph in the store, atomically.

    Nothing is published when any graph fails validation (exit 1). The dataset description
    (VoID/DCAT) is rewritten after every publish. On an endpoint, graphs are uploaded in chunks
    to a staging graph and swapped in by one update request; a failure leaves the previous
    graph in place (exit 4). Credentials come from RIGHTSGRAPH_USER/RIGHTSGRAPH_PASSWORD
    (basic, or digest when the server asks) or RIGHTSGRAPH_TOKEN (bearer).

    \b
    Example:
      rightsgraph publish build/seed.ttl --store build/store
      rightsgraph publish build/seed.ttl --endpoint http://localhost:7878/query --update-endpoint http://localhost:7878/update
    """
    from .pipeline import load_any, publish_all
    from .render import print_validation, upload_progress
    from .validate import validate

    _check_verbosity(quiet, verbose)
    loaded = [load_any(p) for p in graphs]
    items = [(g, validate(g, strict=strict)) for g in loaded]
    blocked = [(path, r) for path, (_, r) in zip(graphs, items, strict=True) if not r.conforms]
    for path, report in blocked:
        print_validation(path, report)
    for _, report in blocked:
        report.raise_for_results()  # before the store is even opened: it stays as it was
    with upload_progress() as progress, \
            _open(store_path, endpoint, update_endpoint, progress=progress) as store:
        publish_all(store, items, strict=strict)  # all or nothing: validates every graph first
        for g, report in items:
            if not quiet:
                _say(f"published {g.identifier} ({len(g)} triples) to {store.location}")
            if verbose:
                _say(f"  {len(report.results)} validation results, none blocking")


@main.command(context_settings=CONTEXT)
@click.argument("name", shell_complete=_complete_query)
@click.option("--param", "params", multiple=True, metavar="K=V",
              help="Bind a declared parameter (repeatable; a repeated K binds several values).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]),
              help="Output format [default: table on a terminal, else csv].")
@click.option("--limit", type=click.IntRange(min=0), help="Return at most this many rows.")
@click.option("--fresh", is_flag=True, help="Evaluate the query even when the store keeps its answer.")
@click.option("--show", is_flag=True, help="Print the query with its VALUES bindings; run nothing.")
@store_options
@handle_errors
def query(name, params, fmt, limit, fresh, show, store_path, endpoint, update_endpoint):
    """Run a library query by NAME (see `rightsgraph queries`) or a FILE.rq.

    Parameter values become RDF terms of the declared type, bound with a VALUES block (never
    pasted into the query); a value that cannot be that type is a usage error (exit 2). A text
    parameter with an '# index:' header is looked up in the embedded store's text index first.
    The embedded store keeps csv, tsv and json answers (`build` those of the library's default
    questions) and serves them again until the store changes.

    \b
    Example:
      rightsgraph query report-structure
      rightsgraph query paragraphs-mentioning --param text=detention --format csv
      rightsgraph query actors-by-type --param type=State --limit 5 --format json
      rightsgraph query report-structure --endpoint http://localhost:7878/query
    """
    from .answers import answer
    from .prefilter import bind_query
    from .querylib import bind, find_query, parse_params
    from .render import is_terminal, write_table

    q = find_query(name)
    values = parse_params(params)
    if show:
        click.echo(bind(q, values))
        return
    fmt = fmt or ("table" if is_terminal() else "csv")
    with _open(store_path, endpoint, update_endpoint, read_only=not endpoint) as store:
        if fmt == "table":
            write_table(store.query(bind_query(store, q, values)), limit=limit)
        else:
            sys.stdout.buffer.write(answer(store, q, values, fmt, limit=limit, fresh=fresh))


@main.command(context_settings=CONTEXT)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="A list for people, a Markdown table (queries/README.md) "
              "or JSON.")
@handle_errors
def queries(fmt):
    """List the query library with titles, descriptions and parameters.

    \b
    Example:
      rightsgraph queries
      rightsgraph queries --format markdown
      rightsgraph query evidence-for-violation-type --show
    """
    from .querylib import library
    from .render import print_library

    print_library(library(), fmt)


@main.command(context_settings=CONTEXT)
@click.option("--format", "fmt", metavar="FORMAT",
              help="ttl, trig, nq, nt, jsonld, xml or a MIME type [default: from -o, else ttl].")
@click.option("--graph", metavar="IRI", help="Export one named graph (default: dataset formats "
              "export every graph; triple formats the report graphs, merged).")
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE|-")
@store_options
@verbosity_options
@handle_errors
def export(fmt, graph, output, store_path, endpoint, update_endpoint, quiet, verbose):
    """Export the store (or one graph) as RDF, deterministically: the same store gives the
    same bytes. Turtle/TriG use the project's prefixes. Streams graph by graph (memory follows
    the largest graph; a triple shared by report graphs is written once per graph), except
    JSON-LD: compacted with the published context (ontology/context.jsonld), built in memory.

    \b
    Example:
      rightsgraph export --format trig -o build/all.trig
      rightsgraph export -o build/reports.jsonld
      rightsgraph export --format text/turtle --graph https://w3id.org/rightsgraph/graph/ontology
      rightsgraph export --endpoint http://localhost:7878/query -o build/remote.ttl
    """
    from .export import export_file
    from .formats import rdf_format

    _check_verbosity(quiet, verbose)
    form = rdf_format(fmt, output)
    with _open(store_path, endpoint, update_endpoint, read_only=not endpoint) as store:
        size = export_file(store, form, output, graph=graph)  # -o FILE: temp file, renamed
    if verbose:
        _say(f"wrote {output} ({form.name}, {size} bytes)")


@main.command(context_settings=CONTEXT)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Tables, or one JSON object.")
@store_options
@handle_errors
def stats(fmt, store_path, endpoint, update_endpoint):
    """Triples per named graph, resources per class and facts per report
    (on an endpoint: of the RightsGraph graphs).

    \b
    Example:
      rightsgraph stats --store build/store
      rightsgraph stats --format json
      rightsgraph stats --endpoint http://localhost:7878/query
    """
    from .render import print_stats
    from .stats import store_stats

    with _open(store_path, endpoint, update_endpoint, read_only=not endpoint) as store:
        print_stats(store_stats(store), fmt)


@main.command(context_settings=CONTEXT)
@click.option("--store", "store_path", metavar="DIR", type=click.Path(file_okay=False),
              help="Embedded store folder, opened read-only [default: $RIGHTSGRAPH_STORE or "
              "build/store].")
@click.option("--endpoint", metavar="URL", help="Serve a remote SPARQL 1.1 endpoint instead.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--base", metavar="IRI", help="Base of resource IRIs [default: $RIGHTSGRAPH_BASE "
              "or https://w3id.org/rightsgraph/id/].")
@click.option("--cors", is_flag=True, help="Allow cross-origin requests (off by default).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
              help="SPARQL query time limit in seconds.")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="Rows (or triples) per SPARQL answer; longer answers are cut and say so.")
@click.option("--max-request-bytes", default=1_000_000, show_default=True,
              type=click.IntRange(min=1024), help="Largest SPARQL request accepted.")
@handle_errors
def serve(store_path, endpoint, host, port, base, cors, timeout, max_rows, max_request_bytes):
    """Serve the graph: linked-data pages, dereferenceable IRIs, SPARQL and a query editor.

    Every IRI under the base is answered at the same path (/id/state/COL), with a 303 to its
    HTML page or RDF document by Accept; SPARQL 1.1 at /sparql (read-only), the editor at
    /editor, VoID at /.well-known/void.

    \b
    Example:
      rightsgraph serve --store build/store --port 8000
    """
    from .server import ServerConfig
    from .server import serve as run_server

    config = ServerConfig(base=base, timeout=timeout, max_rows=max_rows,
                          max_request_bytes=max_request_bytes, cors=cors)
    with _open(store_path, endpoint, read_only=not endpoint) as store:
        click.echo(f"serving {store.location} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
        run_server(store, host=host, port=port, config=config)


# The ontology group lives in its own module; registered here so `rightsgraph ontology` exists.
from .cli_ontology import ontology  # noqa: E402

main.add_command(ontology)


if __name__ == "__main__":  # pragma: no cover
    main()
