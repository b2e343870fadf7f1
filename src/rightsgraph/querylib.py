"""The query library: `.rq` files with a metadata header, and safe parameter binding."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from .errors import UsageError
from .iris import is_absolute_iri
from .resources import queries_dir

_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$", re.I)
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*\((?P<type>\w+)\)\s*(?:[—–-]+\s*(?P<doc>.*?))?"
    r"(?:,\s*default\s*(?P<default>.*))?$"
)
TYPES = ("string", "iri", "integer", "decimal", "date", "boolean")
MAX_PARAM = 10_000


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    doc: str = ""
    default: str | None = None


@dataclass(frozen=True)
class LibraryQuery:
    name: str
    path: Path
    title: str
    description: str
    params: tuple[Param, ...]
    text: str


def load_query(path: str | Path) -> LibraryQuery:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{p}: cannot read query ({exc.strerror})") from None
    meta: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if not m:
            continue
        key, value = m.group(1).lower(), m.group(2).strip()
        if key == "param":
            pm = _PARAM.match(value)
            if not pm or pm.group("type") not in TYPES:
                raise UsageError(f"{p}: malformed '# param:' line: {value!r}")
            default = pm.group("default")
            params.append(Param(pm.group("name"), pm.group("type"), (pm.group("doc") or "").strip(),
                                default.strip().strip('"') if default else None))
        else:
            meta[key] = (meta.get(key, "") + " " + value).strip()
    return LibraryQuery(p.stem, p, meta.get("title", p.stem), meta.get("description", ""),
                        tuple(params), text)


def library(folder: Path | None = None) -> list[LibraryQuery]:
    folder = folder or queries_dir()
    return [load_query(p) for p in sorted(folder.glob("*.rq"))]


def find_query(name_or_path: str) -> LibraryQuery:
    """A library query by name (``speakers``) or any ``.rq`` file path."""
    p = Path(name_or_path)
    if p.suffix == ".rq" or p.exists():
        if not p.exists():
            raise UsageError(f"{p}: no such query file")
        return load_query(p)
    candidate = queries_dir() / f"{name_or_path}.rq"
    if candidate.exists():
        return load_query(candidate)
    names = ", ".join(q.name for q in library())
    raise UsageError(f"unknown query {name_or_path!r}; library: {names}")


def to_term(value: str, type_: str):
    """Turn a user-supplied value into an RDF term, or refuse it (never pasted as text)."""
    if len(value) > MAX_PARAM:
        raise UsageError(f"parameter value longer than {MAX_PARAM} characters")
    try:
        if type_ == "string":
            return Literal(value)
        if type_ == "integer":
            return Literal(int(value), datatype=XSD.integer)
        if type_ == "decimal":
            return Literal(Decimal(value), datatype=XSD.decimal)
        if type_ == "date":
            return Literal(date.fromisoformat(value), datatype=XSD.date)
        if type_ == "boolean":
            if value.lower() not in ("true", "false"):
                raise ValueError(value)
            return Literal(value.lower() == "true", datatype=XSD.boolean)
        if type_ == "iri":
            if not is_absolute_iri(value):  # control characters included: never pasted raw
                raise ValueError(value)
            return URIRef(value)
    except (ValueError, InvalidOperation):
        raise UsageError(f"{value!r} is not a valid {type_}") from None
    raise UsageError(f"unknown parameter type {type_!r}")


def bind(query: LibraryQuery, values: dict[str, str]) -> str:
    """Return the query text with a VALUES block binding each parameter.

    The block is inserted at the start of the first WHERE group, so the bindings apply before
    evaluation (the SPARQL 1.1 inline-data form every engine supports).
    """
    declared = {p.name: p for p in query.params}
    unknown = set(values) - set(declared)
    if unknown:
        raise UsageError(f"unknown parameter(s) {', '.join(sorted(unknown))} for {query.name}; "
                         f"declared: {', '.join(declared) or 'none'}")
    bindings = []
    for p in query.params:
        raw = values.get(p.name, p.default)
        if raw is None or raw == "":
            continue
        bindings.append(f"VALUES ?{p.name} {{ {to_term(raw, p.type).n3()} }}")
    if not bindings:
        return query.text
    m = re.search(r"\bWHERE\s*\{", query.text, re.I)
    if not m:
        raise UsageError(f"{query.name}: no WHERE clause to bind parameters into")
    return query.text[: m.end()] + "\n  " + "\n  ".join(bindings) + "\n" + query.text[m.end():]
