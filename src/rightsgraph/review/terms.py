"""What a review may say: the fact kinds, the properties a correction or an addition may set,
and how their values become RDF terms (keys resolved as `emit` resolves them)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ..emit.refs import Resolver
from ..emit.terms import RG, concept
from ..errors import ReviewError
from ..iris import is_absolute_iri

# fact kind (the IRI segment) -> its class
KINDS = {
    "intervention": RG.Intervention, "violation": RG.ViolationReport,
    "recommendation": RG.Recommendation, "commitment": RG.Commitment,
    "practice": RG.PromisingPractice, "concern": RG.Concern, "citation": RG.Citation,
    "statistic": RG.Statistic, "response": RG.RecommendationResponse,
}
CLASS_KIND = {cls: kind for kind, cls in KINDS.items()}


@dataclass(frozen=True)
class Prop:
    """A property a review may set: how its value is read, which kinds have it, whether it
    takes several values (comma-separated keys)."""

    value: str  # ref, text, plain, decimal, boolean
    kinds: frozenset[str]
    many: bool = False


def _p(value: str, *kinds: str, many: bool = False) -> Prop:
    return Prop(value, frozenset(kinds), many)


PROPERTIES = {
    "violationType": _p("ref", "violation"),
    "reportedBy": _p("ref", "violation", many=True),
    "perpetrator": _p("ref", "violation", many=True),
    "affectedGroup": _p("ref", "violation", many=True),
    "location": _p("ref", "violation", many=True),
    "hedged": _p("boolean", "violation"),
    "recommendedBy": _p("ref", "recommendation", many=True),
    "addressedTo": _p("ref", "recommendation", many=True),
    "action": _p("text", "recommendation", "commitment"),
    "theme": _p("ref", "recommendation", "practice", many=True),
    "committedBy": _p("ref", "commitment", many=True),
    "practiceOf": _p("ref", "practice", many=True),
    "description": _p("text", "practice", "concern"),
    "concernOf": _p("ref", "concern", many=True),
    "speaker": _p("ref", "intervention"),
    "capacity": _p("ref", "intervention"),
    "cites": _p("ref", "citation"),
    "measure": _p("text", "statistic"),
    "value": _p("decimal", "statistic"),
    "about": _p("ref", "statistic", many=True),
    "source": _p("ref", "statistic", many=True),
    "responseStatus": _p("ref", "response"),
    "responseTo": _p("ref", "response"),
    "respondedBy": _p("ref", "response"),
}


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ReviewError(f"unknown fact kind {kind!r}; one of {', '.join(KINDS)}")
    return kind


def check_property(kind: str, name: str) -> Prop:
    prop = PROPERTIES.get(name)
    if prop is None:
        raise ReviewError(f"unknown property {name!r}; one of {', '.join(PROPERTIES)}")
    if kind and kind not in prop.kinds:
        raise ReviewError(f"a {kind} has no {name} (it is a property of: "
                          f"{', '.join(sorted(prop.kinds))})")
    return prop


def terms(name: str, value: str, resolve: Resolver) -> list:
    """The RDF terms of one `name=value` of a review (several for a many-valued ref)."""
    prop = PROPERTIES[name]
    if prop.value == "ref":
        keys = [v.strip() for v in value.split(",")] if prop.many else [value.strip()]
        return [_ref(k, resolve) for k in keys if k]
    if prop.value == "text":
        return [Literal(value, lang="en")]
    if prop.value == "decimal":
        try:
            return [Literal(Decimal(value.replace(",", "")), datatype=XSD.decimal)]
        except InvalidOperation:
            raise ReviewError(f"{name}={value!r}: not a number") from None
    if prop.value == "boolean":
        if value.lower() not in ("true", "false"):
            raise ReviewError(f"{name}={value!r}: true or false")
        return [Literal(value.lower() == "true", datatype=XSD.boolean)]
    return [Literal(value)]


def _ref(key: str, resolve: Resolver) -> URIRef:
    if ":" in key:
        if not is_absolute_iri(key):
            raise ReviewError(f"{key!r} is not an absolute IRI")
        return URIRef(key)
    try:
        return resolve(key)
    except ValueError:
        if "/" in key and key.split("/", 1)[0].replace("-", "").isalpha():
            return concept(key, resolve.base)  # a scheme emit does not know (response-status)
        raise ReviewError(f"{key!r} is no key of an actor, place, instrument or concept "
                          "(e.g. state/COL, violation-type/pushback)") from None
