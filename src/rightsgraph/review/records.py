"""Review decisions as plain records, kept in one CSV file per report (``reviews/{id}.csv``).

One line per decision, appended in the order they are made, so that a research group can keep
the folder in git and read every change as a one-line diff. Columns:

``id, time, reviewer, decision, fact, kind, paragraph, start, quote, set, note``

* ``decision``: accept, reject, correct, add, merge or split.
* ``fact``: the reviewed fact's key under the resource base (``report/{id}/violation/3-…``);
  for merge and split, the key of the actor kept (``person/gehad-madi``).
* ``kind``, ``paragraph``, ``start``, ``quote``: where the fact stood when it was reviewed (or
  where an added fact stands), so that the decision can be re-anchored by its quote when the
  paragraph's text changes.
* ``set``: ``name=value`` pairs separated by `` | ``; for correct the new value of one
  property, for add every property of the new fact, for merge ``sameAs=<actor key>`` and
  ``label=<preferred label>``, for split ``differentFrom=<actor key>``. Values are keys as the
  extractors use them (``state/COL``, ``violation-type/pushback``) or text.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import ReviewError
from ..iris import check_report_id

DECISIONS = ("accept", "reject", "correct", "add", "merge", "split")
COLUMNS = ("id", "time", "reviewer", "decision", "fact", "kind", "paragraph", "start", "quote",
           "set", "note")
_REVIEWER = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_SEP = " | "


@dataclass(frozen=True)
class Review:
    """One decision of one reviewer about one fact (or two actors) of one report."""

    report: str
    decision: str
    reviewer: str  # a slug: the reviewer's stable IRI is {base}agent/reviewer/{slug}
    fact: str = ""  # key under the base of the fact (or of the actor kept, for merge/split)
    kind: str = ""
    paragraph: str | None = None  # the paragraph's key (its number in the main numbering)
    start: int | None = None
    quote: str = ""
    values: tuple[tuple[str, str], ...] = ()  # the `set` column
    note: str = ""
    time: str = ""  # ISO 8601, UTC
    id: str = ""

    def value(self, name: str) -> str | None:
        return next((v for k, v in self.values if k == name), None)


def new_review(report: str, decision: str, reviewer: str, *, time: datetime | None = None,
               **fields) -> Review:
    """A decision made now (or at `time`), with its id minted from what it says.

    >>> r = new_review("a-hrc-99-1", "reject", "ana-soto", fact="report/a-hrc-99-1/concern/2-1",
    ...                time=datetime(2026, 12, 4, tzinfo=UTC))
    >>> r.time, len(r.id)
    ('2026-12-04T00:00:00Z', 12)
    """
    check_report_id(report)
    if decision not in DECISIONS:
        raise ReviewError(f"unknown decision {decision!r}; one of {', '.join(DECISIONS)}")
    check_reviewer(reviewer)
    stamp = (time or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if fields.get("paragraph") is not None:
        fields["paragraph"] = str(fields["paragraph"])
    review = Review(report, decision, reviewer, time=stamp, **fields)
    identity = "\x1f".join(_row(review)[1:])
    return Review(**{**review.__dict__, "id": hashlib.sha256(identity.encode()).hexdigest()[:12]})


def check_reviewer(reviewer: str) -> str:
    if not _REVIEWER.match(reviewer or ""):
        raise ReviewError(f"reviewer {reviewer!r} must be a slug (lower-case letters, digits and "
                          "'-', e.g. ana-soto): it names the reviewer's IRI")
    return reviewer


def review_file(folder: str | Path, report: str) -> Path:
    return Path(folder) / f"{check_report_id(report)}.csv"


def read_reviews(folder: str | Path, report: str) -> list[Review]:
    """The decisions recorded for one report, in file order (none when there is no file)."""
    path = review_file(folder, report)
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"{path}: cannot be read ({exc})") from None
    rows = list(csv.DictReader(io.StringIO(text)))
    if rows and set(COLUMNS) - set(rows[0]):
        raise ReviewError(f"{path}: the header must name the columns {', '.join(COLUMNS)}")
    return [_parse(path, n, row, report) for n, row in enumerate(rows, 2)]


def reviewed_reports(folder: str | Path) -> list[str]:
    """Ids of the reports that have a review file in `folder`, in name order."""
    return sorted(p.stem for p in Path(folder).glob("*.csv") if p.is_file())


def append_review(folder: str | Path, review: Review) -> Path:
    """Add one line to the report's review file (made with its header when new), atomically."""
    from ..files import atomic_write

    path = review_file(folder, review.report)
    old = path.read_bytes() if path.is_file() else _line(COLUMNS)
    atomic_write(path, old + _line(_row(review)))
    return path


def _row(r: Review) -> tuple[str, ...]:
    return (r.id, r.time, r.reviewer, r.decision, r.fact, r.kind,
            "" if r.paragraph is None else str(r.paragraph), "" if r.start is None else str(r.start),
            r.quote, _SEP.join(f"{k}={v}" for k, v in r.values), r.note)


def _line(cells) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    return out.getvalue().encode("utf-8")


def _parse(path: Path, line: int, row: dict, report: str) -> Review:
    where = f"{path}:{line}"
    decision = (row.get("decision") or "").strip()
    if decision not in DECISIONS:
        raise ReviewError(f"{where}: unknown decision {decision!r}")
    if not _REVIEWER.match(row.get("reviewer") or ""):
        raise ReviewError(f"{where}: reviewer {row.get('reviewer')!r} is not a slug")
    values = []
    for pair in filter(None, (p.strip() for p in (row.get("set") or "").split(_SEP.strip()))):
        name, eq, value = pair.partition("=")
        if not eq or not name.strip():
            raise ReviewError(f"{where}: {pair!r} in column set is not name=value")
        values.append((name.strip(), value.strip()))
    try:
        paragraph = (row.get("paragraph") or "").strip() or None
        start = int(row["start"]) if row.get("start") else None
    except ValueError:
        raise ReviewError(f"{where}: start must be an integer") from None
    return Review(report, decision, row["reviewer"], fact=(row.get("fact") or "").strip(),
                  kind=(row.get("kind") or "").strip(), paragraph=paragraph, start=start,
                  quote=row.get("quote") or "", values=tuple(values), note=row.get("note") or "",
                  time=(row.get("time") or "").strip(), id=(row.get("id") or "").strip())
