"""Commands that read reports: build, convert, validate, publish."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InputError, UsageError
from ..workers import DEFAULT_MEMORY, DEFAULT_SECONDS
from . import (
    CONTEXT,
    _check_verbosity,
    _open,
    _say,
    handle_errors,
    main,
    raise_validation,
    store_options,
    verbosity_options,
)
from .review import reviews_option


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
@click.option("--fail-fast", is_flag=True, help="Stop at the first file that cannot be read "
              "and publish nothing (default: refuse it, go on, publish the others, exit 3).")
@click.option("--time-limit", type=click.FloatRange(min=1), default=DEFAULT_SECONDS,
              show_default=True, metavar="SECONDS", help="Seconds one document may take; "
              "past them it is refused.")
@click.option("--memory-limit", type=click.IntRange(min=64), default=DEFAULT_MEMORY >> 20,
              show_default=True, metavar="MB", help="Memory one document may take; past it "
              "it is refused.")
@reviews_option
@verbosity_options
@handle_errors
def build(reports, store_path, out_dir, strict, jobs, base, fail_fast, time_limit, memory_limit,
          reviews_dir, quiet, verbose):
    """Convert, validate and publish reports, then export the graph.

    REPORTS are files or folders (default: corpus/) of reports in any format (.pdf, .docx,
    .html, .md, .txt: the reader is chosen by content). A folder gives every file it holds;
    hidden files and subfolders are listed as not read. Writes OUT/rightsgraph.ttl and
    OUT/validation.ttl, fills the embedded store and keeps there the answers of the library's
    queries (see `query`).

    A file that cannot be read (not a report, a damaged PDF, past --time-limit or
    --memory-limit) is refused and the others go on: the readable reports are published, the
    refused files are listed with their reasons on stderr and the exit code is 3
    (--fail-fast: the first refusal stops the build, nothing is published, exit 3). Every
    report read is validated first: when any fails (a Violation, or any result with
    --strict), nothing is published, the store is left as it was and the exit code is 1.
    Ctrl-C stops it at once (exit 130), the store and files left as they were. On a terminal
    a progress bar runs and a summary table ends the run; piped, one line per report; -v
    tells each document's cost per stage as it is done. Review decisions (see `review`) are
    re-applied to every report; those that no longer anchor are listed (--strict: they block).

    \b
    Example:
      rightsgraph build corpus/ --store build/store --out build
      rightsgraph build corpus/ --jobs 2 --time-limit 120 --memory-limit 2048
    """
    from ..answers import keep_library_answers
    from ..files import check_folder
    from ..pipeline import build as run_build
    from ..render import BuildProgressBar, is_terminal, print_build_summary, print_refusals
    from ..review.build import reviews_folder
    from ..review.render import print_unanchored
    from ..workers import Limits

    _check_verbosity(quiet, verbose)
    check_folder(out_dir, create=False)  # before the store is opened (and its folder made)
    bar = BuildProgressBar(enabled=not quiet and is_terminal(stderr=True), verbose=verbose)
    limits = Limits(seconds=time_limit, memory=memory_limit << 20)
    folder = reviews_folder(reviews_dir)
    with _open(store_path, None) as store, bar:
        summary = run_build(reports or ["corpus"], store, out_dir, strict=strict, jobs=jobs,
                            base=base, progress=bar.update, limits=limits, fail_fast=fail_fast,
                            reviews=folder)
    kept = keep_library_answers(store.location) if summary.published else None
    summary.timings.update({"answers": kept.seconds} if kept else {})
    if not quiet and summary.reports:
        print_build_summary(summary, kept)
    if verbose and getattr(summary, "timings", None):
        _say("timings: " + ", ".join(f"{k} {v:.2f} s" for k, v in summary.timings.items()))
    print_refusals(summary.refused, summary.skipped, quiet=quiet)
    print_unanchored([o for r in summary.reports for o in r.reviews], quiet=quiet)
    if summary.blocked:
        failed = [r.report_id for r in summary.blocked]
        raise_validation(f"validation failed for {', '.join(failed)}; nothing was published "
                         f"(see {Path(out_dir) / 'validation.ttl'})")
    if summary.refused:
        read = len(summary.reports) + len(summary.refused)
        done = (f"the other {len(summary.reports)} published" if summary.reports
                else "nothing was published")
        raise InputError(f"{len(summary.refused)} of {read} files refused (listed above); {done}")


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
    """Convert reports (files or folders of .pdf, .docx, .html, .md, .txt: the reader is
    chosen by content; - for stdin) to RDF, without validating or publishing.

    \b
    Example:
      rightsgraph convert corpus/a-hrc-57-migrants-in-transit.md -o build/seed.ttl
      rightsgraph convert corpus/ -o build/corpus.trig
    """
    from rdflib import Graph

    from ..files import atomic_write
    from ..formats import rdf_format
    from ..pipeline import convert as run_convert
    from ..serialize import serialize

    _check_verbosity(quiet, verbose)
    reports = _files(reports, quiet=quiet)
    if report_id and len(reports) > 1:
        raise UsageError("--id names one report; give one REPORT with it")
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

    GRAPH is an RDF file from `convert` (by its extension: .ttl, .nt, .nq, .trig, .jsonld,
    .rdf, .xml, .owl) or a report of any other name (.pdf, .docx, .html, .md ..., read by
    content and converted on the fly); a folder gives every file it holds.

    \b
    Example:
      rightsgraph convert corpus/a-hrc-57-migrants-in-transit.md -o build/seed.ttl
      rightsgraph validate build/seed.ttl --report build/seed-validation.ttl
    """
    from rdflib import Graph

    from ..files import atomic_write
    from ..pipeline import load_any
    from ..render import print_validation
    from ..serialize import serialize
    from ..validate import validate

    _check_verbosity(quiet, verbose)
    combined = Graph()
    blocking = []
    for path in _files(graphs, quiet=quiet):
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
@click.option("--strict", is_flag=True, help="Warnings (and unanchored reviews) block publishing too.")
@reviews_option
@verbosity_options
@handle_errors
def publish(graphs, store_path, endpoint, update_endpoint, strict, reviews_dir, quiet, verbose):
    """Validate graphs and replace each report's named graph in the store, atomically.

    Nothing is published when any graph fails validation (exit 1). The dataset description
    (VoID/DCAT) is rewritten with every publish, in the same transaction. On an endpoint,
    graphs are uploaded in chunks to staging graphs and swapped in by update requests of
    bounded size (RIGHTSGRAPH_SWAP_TRIPLES), each graph whole; a failure leaves the previous
    graph in place (exit 4); what an interrupted publish left there is removed first (`stats`
    lists it). Credentials come from RIGHTSGRAPH_USER/RIGHTSGRAPH_PASSWORD
    (basic, or digest when the server asks) or RIGHTSGRAPH_TOKEN (bearer).

    \b
    Example:
      rightsgraph publish build/seed.ttl --store build/store
      rightsgraph publish build/seed.ttl --endpoint http://localhost:7878/query --update-endpoint http://localhost:7878/update
    """
    from ..pipeline import load_any, publish_all
    from ..render import print_validation, upload_progress
    from ..review.build import reviewed_items, reviews_folder
    from ..review.render import print_unanchored

    _check_verbosity(quiet, verbose)
    loaded = [load_any(p) for p in graphs]
    items, extra, outcomes = reviewed_items(loaded, reviews_folder(reviews_dir), strict=strict)
    print_unanchored(outcomes, quiet=quiet)
    blocked = [(path, r) for path, (_, r) in zip(graphs, items, strict=True) if not r.conforms]
    for path, report in blocked:
        print_validation(path, report)
    for _, report in blocked:
        report.raise_for_results()  # before the store is even opened: it stays as it was
    with upload_progress() as progress, \
            _open(store_path, endpoint, update_endpoint, progress=progress) as store:
        publish_all(store, items, strict=strict, extra=extra)  # all or nothing
        for g, report in items:
            if not quiet:
                _say(f"published {g.identifier} ({len(g)} triples) to {store.location}")
            if verbose:
                _say(f"  {len(report.results)} validation results, none blocking")


def _files(paths, *, quiet: bool) -> list:
    """Files as given, folders as every file they hold; what a folder holds and is not read
    is said on stderr (unless `quiet`)."""
    from ..pipeline import gather_inputs

    inputs = gather_inputs(paths)
    if not quiet:
        for skipped in inputs.skipped:
            _say(f"not read: {skipped.source}: {skipped.reason}")
    return [str(f) for f in inputs.files]
