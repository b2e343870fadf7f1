"""Recommendations: one `Recommendation` per distinct recommended action.

A sentence recommends when its verb recommends, urges, calls upon or for, encourages,
invites, advocates, advises (a "call for input" or for submissions asks for contributions to a
report: it recommends nothing), or stresses / underlines / underscores / emphasizes /
highlights / recalls / reiterates the need, importance or call for something ("A strong call
was made for ...", "It was recommended that ..." too). The complement after the trigger is
split into coordinated actions ("to A, to B and to C"; "advancing A, changing B and ensuring
C"). `recommendedBy` is the sentence's speaker, or the organ of an "in which the Council ..."
clause; `addressedTo` the States, Council, civil society, stakeholders or named State or
organisation the verb governs. Themes, GCM objectives, SDG targets and instruments come from
the action's own words; themes add their objectives and targets from
``data/theme-objectives.csv``.

Specificity follows UPR Info's five action categories; the first rule that fits wins and is
recorded as ``specificity_rule``:

5 specific action: the action's verb is concrete (ratify, adopt a law, establish, create,
  launch, appoint, abolish, repeal, revoke, decriminalize, prohibit, amend, end), or it states
  a figure or a time limit;
3 considering change: consider, review, explore, study, assess, reflect;
2 continuing action: continue, maintain, pursue, keep, renew, uphold, persevere;
1 minimal action: share, exchange, engage, join, seek or request assistance;
4 general action: everything else (ensure, promote, strengthen, take measures ...).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from functools import cache
from importlib import resources

from ..document import Document
from ..facts import Actor, Recommendation
from ..registry import find_mentions, organizations, states
from .sentences import evidence, sentences
from .speakers import Attribution
from .vocab import find_concepts

_NEED = r"(?:urgent |critical |crucial |vital |pressing )?(?:need|importance|imperative|call)"
TRIGGER = re.compile(
    r"\b(?:(?:recommended|recommends|recommend)(?: that)?|urged(?: for)?|urges(?: for)?|"
    r"call(?:ed|s|ing)? (?:up)?on|call(?:ed|s|ing)? for"
    r"(?! (?:input|inputs|submissions|contributions|comments|proposals|applications|nominations)\b)|"
    r"encouraged|encourages|encouraging|"
    r"invited|invites|inviting|advocated for|advocates for|advised|"
    r"(?:stressed|stresses|underlined|underlines|underscored|emphasized|emphasised|highlighted|"
    rf"recalled|reiterated|reiterates) the {_NEED}(?: (?:of|for|to))?|"
    r"(?:reiterated|joined) [\w\s']{0,40}?call(?: for)?|"
    r"(?:set of )?recommendations to(?= [\w\s]{1,40}?,\s*namely)|a (?:strong )?call was made for|"
    r"(?:was|were) recommended(?: that)?|asked(?= that\b| (?:all )?(?:States|Governments|donors|them) to\b)|"
    r"the need to [a-z]+ [\w\s,]{0,80}? was (?:repeatedly )?underscored)\b",
    re.I,
)
_PROCEDURAL = re.compile(r"\s+(?:the |all )?(?:panellists|speakers|participants|delegations)\s+to\s+"
                         r"(?:take the floor|speak|make (?:their )?statements)\b")
# the organ as the subject of the recommending verb: "the Council had repeatedly called for"
_ORGAN_SUBJECT = re.compile(r"\bthe (Human Rights Council|Council|General Assembly)\s+(?:had\s+|has\s+)?"
                            r"(?:also\s+|further\s+|\w+ly\s+)?$")
_ADDRESSEES = re.compile(
    r"^\s*(?:that\s+)?(?:(?:all\s+)?States(?:\s+and\s+(?:all\s+)?stakeholders)?|"
    r"the Human Rights Council(?:\s+and\s+States)?|"
    r"civil society(?: organizations)?|all stakeholders(?: at different levels)?|stakeholders|them|"
    r"(?:the )?(?:[A-Z][\w-]+\s?){1,6})(?=\s|,|:)"
)
# what may follow "the call" before the thing called for: who made it ("made by a former holder
# of his mandate for ...") and whom it addresses ("to the Council and States to establish ...")
_CALL_BY = re.compile(
    r"\s*(?:made|issued|voiced|launched|put forward) by\s+[^,;.]{1,120}?\s+(?=for\s|to\s+[a-z])")
_CALL_FOR = re.compile(r"\s*for\s+")
_CALL_TO = re.compile(r"\s*to\s+((?:the\s+)?[^,;.]{1,80}?)\s+(?=to\s+[a-z])")
_SPLIT_TO = re.compile(r",\s+(?:and\s+)?(?=to\s)|\s+and\s+(?=to\s)|;\s+(?=to\s)")
_GERUND = r"(?!including|according|regarding|concerning|during|affecting|using|being)[a-z]+ing\s"
_SPLIT_ING = re.compile(rf",\s+(?:and\s+)?(?={_GERUND})|\s+and\s+(?={_GERUND})")
_SPECIFIC = re.compile(
    r"^(?:to\s+)?(?:ratify|accede|adopt\b.*\b(?:law|legislation)|establish|create|launch|appoint|"
    r"abolish|repeal|revoke|decriminaliz|prohibit|amend|end\b|set up|invest)",
    re.I,
)
_CONSIDER = re.compile(r"^(?:to\s+)?(?:consider|review|explore|study|assess|reflect)", re.I)
_CONTINUE = re.compile(r"^(?:to\s+)?(?:continue|maintain|pursue|keep|renew|uphold|persevere)", re.I)
_MINIMAL = re.compile(r"^(?:to\s+)?(?:share|exchange|engage|join|seek|request)", re.I)
_FIGURE = re.compile(r"\d|\bwithin\b|\bby (?:19|20)\d\d")
GROUPS = {"states": "States", "civil-society": "Civil society organizations", "stakeholders": "Stakeholders"}


def is_recommendation(text: str) -> bool:
    return bool(TRIGGER.search(text))


@cache
def _theme_map() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    text = resources.files(__package__).joinpath("data", "theme-objectives.csv").read_text(encoding="utf-8")
    return {
        f"theme/{r['theme']}": (
            tuple(f"gcm-objective/{o}" for o in r["gcm_objectives"].split("|") if o),
            tuple(f"sdg-target/{t}" for t in r["sdg_targets"].split("|") if t),
        )
        for r in csv.DictReader(io.StringIO(text))
    }


def specificity(action: str) -> tuple[int, str]:
    a = action.strip()
    if _SPECIFIC.match(a):
        return 5, "5: specific action verb"
    if _FIGURE.search(a):
        return 5, "5: states a figure or time limit"
    if _CONSIDER.match(a):
        return 3, "3: considering change"
    if _CONTINUE.match(a):
        return 2, "2: continuing action"
    if _MINIMAL.match(a):
        return 1, "1: minimal action (share, engage, join)"
    return 4, "4: general action"


_ITEM = re.compile(r"[;:]?\s*\([a-z]\)\s+")


def _split(text: str) -> list[tuple[int, int]]:
    items = list(_ITEM.finditer(text))
    if len(items) >= 2:
        bounds = [m.end() for m in items]
        ends = [m.start() for m in items[1:]] + [len(text)]
        return [(a + x, a + y) for a, b in zip(bounds, ends, strict=True) for x, y in _split_one(text[a:b])]
    return _split_one(text)


def _split_one(text: str) -> list[tuple[int, int]]:
    pattern = (
        _SPLIT_TO if re.match(r"\s*to\s", text) else _SPLIT_ING if re.match(rf"\s*{_GERUND}", text) else None
    )
    cuts = [(0, len(text))]
    if pattern:
        bounds = [0, *(x for m in pattern.finditer(text) for x in (m.start(), m.end())), len(text)]
        cuts = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    return [(a, b) for a, b in cuts if text[a:b].strip(" ,;.")]


class Addressees:
    """Who recommendations are addressed to; collects the actors it names."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}

    def __call__(self, head: str) -> tuple[str, ...]:
        keys: list[str] = []
        low = head.lower()
        if re.search(r"\bstates\b", low) or low.strip() == "them":
            keys.append(self._group("states"))
        if "civil society" in low:
            keys.append(self._group("civil-society"))
        if "stakeholders" in low:
            keys.append(self._group("stakeholders"))
        for m in find_mentions(head, kinds=("state", "organization"), adjectives=False):
            if m.refs[0].kind == "state":
                s = states.by_key(m.key)
                keys.append(f"state/{s.iso3}")
                self.actors[keys[-1]] = Actor(keys[-1], "State", s.name, iso3=s.iso3, wikidata=s.wikidata_iri)
            else:
                o = organizations.by_slug(m.key)
                keys.append(f"org/{o.slug}")
                self.actors[keys[-1]] = Actor(keys[-1], o.actor_class, o.name)
        return tuple(dict.fromkeys(keys))

    def _group(self, slug: str) -> str:
        key = f"group/{slug}"
        self.actors[key] = Actor(key, "ActorGroup", GROUPS[slug], report_scoped=True)
        return key


def _call_complement(rest: str, addressees) -> tuple[int, tuple[str, ...]]:
    """After a trigger ending in "call": how many characters of `rest` say who made the call
    and whom it addresses (the action is the thing called for, after them), and those
    addressed."""
    skip, addressed = 0, ()
    by = _CALL_BY.match(rest)
    if by:
        skip = by.end()
    to = _CALL_TO.match(rest, skip)
    if to:
        skip, addressed = to.end(), addressees(to.group(1))
    else:
        then = _CALL_FOR.match(rest, skip)
        skip = then.end() if then else skip
    return skip, addressed


def extract_recommendations(
    doc: Document, speakers: Attribution, addressees: Addressees
) -> tuple[Recommendation, ...]:
    out: list[Recommendation] = []
    for p in doc.paragraphs:
        for s in sentences(p):
            for t in TRIGGER.finditer(s.text):
                if t.start() > 0 and s.text[t.start()].isupper():
                    continue  # a title ("the Recommended Principles"), not a verb
                if _PROCEDURAL.match(s.text, t.end()):
                    continue  # "invited the panellists to take the floor": chairing, not recommending
                rest = s.text[t.end() :]
                nxt = TRIGGER.search(rest)
                if nxt:
                    rest = rest[: nxt.start()]
                    rest = re.sub(r"(?:,?\s+and|,)\s*(?:\w+\s+){0,3}$", "", rest)
                shift, called = 0, ()
                if t.group(0).lower().endswith("call"):
                    shift, called = _call_complement(rest, addressees)
                    rest = rest[shift:]
                head = _ADDRESSEES.match(rest)
                addressed = (addressees(head.group(0)) if head else ()) or called
                body_at = head.end() if head and addressed else 0
                body = rest[body_at:]
                lead = re.match(r"[,:\s]*(?:(?:namely|including)[,:]?\s*)?", body)
                if lead:
                    body = " " * lead.end() + body[lead.end() :]
                if re.match(r"\s*to\s", rest[body_at:]) is None and body.startswith(" to "):
                    body = body[1:]
                who = speakers.speaker_at(p.key, s.start + t.start())
                organ = re.search(
                    r"in which the (Human Rights Council|Council|General Assembly)\b", s.text[: t.start()]
                ) or _ORGAN_SUBJECT.search(s.text, 0, t.start())
                if organ:
                    name = "General Assembly" if "Assembly" in organ.group(1) else "Human Rights Council"
                    o = organizations.by_name(name)
                    who = (f"org/{o.slug}",) if o else who
                base = s.start + t.end() + shift + body_at + (len(rest[body_at:]) - len(body))
                if not body.strip(" :") and s.text.rstrip().endswith(":"):
                    body, base = p.text[s.end :], s.end  # the actions follow as a list "(a) ... (b) ..."
                for a, b in _split(body):
                    start, end = base + a, base + b
                    ev = evidence(p, start, end)
                    if len(ev.quote) < 8:
                        continue
                    rule = f"builtin/extract.recommendations/trigger:{_cue(t.group(0))}"
                    out.append(replace(_recommendation(ev, who, addressed), rule=rule))
    return tuple(out)


def _cue(words: str) -> str:
    """The cue that fired, as a rule id part: "Called for" -> "called-for"."""
    return re.sub(r"\W+", "-", words.strip().lower())


def _recommendation(ev, who: tuple[str, ...], addressed: tuple[str, ...]) -> Recommendation:
    action = ev.quote.rstrip(".")
    themes = tuple(dict.fromkeys(m.ref for m in find_concepts(action, "theme")))
    objectives = [f"gcm-objective/objective-{n}" for n in re.findall(r"\bobjective (\d{1,2})\b", action)]
    targets = [
        f"sdg-target/target-{g}-{t.lower()}"
        for g, t in re.findall(r"\btarget (\d{1,2})\.(\w{1,2})\b", action)
    ]
    for th in themes:
        objs, tgts = _theme_map().get(th, ((), ()))
        objectives.extend(objs)
        targets.extend(tgts)
    invoked = [f"instrument/{m.key}" for m in find_mentions(action, kinds=("instrument",))]
    level, rule = specificity(action)
    return Recommendation(
        action=action,
        evidence=ev,
        recommended_by=who,
        addressed_to=addressed,
        themes=themes,
        gcm_objectives=tuple(dict.fromkeys(objectives)),
        sdg_targets=tuple(dict.fromkeys(targets)),
        instruments=tuple(dict.fromkeys(invoked)),
        specificity=level,
        specificity_rule=rule,
    )
