"""RDF and result formats by short name, MIME type or file extension."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import QueryResultsFormat, RdfFormat

from .errors import UsageError

RDF_FORMATS: dict[str, RdfFormat] = {
    "ttl": RdfFormat.TURTLE,
    "turtle": RdfFormat.TURTLE,
    "trig": RdfFormat.TRIG,
    "nq": RdfFormat.N_QUADS,
    "nquads": RdfFormat.N_QUADS,
    "nt": RdfFormat.N_TRIPLES,
    "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "json-ld": RdfFormat.JSON_LD,
    "xml": RdfFormat.RDF_XML,
    "rdf": RdfFormat.RDF_XML,
    "rdfxml": RdfFormat.RDF_XML,
}
RDF_FORMAT_NAMES = ["ttl", "trig", "nq", "nt", "jsonld", "xml"]
RESULT_FORMATS = ["table", "csv", "tsv", "json"]


def rdf_format(name: str | None, path: str | Path | None = None,
               default: RdfFormat = RdfFormat.TURTLE) -> RdfFormat:
    """Resolve ``--format`` (short name or MIME type), else guess from the file name.

    >>> rdf_format("text/turtle").name, rdf_format(None, "x.nq").name, rdf_format("jsonld").name
    ('Turtle', 'N-Quads', 'JSON-LD')
    """
    if name:
        key = name.strip().lower()
        if key in RDF_FORMATS:
            return RDF_FORMATS[key]
        fmt = RdfFormat.from_media_type(key)
        if fmt is not None and fmt in RDF_FORMATS.values():
            return fmt
        raise UsageError(
            f"unknown RDF format {name!r}; use one of {', '.join(RDF_FORMAT_NAMES)} or a MIME type"
        )
    if path not in (None, "-"):
        suffix = Path(str(path)).suffix.lstrip(".").lower()
        if suffix in RDF_FORMATS:
            return RDF_FORMATS[suffix]
        fmt = RdfFormat.from_extension(suffix) if suffix else None
        if fmt is not None:
            return fmt
    return default


def result_format(name: str) -> QueryResultsFormat:
    mapping = {"csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV,
               "json": QueryResultsFormat.JSON, "xml": QueryResultsFormat.XML}
    try:
        return mapping[name]
    except KeyError:
        raise UsageError(f"unknown result format {name!r}") from None
