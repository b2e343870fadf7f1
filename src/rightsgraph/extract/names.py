"""Names to actor keys: registry lookups, classes of organisations found only in the text,
person keys from normalised names."""

from __future__ import annotations

import re
from functools import cache

from ..parse import slugify
from ..registry import Organization, find_mentions, organizations, states

_ACADEMIC = re.compile(
    r"\b(?:Universit(?:y|é|à|ät|ad|ade)|College|Institut(?:e|o)?|Academy|School|Research Cent(?:re|er)|"
    r"Think Tank|Observatory)\b", re.I)
_UN = re.compile(r"^(?:the )?(?:United Nations|UN)\b")
_IGO = re.compile(r"\b(?:Intergovernmental|Inter-Governmental|International Organization)\b")
_MECHANISM = re.compile(r"\b(?:Special Rapporteur|Working Group|Committee on the|Ombudsman|"
                        r"Ombudsperson|"
                        r"National Human Rights (?:Commission|Institution))\b")
_STOP_WORDS = {"the", "of", "on", "for", "and", "in", "to", "at", "a", "an"}
_PARTICLES = r"(?:de|del|della|der|den|di|da|das|do|dos|du|la|le|van|von|al|el|bin|ibn|y|e|zu|ter)"
_NAME_WORD = r"(?:[A-ZÀ-Þ][\w'’-]*\.?|[A-ZÀ-Þ]\.|" + _PARTICLES + r")"
PERSON_NAME = r"[A-ZÀ-Þ][\w'’-]+(?: " + _NAME_WORD + r"){1,5}"
# Words that make a capitalised phrase an institution rather than a person.
_INSTITUTIONAL = {
    "council", "committee", "office", "organization", "organisation", "network", "university", "union",
    "nations", "republic", "state", "states", "commission", "coalition", "project", "centre", "center",
    "agency", "fund", "programme", "program", "institute", "association", "foundation", "group",
    "ministry", "department", "court", "mechanism", "forum", "law", "rights", "international", "global",
    "watch", "federation", "platform", "alliance", "initiative", "secretariat", "assembly", "service",
    "services", "society", "church", "movement", "campaign", "trust", "compact", "convention",
    "general", "special", "human", "migration", "migrants", "refugees", "children", "women", "affairs",
}
PERSON_NOUNS = (
    "migrant", "refugee", "asylum seeker", "asylum-seeker", "survivor", "victim", "family member",
    "relative", "mother", "father", "parent", "woman", "man", "girl", "boy", "child", "youth",
    "young person", "young woman", "young man", "human rights defender", "defender", "activist",
    "journalist", "worker", "witness", "student", "person", "individual", "member of a",
    "member of the family",
    "representative of a", "spokesperson", "volunteer", "lawyer", "doctor", "nurse", "teacher",
)


def looks_like_person_name(text: str) -> bool:
    """A name of two to six words, capitalised, none of them institutional."""
    if not re.fullmatch(PERSON_NAME, text):
        return False
    words = [w.strip(".").lower() for w in text.split()]
    if any(w in _INSTITUTIONAL for w in words):
        return False
    return not find_mentions(text, kinds=("state", "organization"), adjectives=False)


def person_key(name: str) -> str:
    """``person/`` + the slug of the normalised full name (honorifics dropped)."""
    name = re.sub(r"^(?:Mr|Ms|Mrs|Dr|Prof|H\.E)\.? ", "", name.strip())
    return "person/" + slugify(name)


def state_key(iso3: str) -> str:
    return f"state/{iso3}"


def org_key(slug: str) -> str:
    return f"org/{slug}"


def _words(text: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+", slugify(text).replace("-", " "))
    return frozenset(w for w in words if w not in _STOP_WORDS)


def _by_word_set(name: str):
    """A registry organisation named with the same words in another order."""
    target = _words(name)
    if len(target) < 2:
        return None
    return _word_sets().get(target)


@cache
def _word_sets() -> dict[frozenset[str], Organization]:
    """The word set of each organisation's names -> the first organisation (file order)."""
    index: dict[frozenset[str], Organization] = {}
    for org in organizations:
        for form, _field in org.surface_forms():
            index.setdefault(_words(form), org)
    return index


def resolve_name(name: str) -> tuple[str, str] | None:
    """``(key, kind)`` of a State or registry organisation named exactly ``name``."""
    name = name.strip()
    state = states.by_name(name)
    if state is not None:
        return state_key(state.iso3), "State"
    org = organizations.by_name(name) or _by_word_set(name)
    if org is not None:
        return org_key(org.slug), org.actor_class
    return None


def classify_organization(name: str) -> str:
    """The most specific actor class an unknown organisation's name suggests."""
    if _ACADEMIC.search(name):
        return "AcademicInstitution"
    if _MECHANISM.search(name):
        return "HumanRightsMechanism"
    if _UN.search(name):
        return "UNEntity"
    if _IGO.search(name):
        return "IntergovernmentalOrganization"
    return "CivilSocietyOrganization"


def strip_article(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text.strip())


def organization_name_at(text: str) -> str | None:
    """The organisation name a complement starts with: capitalised words and connectors.

    >>> organization_name_at("Fundación para los Derechos to the United Nations")
    'Fundación para los Derechos'
    """
    text = strip_article(text)
    m = re.match(
        r"[A-ZÀ-Þ0-9][\w'’&.-]*(?: (?:(?:of|for|on|and|the|de|del|la|para|pour|sans|des|du|y|et|in|or|"
        r"los|las|"
        r"against|with)\b|[A-ZÀ-Þ0-9][\w'’&.-]*|[a-zà-ÿ][\w'’-]*(?=$)))*", text)
    if not m:
        return None
    name = m.group(0)
    name = re.sub(r"(?: (?:of|for|on|and|the|de|del|la|para|pour|sans|des|du|y|et|in|or|los|las|"
                  r"against|with))+$", "", name)
    name = re.split(r" (?:to|in|at) the United Nations\b| in (?=[A-Z][a-z]+$)", name)[0]
    return name or None
