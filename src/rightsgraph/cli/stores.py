"""Commands that read a store: query, queries, export, stats, serve."""

from __future__ import annotations

import sys

import click

from . import (
    CONTEXT,
    _check_verbosity,
    _complete_query,
    _open,
    _say,
    handle_errors,
    main,
    store_options,
    verbosity_options,
)


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
    from ..answers import answer
    from ..prefilter import bind_query
    from ..querylib import bind, find_query, parse_params
    from ..render import is_terminal, write_table

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
    from ..querylib import library
    from ..render import print_library

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
    from ..export import export_file
    from ..formats import rdf_format

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
    from ..render import print_stats
    from ..stats import store_stats

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
@click.option("--reviews", "reviews_dir", metavar="DIR", type=click.Path(file_okay=False),
              help="Take review decisions into this folder's review files, from reviewers "
              "signed in with $RIGHTSGRAPH_REVIEW_TOKEN or named by the proxy header "
              "$RIGHTSGRAPH_REVIEW_USER_HEADER (see SECURITY.md); read-only without.")
@handle_errors
def serve(store_path, endpoint, host, port, base, cors, timeout, max_rows, max_request_bytes,
          reviews_dir):
    """Serve the graph: linked-data pages, dereferenceable IRIs, SPARQL and a query editor.

    Every IRI under the base is answered at the same path (/id/state/COL), with a 303 to its
    HTML page or RDF document by Accept; SPARQL 1.1 at /sparql (read-only), the editor at
    /editor, VoID at /.well-known/void.

    \b
    Example:
      rightsgraph serve --store build/store --port 8000
    """
    from ..server import ServerConfig
    from ..server import serve as run_server

    config = ServerConfig(base=base, timeout=timeout, max_rows=max_rows,
                          max_request_bytes=max_request_bytes, cors=cors,
                          extra={"reviews": reviews_dir} if reviews_dir else {})
    with _open(store_path, endpoint, read_only=not endpoint) as store:
        click.echo(f"serving {store.location} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
        run_server(store, host=host, port=port, config=config)
