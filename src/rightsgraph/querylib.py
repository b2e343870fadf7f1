"""The query library: `.rq` files with a metadata header, and safe parameter binding."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .errors import UsageError
from .iris import is_absolute_iri
from .resources import queries_dir

_HEADER = re.compile(r"^#\s*(title|description|param|index)\s*:\s*(.*)$", re.I)
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*\((?P<type>\w+)\)\s*(?:[—–-]+\s*(?P<doc>.*?))?"
    r"(?:,\s*default\s*(?P<default>.*))?$"
)
_INDEX = re.compile(r"^(?P<param>[A-Za-z_]\w*)\s*->\s*\??(?P<variable>[A-Za-z_]\w*)"
                    r"(?P<predicates>(?:\s+\S+)*)\s*$")
_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:\s*<", re.I)
TYPES = ("string", "iri", "integer", "decimal", "date", "boolean")
MAX_PARAM = 10_000


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    doc: str = ""
    default: str | None = None


@dataclass(frozen=True)
class TextIndexHint:
    """``# index: text -> recommendation rg:action rg:quote``: the subjects of `predicates`
    (any predicate when empty) whose string literal contains the value of the string parameter
    `param` may be looked up in the store's text index and bound to `variable`, in the query's
    placeholder ``VALUES ?variable { UNDEF }`` (see `bind`)."""

    param: str
    variable: str
    predicates: tuple[str, ...] = ()


@dataclass(frozen=True)
class LibraryQuery:
    name: str
    path: Path
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    index: tuple[TextIndexHint, ...] = ()


def load_query(path: str | Path) -> LibraryQuery:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{p}: cannot read query ({exc.strerror})") from None
    meta: dict[str, str] = {}
    params: list[Param] = []
    hints: list[str] = []
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if not m:
            continue
        key, value = m.group(1).lower(), m.group(2).strip()
        if key == "index":
            hints.append(value)
        elif key == "param":
            pm = _PARAM.match(value)
            if not pm or pm.group("type") not in TYPES:
                raise UsageError(f"{p}: malformed '# param:' line: {value!r}")
            default = pm.group("default")
            params.append(Param(pm.group("name"), pm.group("type"), (pm.group("doc") or "").strip(),
                                default.strip().strip('"') if default else None))
        else:
            meta[key] = (meta.get(key, "") + " " + value).strip()
    return LibraryQuery(p.stem, p, meta.get("title", p.stem), meta.get("description", ""),
                        tuple(params), text, tuple(_index_hint(p, h, params, text) for h in hints))


def _index_hint(path: Path, value: str, params: list[Param], text: str) -> TextIndexHint:
    """Read one ``# index:`` line: a declared string parameter, a variable with a placeholder
    in the query, predicates as ``<IRI>`` or prefixed names of the query's prologue."""
    m = _INDEX.match(value)
    declared = {p.name: p.type for p in params}
    placeholders = {v.group(1) for v in _PLACEHOLDER.finditer(_mask(text))}
    if (not m or declared.get(m.group("param")) != "string" or m.group("variable") in declared
            or m.group("variable") not in placeholders):
        raise UsageError(f"{path}: malformed '# index:' line: {value!r} (wants a string "
                         "parameter, '->' and a variable with a 'VALUES ?name { UNDEF }')")
    prefixes = {}  # declared in the query (not in its comments or strings): name -> IRI
    for pm in _PREFIX_DECL.finditer(_mask(text, keep_iris=True)):
        prefixes[pm.group(1) or ""] = text[pm.end():text.index(">", pm.end())]
    iris = []
    for name in m.group("predicates").split():
        if name.startswith("<") and name.endswith(">") and is_absolute_iri(name[1:-1]):
            iris.append(name[1:-1])
            continue
        prefix, colon, local = name.partition(":")
        if not colon or prefix not in prefixes:
            raise UsageError(f"{path}: '# index:' names {name!r}, neither an <IRI> nor a "
                             "prefixed name of the query")
        iris.append(prefixes[prefix] + local)
    return TextIndexHint(m.group("param"), m.group("variable"), tuple(iris))


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


_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
          "\b": "\\b", "\f": "\\f"}
_XSD = "http://www.w3.org/2001/XMLSchema#"


def sparql_string(value: str) -> str:
    r"""A SPARQL string literal for any text: only ECHAR escapes, so nothing in `value` can
    end the literal (``\u0022`` stays six characters, a quote stays a quote).

    >>> print(sparql_string('x" } UNION { ?s ?p ?o } #'))
    "x\" } UNION { ?s ?p ?o } #"
    >>> print(sparql_string("\\u0022"))
    "\\u0022"
    """
    return '"' + "".join(_ECHAR.get(ch, ch) for ch in value) + '"'


def to_term(value: str, type_: str) -> str:
    """Turn a user-supplied value into the SPARQL text of one RDF term, or refuse it
    (`UsageError`, exit 2). The value is never pasted into the query as syntax.

    >>> to_term("12", "integer"), to_term("2024-05-15", "date")
    ('"12"^^<http://www.w3.org/2001/XMLSchema#integer>', '"2024-05-15"^^<http://www.w3.org/2001/XMLSchema#date>')
    >>> to_term("https://w3id.org/rightsgraph/id/state/COL", "iri")
    '<https://w3id.org/rightsgraph/id/state/COL>'
    """
    if len(value) > MAX_PARAM:
        raise UsageError(f"parameter value longer than {MAX_PARAM} characters")
    if "\x00" in value or any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise UsageError("parameter value holds a NUL or an undecodable character")
    try:
        if type_ == "string":
            return sparql_string(value)
        if type_ == "integer":
            return _typed(str(int(value.strip())), "integer")
        if type_ == "decimal":
            number = Decimal(value.strip())
            if not number.is_finite():
                raise ValueError(value)
            return _typed(format(number, "f"), "decimal")
        if type_ == "date":
            return _typed(date.fromisoformat(value.strip()).isoformat(), "date")
        if type_ == "boolean":
            if value.strip().lower() not in ("true", "false"):
                raise ValueError(value)
            return _typed(value.strip().lower(), "boolean")
        if type_ == "iri":
            if not is_absolute_iri(value):  # control characters included: never pasted raw
                raise ValueError(value)
            return f"<{value}>"
    except (ValueError, InvalidOperation):
        shown = value if len(value) <= 60 else value[:57] + "..."
        raise UsageError(f"{shown!r} is not a valid {type_}") from None
    raise UsageError(f"unknown parameter type {type_!r}")


def _typed(lexical: str, datatype: str) -> str:
    return f'"{lexical}"^^<{_XSD}{datatype}>'


_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_PROLOGUE = re.compile(r"(?:\s*(?:BASE\s*<\s*>|PREFIX\s+[^\s:]*:\s*<\s*>))*\s*", re.I)
QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
_PLACEHOLDER = re.compile(r"\bVALUES\s+\?([A-Za-z_]\w*)\s*\{\s*UNDEF\s*\}", re.I)
UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


def _mask(text: str, *, keep_iris: bool = False) -> str:
    """`text` with comments, strings (and IRIs) blanked out, offsets unchanged."""
    def blank(m: re.Match[str]) -> str:
        token = m.group(0)
        if keep_iris and token.startswith("<"):
            return "<" + " " * (len(token) - 2) + ">"
        return " " * len(token)
    return _TOKENS.sub(blank, text)


def _where_brace(text: str) -> int | None:
    """Offset just after the ``{`` opening the query's WHERE group, ignoring comments and
    strings (a ``where {`` in a description must not catch the bindings)."""
    m = re.search(r"\bWHERE\s*\{", _mask(text), re.I)
    return m.end() if m else None


def query_form(text: str) -> str | None:
    r"""The keyword that opens a SPARQL request after its prologue (``SELECT``, ``ASK``,
    ``INSERT``, ``DROP`` ...), or None when the text opens with none of them. Comments, strings
    and IRIs are skipped, so words in a ``# description:`` or a literal do not count.

    >>> query_form("# description: the addressee of each recommendation\nSELECT * {}")
    'SELECT'
    >>> query_form('PREFIX rg: <https://w3id.org/rightsgraph/ontology#>\n# add\nASK { ?s ?p "x" }')
    'ASK'
    >>> query_form("PREFIX : <urn:x#> DROP GRAPH <urn:g>")
    'DROP'
    """
    masked = _mask(text, keep_iris=True)
    m = re.match(r"[A-Za-z]+", masked[_PROLOGUE.match(masked).end():])
    word = m.group(0).upper() if m else None
    return word if word in QUERY_FORMS + UPDATE_FORMS else None


def names_dataset(text: str) -> bool:
    """True when the query names its own RDF dataset with ``FROM`` or ``FROM NAMED`` (outside
    comments, strings and IRIs; a variable ``?from`` or a name ``ex:from`` is not one).

    >>> names_dataset("SELECT * FROM <urn:g> WHERE { ?s ?p ?o }")
    True
    >>> names_dataset('SELECT ?from WHERE { ?from ex:from "FROM" } # FROM')
    False
    """
    return re.search(r"(?<![?$\w:])FROM(?![\w:])", _mask(text), re.I) is not None


def parse_params(pairs: list[str] | tuple[str, ...]) -> dict[str, list[str]]:
    """``["k=v", "k=w"]`` -> ``{"k": ["v", "w"]}`` (a repeated parameter binds several values).

    >>> parse_params(["text=a=b", "state=x", "state=y"])
    {'text': ['a=b'], 'state': ['x', 'y']}
    """
    out: dict[str, list[str]] = {}
    for p in pairs:
        if "=" not in p:
            raise UsageError(f"--param takes K=V, got {p!r}")
        k, v = p.split("=", 1)
        out.setdefault(k.strip(), []).append(v)
    return out


def given_values(query: LibraryQuery, values: dict[str, str | list[str]]) -> dict[str, list[str]]:
    """The raw values each declared parameter is bound to: those given (empty strings
    dropped), else its default; a parameter with neither is left out (it means "any").

    >>> q = LibraryQuery("q", Path("q.rq"), "q", "", (Param("text", "string", default="x"),
    ...                  Param("n", "integer")), "SELECT * WHERE { }")
    >>> given_values(q, {"n": ["1", ""]}), given_values(q, {"text": "a"})
    ({'text': ['x'], 'n': ['1']}, {'text': ['a']})
    """
    declared = {p.name: p for p in query.params}
    unknown = set(values) - set(declared)
    if unknown:
        raise UsageError(f"unknown parameter(s) {', '.join(sorted(unknown))} for {query.name}; "
                         f"declared: {', '.join(declared) or 'none'}")
    out: dict[str, list[str]] = {}
    for p in query.params:
        given = values.get(p.name)
        raws = [given] if isinstance(given, str) else list(given or [])
        raws = [r for r in raws if r != ""] or ([p.default] if p.default else [])
        if raws:
            out[p.name] = raws
    return out


def bind(query: LibraryQuery, values: dict[str, str | list[str]],
         candidates: dict[str, list[str]] | None = None) -> str:
    """Return the query text with a VALUES block binding each parameter.

    The block is inserted at the start of the WHERE group, so the bindings apply before
    evaluation (the SPARQL 1.1 inline-data form every engine supports). A query may also hold
    a placeholder ``VALUES ?name { UNDEF }`` (which binds nothing) inside a subquery, where the
    outer block cannot reach: it gets the same values, so a bound parameter selects what the
    subquery reads. A parameter given several values binds all of them; an unset parameter
    without a default stays unbound (placeholders too), which the library queries read as "any".

    `candidates` (variable -> IRIs) fills the placeholders of the variables a ``# index:``
    header names (`TextIndexHint`) with what the store's text index found for the parameter
    (`rightsgraph.prefilter.bind_query` asks the store); an empty list makes the query answer
    nothing, a variable left out keeps its ``UNDEF``. The IRIs come from the store and are
    written as they are.

    >>> q = LibraryQuery("q", Path("q.rq"), "q", "", (Param("x", "iri"),),
    ...                  "SELECT * WHERE { { SELECT ?x WHERE { VALUES ?x { UNDEF } ?x ?p ?o } } }")
    >>> print(bind(q, {"x": "urn:a"}))
    SELECT * WHERE {
      VALUES ?x { <urn:a> }
     { SELECT ?x WHERE { VALUES ?x { <urn:a> } ?x ?p ?o } } }
    """
    types = {p.name: p.type for p in query.params}
    bindings: dict[str, str] = {}  # parameter name -> its VALUES block
    for name, raws in given_values(query, values).items():
        terms = " ".join(dict.fromkeys(to_term(r, types[name]) for r in raws))
        bindings[name] = f"VALUES ?{name} {{ {terms} }}"
    if not bindings:
        return query.text
    found = {hint.variable for hint in query.index}
    text = _fill_placeholders(query.text, bindings | {
        var: f"VALUES ?{var} {{ {' '.join(f'<{iri}>' for iri in iris)} }}"
        for var, iris in (candidates or {}).items() if var in found})
    at = _where_brace(text)
    if at is None:
        raise UsageError(f"{query.name}: no WHERE clause to bind parameters into")
    return text[:at] + "\n  " + "\n  ".join(bindings.values()) + "\n" + text[at:]


def _fill_placeholders(text: str, blocks: dict[str, str]) -> str:
    """`text` with each ``VALUES ?name { UNDEF }`` of a bound parameter (outside comments,
    strings and IRIs) replaced by its VALUES block (`blocks`: name -> block)."""
    spans = [(m.start(), m.end(), blocks[m.group(1)]) for m in _PLACEHOLDER.finditer(_mask(text))
             if m.group(1) in blocks]
    for start, end, block in reversed(spans):
        text = text[:start] + block + text[end:]
    return text
