"""Build ``data/states.csv`` from pycountry (codes) and ``states_overrides.csv`` (UN facts).

pycountry supplies ISO 3166-1 alpha-2, alpha-3 and numeric codes (the numeric
code is the UN M49 code for every State). The hand-kept overrides file supplies
what ISO does not: the short name as UN documents write it, membership status,
common variants, adjectives, demonyms and Wikidata QIDs. No ISO code is typed by
hand: each overrides row is resolved to a pycountry record by its UN name, or by
the ``lookup`` column where ISO names the country differently.

Run ``python -m rightsgraph.registry.tools.build_states`` to rewrite the CSV.
"""

from __future__ import annotations

import csv
import io
from importlib import resources

import pycountry

from rightsgraph.errors import OntologyError

COLUMNS = (
    "iso3", "iso2", "m49", "name", "variants", "adjectives", "demonyms", "wikidata", "un_status"
)


def _overrides() -> list[dict[str, str]]:
    text = resources.files(__package__).joinpath("states_overrides.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _resolve(row: dict[str, str]):
    key = row["lookup"] or row["name"]
    try:
        return pycountry.countries.lookup(key)
    except LookupError as exc:
        raise OntologyError(f"pycountry does not know {key!r} (row {row['name']!r})") from exc


def build_rows() -> list[dict[str, str]]:
    """The rows of ``states.csv``, sorted by alpha-3 code."""
    rows = []
    for row in _overrides():
        country = _resolve(row)
        rows.append(
            {
                "iso3": country.alpha_3,
                "iso2": country.alpha_2,
                "m49": country.numeric,
                "name": row["name"],
                "variants": row["variants"],
                "adjectives": row["adjectives"],
                "demonyms": row["demonyms"],
                "wikidata": row["wikidata"],
                "un_status": row["status"],
            }
        )
    return sorted(rows, key=lambda r: r["iso3"])


def render() -> str:
    """``states.csv`` as text (UTF-8, LF line ends)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(build_rows())
    return buffer.getvalue()


def main() -> None:
    target = resources.files("rightsgraph.registry").joinpath("data", "states.csv")
    with resources.as_file(target) as path:
        path.write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    main()
