"""Tables and CSV of the review commands (stderr for tables of problems, stdout for data)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

from .status import EXPORT_COLUMNS, ReportStatus


def csv_bytes(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _kappa(value) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def print_status(rows: list[ReportStatus], fmt: str) -> None:
    import click

    if fmt == "json":
        click.echo(json.dumps([asdict(r) for r in rows], indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(soft_wrap=True)
    table = Table(title="review status")
    for col in ("report", "facts", "reviewed", "rejected", "added", "pending", "reviewers"):
        table.add_column(col, justify="left" if col in ("report", "reviewers") else "right")
    for r in rows:
        table.add_row(r.report, str(r.facts), str(r.reviewed), str(r.rejected), str(r.added),
                      str(r.pending), ", ".join(r.reviewers) or "-")
    console.print(table)
    for r in rows:
        if not r.kappa:
            continue
        agree = Table(title=f"agreement in {r.report} (Cohen's kappa)")
        for col in ("kind", "reviewers", "facts both decided", "kappa"):
            agree.add_column(col)
        for kind, k in r.kappa.items():
            agree.add_row(kind, k["pair"], str(k["items"]), _kappa(k["kappa"]))
        console.print(agree)


def print_unanchored(outcomes, *, quiet: bool = False) -> None:
    """The decisions that no longer anchor, on stderr; a line for the re-anchored count."""
    import click

    lost = [o for o in outcomes if o.status == "unanchored"]
    moved = sum(o.status == "reanchored" for o in outcomes)
    if not quiet and outcomes:
        click.echo(f"reviews: {len(outcomes)} decisions, {len(outcomes) - len(lost) - moved} "
                   f"applied as recorded, {moved} re-anchored by their quote, {len(lost)} "
                   "unanchored", err=True)
    if not lost:
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="unanchored review decisions (not applied)")
    for col in ("report", "id", "decision", "fact", "¶", "quote", "why"):
        table.add_column(col, no_wrap=col in ("id", "decision", "¶"))
    for o in lost:
        r = o.review
        table.add_row(r.report, r.id, r.decision, r.fact or r.kind, str(r.paragraph or ""),
                      r.quote[:60], o.reason)
    Console(stderr=True, soft_wrap=True).print(table)
