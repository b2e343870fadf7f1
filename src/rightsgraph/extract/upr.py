"""The universal periodic review: the Working Group report and its Add.1 (views on
recommendations), read with their rule packs (``rules/<lang>/upr-working-group-report/``,
``rules/<lang>/upr-views/``).

- Working Group report: every numbered item ``N.k`` of a paragraph ``N`` of the conclusions is a
  recommendation numbered ``"N.k"``, made by every State named in its parentheses, addressed to
  the State under review (the cover's), its key minted from the report's symbol and its number;
  the lead of its paragraph, when it says so, is the State's response (supported or noted).
  The delegations' statements of the interactive dialogue are interventions by those States.
- Add.1: each number of the lists of supported and noted recommendations (ranges and clusters
  expanded) is a response of the State of the cover to the recommendation of that number in the
  Working Group report its symbol adds to (``A/HRC/43/15/Add.1`` -> ``A/HRC/43/15``).
"""

from __future__ import annotations

import re

from ..document import Document
from ..facts import Actor, Evidence, Facts, Intervention, Recommendation, RecommendationResponse
from ..parse import slugify
from ..profile import Profile
from ..registry import find_mentions
from .actors import registry_actor
from .recommendations import specificity
from .rulepack import Match, RulePack, items, load_pack, paragraph_key, run
from .vocab import find_concepts

_ADDENDUM = re.compile(r"/Add\.\d+$", re.IGNORECASE)
_JOINERS = re.compile(r"^[\s,;]*(?:and|et|y)?[\s,;]*$", re.IGNORECASE)


def recommendation_key(report_id: str, number: str) -> str:
    """``report/a-hrc-43-15/recommendation/121.1``: the recommendation's one IRI in every
    document, under the Working Group report (whose id is its symbol's slug)."""
    return f"report/{report_id}/recommendation/{number}"


def working_group_symbol(symbol: str | None) -> str | None:
    """The symbol of the Working Group report an addendum adds to (itself when it is none)."""
    return _ADDENDUM.sub("", symbol) if symbol else None


def _pack(profile: Profile) -> RulePack | None:
    return load_pack(profile.language, profile.pack)


def _actors(keys) -> tuple[Actor, ...]:
    found = {}
    for key in keys:
        actor = registry_actor(key)
        if actor is not None:
            found[key] = actor
    return tuple(found[k] for k in sorted(found))


def recommenders(text: str, parenthesis: re.Pattern) -> tuple[str, ...]:
    """The States of the parentheses of a recommendation whose words are all States' names."""
    keys: list[str] = []
    for group in parenthesis.finditer(text):
        inner = group.group(1)
        found = find_mentions(inner, kinds=("state",), adjectives=False)
        if not found:
            continue
        pos, rest = 0, []
        for m in found:
            rest.append(inner[pos:m.start])
            pos = m.end
        rest.append(inner[pos:])
        if all(_JOINERS.match(part) for part in rest):
            keys.extend(f"state/{m.key}" for m in found)
    return tuple(dict.fromkeys(keys))


def _action(text: str, parenthesis: re.Pattern) -> str:
    """The recommendation's words without the parentheses naming its recommenders."""
    out, pos = [], 0
    for group in parenthesis.finditer(text):
        if recommenders(group.group(0), parenthesis):
            out.append(text[pos:group.start()])
            pos = group.end()
    out.append(text[pos:])
    return re.sub(r"\s+", " ", "".join(out)).strip(" ;.,")


def extract_upr_working_group(doc: Document, profile: Profile) -> Facts:
    pack = _pack(profile)
    if pack is None:
        return Facts()
    parenthesis = pack.patterns.get("recommenders")
    if parenthesis is None:
        return Facts()
    matches = run(doc, pack, subject=profile.subject)
    recs: list[Recommendation] = []
    numbered: dict[object, list[Match]] = {}
    for m in matches:
        if m.fact == "recommendation":
            number = m.text("number")
            action = _action(m.text("action") or m.quote, parenthesis)
            score, score_rule = specificity(action)
            recs.append(Recommendation(
                action=action, evidence=m.evidence,
                recommended_by=recommenders(m.quote, parenthesis),
                addressed_to=m.roles.get("addressed_to", ()),
                themes=tuple(dict.fromkeys(c.ref for c in find_concepts(action, "theme"))),
                instruments=tuple(dict.fromkeys(
                    a.key for a in m.annotations if a.kind == "instrument")),
                specificity=score, specificity_rule=score_rule,
                number=number, key=recommendation_key(doc.report_id, number), rule=m.rule,
            ))
            numbered.setdefault(m.paragraph, []).append(m)
    responses = []
    by_key = {paragraph_key(p): p for p in doc.paragraphs}
    for m in matches:
        if m.fact != "response" or m.paragraph not in by_key:
            continue
        lead = _lead(m, by_key[m.paragraph])
        if lead is None:
            continue
        for number, _start, _end in items(by_key[m.paragraph]):
            responses.append(RecommendationResponse(
                recommendation=recommendation_key(doc.report_id, number), number=number,
                status=m.values["status"], evidence=lead,
                responded_by=m.roles.get("responded_by", ()), rule=m.rule,
            ))
    interventions = _interventions(matches)
    keys = {k for r in recs for k in (*r.recommended_by, *r.addressed_to)}
    keys |= {i.speaker for i in interventions} | {profile.subject} - {None}
    return Facts(actors=_actors(keys), recommendations=tuple(recs), responses=tuple(responses),
                 interventions=interventions)


def _lead(m: Match, paragraph) -> Evidence | None:
    """The response's evidence: the lead of its paragraph, up to the first numbered item."""
    first = next(iter(items(paragraph)), None)
    if first is None or m.end > first[1]:
        return None
    return m.evidence


def _interventions(matches: list[Match]) -> tuple[Intervention, ...]:
    """One intervention per paragraph: the first sentence that names its speaker."""
    seen: set[object] = set()
    out = []
    for m in matches:
        if m.fact != "intervention" or m.paragraph in seen:
            continue
        speaker = m.roles.get("speaker", ())
        if len(speaker) != 1:
            continue
        if m.rule.endswith("delegation") and not _whole_state(m.text("speaker") or ""):
            continue
        seen.add(m.paragraph)
        out.append(Intervention(speaker=speaker[0], segment=None, capacity="capacity/delegate",
                                evidence=m.evidence, rule=m.rule))
    return tuple(out)


def _whole_state(text: str) -> bool:
    """The words are one State's name (with its article), nothing else."""
    found = find_mentions(text, kinds=("state",), adjectives=False)
    if len(found) != 1:
        return False
    before = text[: found[0].start].strip()
    return before.lower() in ("", "the") and not text[found[0].end:].strip()


def expand_numbers(text: str, number: re.Pattern) -> list[str]:
    """``"122.17-18, 122.22, 140.1-140.5"`` -> every number it names, in order."""
    out: list[str] = []
    for m in number.finditer(text):
        head, first, head2, last = m.group(1), int(m.group(2)), m.group(3), m.group(4)
        if last is None or (head2 is not None and head2 != head) or int(last) < first:
            out.append(f"{head}.{first}")
            if last is not None:
                out.append(f"{head2 or head}.{int(last)}")
            continue
        out.extend(f"{head}.{k}" for k in range(first, int(last) + 1))
    return list(dict.fromkeys(out))


def extract_upr_views(doc: Document, profile: Profile) -> Facts:
    pack = _pack(profile)
    symbol = working_group_symbol(profile.symbol or doc.symbol)
    number = pack.patterns.get("number") if pack is not None else None
    if pack is None or symbol is None or number is None:
        return Facts()
    responses: dict[str, RecommendationResponse] = {}
    for m in run(doc, pack, subject=profile.subject, facts=("response",)):
        for n in expand_numbers(m.text("numbers") or "", number):
            # a number listed twice keeps its first position
            responses.setdefault(n, RecommendationResponse(
                recommendation=recommendation_key(slugify(symbol), n), number=n,
                status=m.values["status"], evidence=m.evidence,
                responded_by=m.roles.get("responded_by", ()), rule=m.rule,
            ))
    keys = {profile.subject} - {None}
    return Facts(actors=_actors(keys), responses=tuple(responses.values()))
