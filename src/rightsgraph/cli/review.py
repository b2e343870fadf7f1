"""`rightsgraph review ...`: record decisions in review files, see where a review stands,
export the reviewed facts. A thin shell over `rightsgraph.review`."""

from __future__ import annotations

import os

import click

from ..errors import UsageError
from . import CONTEXT, _open, handle_errors, main

REVIEWER_HELP = "Your reviewer name, a slug such as ana-soto [default: $RIGHTSGRAPH_REVIEWER]."


def reviews_option(func):
    """--reviews DIR, shared by build, publish and the review commands."""
    return click.option("--reviews", "reviews_dir", metavar="DIR", type=click.Path(file_okay=False),
                        help="Folder of review files to re-apply, one {report-id}.csv each "
                        "[default: $RIGHTSGRAPH_REVIEWS, else reviews/ when it exists].")(func)


def _decision_options(func):
    func = click.option("--note", default="", help="Why: a free-text note kept with the decision.")(func)
    func = click.option("--reviewer", envvar="RIGHTSGRAPH_REVIEWER", help=REVIEWER_HELP)(func)
    func = click.option("--store", "store_path", metavar="DIR", type=click.Path(file_okay=False),
                        help="Embedded store the facts are looked up in [default: "
                        "$RIGHTSGRAPH_STORE or build/store].")(func)
    return reviews_option(func)


def _folder(reviews_dir: str | None, *, create: bool = True) -> str:
    folder = reviews_dir or os.environ.get("RIGHTSGRAPH_REVIEWS") or "reviews"
    if create:
        os.makedirs(folder, exist_ok=True)
    return folder


def _pairs(items) -> tuple[tuple[str, str], ...]:
    out = []
    for item in items:
        name, eq, value = item.partition("=")
        if not eq or not name:
            raise UsageError(f"--set {item!r}: give NAME=VALUE")
        out.append((name.strip(), value.strip()))
    return tuple(out)


def _record(decision, store_path, reviews_dir, reviewer, **fields):
    from ..review.lookup import record

    if not reviewer:
        raise UsageError("give --reviewer NAME (or set RIGHTSGRAPH_REVIEWER)")
    with _open(store_path, None, read_only=True) as store:
        review = record(store, _folder(reviews_dir), decision, reviewer, **fields)
    target = review.fact or f"{review.kind} in ¶{review.paragraph} [{review.start}, " \
        f"{review.start + len(review.quote)})"
    click.echo(f"{decision} {target}: recorded as {review.id} in "
               f"{os.path.join(_folder(reviews_dir, create=False), review.report + '.csv')}")


@main.group(context_settings=CONTEXT)
def review():
    """Human review: accept, reject, correct and add facts, merge actors; kept in review files
    (one CSV per report, a line per decision, for git) and re-applied by every build.

    \b
    Example:
      rightsgraph review reject report/r/violation/12-3f2a9c01de --reviewer ana-soto --note "not a violation"
      rightsgraph review status
    """


@review.command(context_settings=CONTEXT)
@click.argument("facts", nargs=-1, required=True)
@_decision_options
@handle_errors
def accept(facts, reviews_dir, store_path, reviewer, note):
    """Confirm FACTS (IRIs or keys such as report/{id}/violation/3-…) as extracted.

    \b
    Example:
      rightsgraph review accept report/$R/violation/12-e46a1cfadb --reviewer ana-soto
    """
    for fact in facts:
        _record("accept", store_path, reviews_dir, reviewer, fact=fact, note=note)


@review.command(context_settings=CONTEXT)
@click.argument("facts", nargs=-1, required=True)
@_decision_options
@handle_errors
def reject(facts, reviews_dir, store_path, reviewer, note):
    """Reject FACTS: they leave the reviewed graph (their decisions stay in the review graph).

    \b
    Example:
      rightsgraph review reject report/$R/violation/1-1ac2531666 --note "not a reported incident"
    """
    for fact in facts:
        _record("reject", store_path, reviews_dir, reviewer, fact=fact, note=note)


@review.command(context_settings=CONTEXT)
@click.argument("fact")
@click.option("--set", "sets", required=True, metavar="NAME=VALUE",
              help="The property and its new value: violationType=violation-type/pushback, "
              "addressedTo=state/COL (several: comma-separated), action=..., responseStatus=...")
@_decision_options
@handle_errors
def correct(fact, sets, reviews_dir, store_path, reviewer, note):
    """Give one property of FACT a new value.

    \b
    Example:
      rightsgraph review correct report/$R/violation/12-e72b9223a3 \\
          --set violationType=violation-type/immigration-detention-of-children
    """
    _record("correct", store_path, reviews_dir, reviewer, fact=fact, values=_pairs([sets]),
            note=note)


@review.command(context_settings=CONTEXT)
@click.argument("report")
@click.option("--kind", required=True, help="violation, recommendation, commitment, practice, "
              "concern, citation, statistic, intervention.")
@click.option("--paragraph", required=True, metavar="KEY",
              help="The paragraph: its number (its key in its IRI, annex-1-3 in an annex).")
@click.option("--quote", required=True, help="The paragraph's exact words (offsets are computed).")
@click.option("--set", "sets", multiple=True, metavar="NAME=VALUE",
              help="A property of the new fact (repeatable).")
@_decision_options
@handle_errors
def add(report, kind, paragraph, quote, sets, reviews_dir, store_path, reviewer, note):
    """Add a fact the extractor missed in REPORT (its id), with its evidence: the quote must
    be words of the paragraph; its offsets are computed.

    \b
    Example:
      rightsgraph review add $R --kind violation --paragraph 12 --quote "conducted age assessments" \\
          --set violationType=violation-type/lack-of-individual-assessment
    """
    _record("add", store_path, reviews_dir, reviewer, report=report, kind=kind,
            paragraph=paragraph, quote=quote, values=_pairs(sets), note=note)


@review.command(context_settings=CONTEXT)
@click.argument("report")
@click.argument("kept")
@click.argument("other")
@click.option("--label", help="The preferred label of the merged actor.")
@_decision_options
@handle_errors
def merge(report, kept, other, label, reviews_dir, store_path, reviewer, note):
    """In REPORT, actor OTHER is actor KEPT (keys such as person/gehad-madi): owl:sameAs, and
    the report's facts name KEPT.

    \b
    Example:
      rightsgraph review merge $R group/some-participants group/several-participants \\
          --label "Some participants"
    """
    values = (("sameAs", other),) + ((("label", label),) if label else ())
    _record("merge", store_path, reviews_dir, reviewer, report=report, fact=kept, values=values,
            note=note)


@review.command(context_settings=CONTEXT)
@click.argument("report")
@click.argument("kept")
@click.argument("other")
@_decision_options
@handle_errors
def split(report, kept, other, reviews_dir, store_path, reviewer, note):
    """Undo a merge in REPORT: KEPT and OTHER are different actors.

    \b
    Example:
      rightsgraph review split $R group/some-participants group/several-participants
    """
    _record("split", store_path, reviews_dir, reviewer, report=report, fact=kept,
            values=(("differentFrom", other),), note=note)


@review.command(context_settings=CONTEXT)
@reviews_option
@click.option("--store", "store_path", metavar="DIR", type=click.Path(file_okay=False),
              help="Embedded store [default: $RIGHTSGRAPH_STORE or build/store].")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@handle_errors
def status(reviews_dir, store_path, fmt):
    """Per report: facts, reviewed, rejected, added, pending; with two reviewers, Cohen's kappa
    per fact kind over the facts both decided on (as last built into the store).

    \b
    Example:
      rightsgraph review status --store build/store --reviews reviews
    """
    from ..review.render import print_status
    from ..review.status import review_status

    with _open(store_path, None, read_only=True) as store:
        rows = review_status(store, _folder(reviews_dir, create=False))
    print_status(rows, fmt)


@review.command("export", context_settings=CONTEXT)
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE|-")
@click.option("--store", "store_path", metavar="DIR", type=click.Path(file_okay=False),
              help="Embedded store [default: $RIGHTSGRAPH_STORE or build/store].")
@handle_errors
def export_cmd(output, store_path):
    """The facts in their reviewed state as CSV: report, fact, kind, paragraph, quote, label,
    status (machine-extracted, accept, correct, add), decision, reviewer, time.

    \b
    Example:
      rightsgraph review export -o build/reviewed.csv
    """
    from ..files import atomic_write
    from ..review.render import csv_bytes
    from ..review.status import reviewed_facts

    with _open(store_path, None, read_only=True) as store:
        data = csv_bytes(reviewed_facts(store))
    atomic_write(output, data)

