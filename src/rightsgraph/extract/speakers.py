"""Who says each sentence of a summary report: the attribution API other extractors use.

UN summary reports introduce a speaker once, by an appositive ("The Special Rapporteur on
<mandate>, <Name>, recalled ..."), then continue with "He/She ...", "Mr./Ms. <Surname> ...",
or the office alone ("The High Commissioner ..."). Delegations speak as "The representative
of <State> ...", the plenary as "Participants ...", "Some participants ...", "It was stressed
...". :func:`attribute` walks the paragraphs in order and records, for every sentence, the
actor keys who state it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from ..document import Document, Paragraph
from ..facts import Evidence, Facts
from ..parse import slugify
from ..registry import find_mentions
from .delegations import Delegate, delegations
from .names import (
    PERSON_NAME,
    PERSON_NOUNS,
    classify_organization,
    looks_like_person_name,
    org_key,
    organization_name_at,
    person_key,
    state_key,
)
from .segments import SegmentMap, extract_segments, ordinal_segment
from .sentences import sentence_spans

__all__ = ["Attribution", "Introduction", "Turn", "attribute", "group_key"]

_IRREGULAR = r"made|said|took|gave|spoke|drew|led|shared|thanks|thanked|is|was|has|had|began"
VERB = r"(?:(?:also|further|then|additionally|again|strongly|briefly|subsequently) )?(?:" + _IRREGULAR + \
    r"|[a-z]{2,}ed|[a-z]{3,}s)\b"
_ADVERBIAL = r"(?:[^,]{1,200}?, )?"
_HONORIFIC = r"(?:Mr|Ms|Mrs|Dr|Professor|Prof)\.?"
_QUANTIFIERS = {"some": "some", "many": "many", "several": "several", "other": "other", "others": "other",
                "most": "most", "a few": "a-few", "a number of": "several", "few": "a-few"}
_PASSIVE = re.compile(
    r"^[^;]*?\b(?:was|were) (?:also |further |repeatedly |strongly |widely |frequently )?"
    r"(?:[a-z]+ed|made|drawn|given|shown|raised|put forward)\b")
_NOT_SPOKEN = re.compile(r"\b(?:[Ss]tatements?|[Ss]ubmissions?) (?:was|were) (?:also )?"
                         r"(?:received|submitted)|"
                         r"\bwas held\b|\bwere made by\b|\bthe following\b|\bin writing\b")
_GROUP = re.compile(
    r"^" + _ADVERBIAL
    + r"(?P<q>(?:[Ss]ome|[Mm]any|[Ss]everal|[Oo]ther|[Mm]ost|[Aa] few|[Aa] number of|[Ff]ew) )?"
    r"(?P<who>[Pp]articipants|[Dd]elegations|[Ss]peakers)\b(?: also| further)?(?: " + VERB + r")?")
# a plural subject takes no "-s" verb: "Some stressed", not "Some schemes have introduced"
_PLURAL_VERB = (r"(?:(?:also|further|then|again|strongly) )?"
                r"(?:made|said|took|gave|spoke|drew|led|shared|[a-z]{2,}ed)\b")
_BARE_GROUP = re.compile(r"^" + _ADVERBIAL + r"(?P<q>[Mm]any|[Ss]ome|[Oo]thers|[Ss]everal) " + _PLURAL_VERB)
_PRONOUN = re.compile(r"^" + _ADVERBIAL + r"(?P<p>[Hh]e|[Ss]he|[Tt]hey|[Ii]t) " + VERB)
_SURNAME = re.compile(r"^" + _ADVERBIAL + r"(?P<h>" + _HONORIFIC + r") "
                      r"(?P<name>[A-ZÀ-Þ][\w'’-]*(?: [A-ZÀ-Þ][\w'’-]*){0,3})")
_REPRESENTATIVE = re.compile(r"^" + _ADVERBIAL + r"(?P<r>[Tt]he (?:representative|delegate|observer)s?)"
                             r"(?: of (?P<who>.+?))? " + VERB)
_TITLE = re.compile(r"^" + _ADVERBIAL + r"(?P<t>[Tt]he "
                    r"(?P<office>(?:[A-Z][\w-]*(?: (?:of|for|on|the|and))* ?)+|"
                    r"moderator|chair|chairperson|facilitator|rapporteur)) " + VERB)
_COUNCIL = re.compile(r"^(?:(?:Also )?[Ii]n [^,]*, )?(?P<t>[Tt]he (?P<body>(?:Human Rights )?Council|"
                      r"General Assembly))\b")
_APPOSITIVE = re.compile(r", (?P<name>" + PERSON_NAME + r"), (?P<verb>" + VERB + r")")
_EVENT_VERB = re.compile(r"(?:died|drowned|disappeared|perished|collapsed|fled|arrived|travelled|traveled|"
                         r"worked|lived|remained|suffered|starved|vanished)$")
_UNNAMED = re.compile(
    r"^" + _ADVERBIAL + r"(?P<art>An?|an?) (?P<desc>[a-z][^,;]*?)(?:, (?P<app>[^,]+?),)?"
    r"(?: who [^,]+?)? (?P<verb>" + VERB + r")")


def group_key(quantifier: str | None, segment: str | None = None, who: str = "participants") -> str:
    """``group/some-participants``: a collective speaker of the report; the segment it spoke in
    is on each intervention (``rg:inSegment``), so one group serves the whole meeting."""
    q = _QUANTIFIERS.get((quantifier or "").strip().lower())
    return f"group/{q}-{who}" if q else f"group/{who}"


@dataclass(frozen=True)
class Introduction:
    """A speaker as the report introduces it: a person, a delegation, or an organisation."""

    key: str
    kind: str
    label: str
    evidence: Evidence
    title: str | None = None
    affiliation: str | None = None
    represents: str | None = None
    role: str | None = None  # moderator, opening, closing: what the introduction says
    segment_hint: str | None = None
    report_scoped: bool = False


@dataclass(frozen=True)
class Turn:
    """One sentence of a paragraph and who states it; ``cue`` is the phrase naming them."""

    paragraph: str  # the paragraph's key
    start: int
    end: int
    speakers: tuple[str, ...]
    cue: Evidence
    how: str  # introduction, unnamed, representative, surname, pronoun, title, group, passive,
    # list, inherited, body, plenary (an unattributed sentence of a plenary: its participants)


@dataclass(frozen=True)
class Attribution:
    """Sentence-level speakers of a report."""

    turns: tuple[Turn, ...]
    introductions: tuple[Introduction, ...]
    organizations: tuple[tuple[str, str, str, Evidence], ...] = ()  # (key, label, class, evidence)
    delegates: tuple[tuple[str, Delegate], ...] = ()  # (paragraph, delegate) from lists
    segments: SegmentMap = field(default_factory=lambda: SegmentMap((), {}, {}))

    @cached_property
    def _by_paragraph(self) -> dict[str, tuple[Turn, ...]]:
        out: dict[str, list[Turn]] = {}
        for t in self.turns:
            out.setdefault(t.paragraph, []).append(t)
        return {n: tuple(ts) for n, ts in out.items()}

    @cached_property
    def _starts(self) -> dict[str, list[int]]:
        return {n: [t.start for t in ts] for n, ts in self._by_paragraph.items()}

    def speaker_at(self, paragraph: str, offset: int) -> tuple[str, ...]:
        """Actor keys who state the sentence at ``offset`` of paragraph ``paragraph``'s text:
        the one answer every extractor takes for "who said it"."""
        turns = self.turns_in(paragraph)
        i = bisect_right(self._starts.get(paragraph, []), offset) - 1
        if i >= 0 and turns[i].start <= offset < max(turns[i].end, turns[i].start + 1) + 1:
            return turns[i].speakers
        return ()

    def speaker_of_marker(self, paragraph: str, offset: int) -> tuple[str, ...]:
        """Who a marker at ``offset`` (a citation, a footnote's mark) belongs to: in a list of
        the delegations that spoke, the one whose item holds it ("Morocco (... on behalf of the
        Global Compact champion countries)"), never the whole list; elsewhere the sentence's
        speaker (`speaker_at`)."""
        turns = self.turns_in(paragraph)
        i = bisect_right(self._starts.get(paragraph, []), offset) - 1
        if i < 0 or turns[i].how != "list":
            return self.speaker_at(paragraph, offset)
        turn = turns[i]
        listed = [d for n, d in self.delegates
                  if n == paragraph and turn.start <= d.start <= offset and d.key in turn.speakers]
        return (max(listed, key=lambda d: d.start).key,) if listed else ()

    def turns_in(self, paragraph: str) -> tuple[Turn, ...]:
        return self._by_paragraph.get(paragraph, ())


def _chunks(text: str) -> list[tuple[int, str]]:
    """Comma-separated chunks (outside parentheses) with their offsets."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0 and text[i + 1 : i + 2] == " ":
            out.append((start, text[start:i]))
            start = i + 2
    out.append((start, text[start:]))
    return out


_ARTICLE = re.compile(r"^(?:The|the|An?|an?) ")
_COMPLEMENT = re.compile(r"\b(?:of|at|from|with|part of) (?:the )?(?=[A-ZÀ-Þ0-9])")
_GOVERNMENT = re.compile(r"^(?:Ministry|Government|Embassy|Permanent Mission|Mission|Department|"
                         r"Presidency)\b")


class _Walker:
    def __init__(self, doc: Document, facts: Facts) -> None:
        self.doc = doc
        self.segments = extract_segments(doc)
        self.known = {a.label.lower(): a.key for a in facts.actors}
        self.turns: list[Turn] = []
        self.intros: dict[str, Introduction] = {}
        self.orgs: dict[str, tuple[str, str, str, Evidence]] = {}
        self.delegates: dict[str, list[Delegate]] = {}
        self.names: list[tuple[str, str]] = []  # (full name, key), in order of introduction
        self.section_speaker: str | None = None
        self.section_representative: str | None = None
        self.section_org: str | None = None

    # -- resolving complements -------------------------------------------------------------
    def _affiliation(self, office: str, p: Paragraph, base: int, *, first: bool = False) -> str | None:
        mentions = find_mentions(office, kinds=("state", "organization"), adjectives=False)
        if mentions and mentions[0].start <= 4 and mentions[0].kind == "organization":
            return org_key(mentions[0].key)
        spots = list(_COMPLEMENT.finditer(office))
        for spot in spots:
            for m in mentions:
                if m.start == spot.end():
                    return state_key(m.key) if m.kind == "state" else org_key(m.key)
        if not spots:
            return None
        spot = spots[0] if first else spots[-1]
        name = organization_name_at(office[spot.end():])
        if not name or _GOVERNMENT.match(name) or looks_like_person_name(name):
            inner = [m for m in mentions if m.kind == "state"]
            return state_key(inner[0].key) if inner else None
        return self._discovered(name, p, base + office.index(name, spot.end()))

    def _discovered(self, name: str, p: Paragraph, start: int) -> str:
        from .names import resolve_name

        found = resolve_name(name)
        if found:
            return found[0]
        key = self.known.get(name.lower()) or org_key(slugify(name))
        if key not in self.orgs:
            ev = Evidence(p.key, start, start + len(name), p.text[start : start + len(name)])
            self.orgs[key] = (key, name, classify_organization(name), ev)
        return key

    def _actor_named(self, text: str, p: Paragraph, start: int) -> str | None:
        text = re.sub(r"^the ", "", text)
        mentions = find_mentions(text, kinds=("state", "organization"), adjectives=False)
        if mentions and mentions[0].start == 0:
            m = mentions[0]
            return state_key(m.key) if m.kind == "state" else org_key(m.key)
        name = organization_name_at(text)
        if not name:
            return None
        return self._discovered(name, p, p.text.index(name, start))

    # -- recognisers ----------------------------------------------------------------------------
    def _ev(self, p: Paragraph, start: int, end: int) -> Evidence:
        return Evidence(p.key, start, end, p.text[start:end])

    def _introduce(self, p: Paragraph, s: int, sent: str) -> tuple[str, int, int] | None:
        m = _APPOSITIVE.search(sent)
        if not m or not looks_like_person_name(m.group("name")):
            return None
        descriptor = sent[: m.start()]
        chunks = _chunks(descriptor)
        roles = [(o, c) for o, c in chunks if _ARTICLE.match(c)]
        if not roles:
            return None
        office_at, office = roles[-1]
        office_text = _ARTICLE.sub("", office, count=1)
        role = None
        if any(re.search(r"\bmoderat", c, re.I) for _, c in roles):
            role = "moderator"
        segment_hint = next((ordinal_segment(c) for _, c in chunks if ordinal_segment(c)), None)
        affiliation = self._affiliation(office_text, p, s + office_at + (len(office) - len(office_text)))
        name = m.group("name")
        key = person_key(name)
        verb_end = m.end("verb")
        adverbial = " ".join(c for _, c in chunks if not _ARTICLE.match(c)) + " " + m.group("verb")
        if role is None and re.search(r"\bmoderated\b", m.group("verb")):
            role = "moderator"
        elif role is None and re.search(r"\bopen(?:ed|ing)\b|\bwelcomed\b",
                                        adverbial + sent[verb_end : verb_end + 40]):
            role = "opening"
        elif role is None and re.search(r"\bconclu(?:ded|ding)\b|\bclos(?:ed|ing)\b", adverbial):
            role = "closing"
        first = chunks[0][0] if _ARTICLE.match(chunks[0][1]) else office_at
        intro = Introduction(
            key, "Person", name, self._ev(p, s + first, s + verb_end),
            title=office_text[:1].upper() + office_text[1:], affiliation=affiliation,
            represents=affiliation, role=role, segment_hint=segment_hint,
        )
        self.intros.setdefault(key, intro)
        self.names.append((name, key))
        return key, s + first, s + verb_end

    def _unnamed(self, p: Paragraph, s: int, sent: str) -> tuple[str, int, int] | None:
        m = _UNNAMED.match(sent)
        if not m:
            return None
        desc = m.group("desc")
        if not any(re.search(r"\b" + re.escape(n) + r"\b", desc) for n in PERSON_NOUNS):
            return None
        if re.search(r"\b(?:was|were|is|are|has been)\b", desc) or _EVENT_VERB.match(m.group("verb")):
            return None  # "a worker from X died ...": a person the report speaks of, not a speaker
        key = f"person/{slugify(desc)}-{p.key}"
        affiliation = None
        if m.group("app"):
            app = m.group("app")
            affiliation = self._affiliation(app, p, s + m.start("app"), first=True)
        label = m.group("art").capitalize() + " " + desc
        intro = Introduction(key, "Person", label, self._ev(p, s + m.start("art"), s + m.end("verb")),
                             affiliation=affiliation, represents=affiliation, report_scoped=True)
        self.intros.setdefault(key, intro)
        return key, s + m.start("art"), s + m.end("verb")

    def _by_surname(self, text: str) -> str | None:
        best = None
        for name, key in self.names:
            words = name.split()
            for k in range(len(words) - 1, 0, -1):
                tail = " ".join(words[-k:])
                if re.match(re.escape(tail) + r"\b", text) and (best is None or k > best[0]):
                    best = (k, key)
        return best[1] if best else None

    def _by_office(self, office: str) -> str | None:
        office = office.lower()
        if office in ("moderator", "facilitator"):
            for intro in reversed(list(self.intros.values())):
                if intro.role == "moderator":
                    return intro.key
            return None
        for intro in reversed(list(self.intros.values())):
            if intro.title and re.search(r"\b" + re.escape(office) + r"\b", intro.title.lower()):
                return intro.key
        return None

    # -- the walk -------------------------------------------------------------------------------
    def walk(self) -> None:
        section = None
        for p in self.doc.paragraphs:
            if p.section != section:
                section = p.section
                self.section_speaker = self.section_representative = self.section_org = None
            self._paragraph(p)

    def _paragraph(self, p: Paragraph) -> None:
        current: tuple[str, ...] = ()
        group_last = False
        segment = self.segments.segment(p.key)
        role = self.segments.role(p.key)
        listed = delegations(p.text, p.key)
        if listed:
            self.delegates[p.key] = [d for _, _, d in listed]
        for s, e in sentence_spans(p.text):
            sent = p.text[s:e]
            inside = [d for ls, le, d in listed if ls < e and le > s]
            if inside:
                keys = tuple(dict.fromkeys(d.key for d in inside))
                cue = self._ev(p, inside[0].start, inside[-1].end)
                self.turns.append(Turn(p.key, s, e, keys, cue, "list"))
                current, group_last = (), False
                continue
            found = self._sentence(p, s, sent, segment, role, current, group_last)
            if found is None:
                if current:
                    self.turns.append(Turn(p.key, s, e, current, self._ev(p, s, s), "inherited"))
                continue
            speakers, cs, ce, how = found
            current = speakers
            group_last = how in ("group", "passive") or (
                how == "pronoun" and speakers[0].startswith("group/"))
            self.turns.append(Turn(p.key, s, e, speakers, self._ev(p, cs, ce), how))

    def _sentence(self, p, s, sent, segment, role, current, group_last):
        intro = self._introduce(p, s, sent)
        if intro:
            self.section_speaker = intro[0]
            return (intro[0],), intro[1], intro[2], "introduction"
        m = _REPRESENTATIVE.match(sent)
        if m:
            if m.group("who"):
                key = self._actor_named(m.group("who"), p, s + m.start("who"))
                if key:
                    self.section_representative = key
                    return (key,), s + m.start("r"), s + m.end(), "representative"
            elif self.section_representative:
                return (self.section_representative,), s + m.start("r"), s + m.end(), "representative"
        m = _SURNAME.match(sent)
        if m:
            key = self._by_surname(m.group("name"))
            if key:
                self.section_speaker = key
                return (key,), s + m.start("h"), s + m.end("name"), "surname"
        unnamed = self._unnamed(p, s, sent)
        if unnamed:
            self.section_speaker = unnamed[0]
            return (unnamed[0],), unnamed[1], unnamed[2], "unnamed"
        m = _GROUP.match(sent) or _BARE_GROUP.match(sent)
        if m:
            who = "participants"
            key = group_key(m.group("q"), segment, who)
            return (key,), s + m.start("q" if m.group("q") else "who"), s + m.end(), "group"
        m = _PRONOUN.match(sent)
        if m:
            pronoun = m.group("p").lower()
            if pronoun == "they" and group_last and current:
                return current, s + m.start("p"), s + m.end(), "pronoun"
            if pronoun == "it" and self.section_org and not current:
                return (self.section_org,), s + m.start("p"), s + m.end(), "body"
            if pronoun in ("he", "she"):
                who = current if current and current[0].startswith("person/") else (
                    (self.section_speaker,) if self.section_speaker else ())
                if who:
                    return who, s + m.start("p"), s + m.end(), "pronoun"
        m = _TITLE.match(sent)
        if m:
            key = self._by_office(m.group("office"))
            if key:
                self.section_speaker = key
                return (key,), s + m.start("t"), s + m.end(), "title"
            body = self._body(p, s, sent, m)
            if body:
                return body
        m = _COUNCIL.match(sent)
        if m:
            key = self._organ(m.group("body"), p)
            if key:
                self.section_org = key
                return (key,), s + m.start("t"), s + m.end(), "body"
        if _PASSIVE.match(sent) and (role == "plenary" or group_last) and not _NOT_SPOKEN.search(sent) \
                and (not current or group_last):
            end = _PASSIVE.match(sent).end()
            return (group_key(None, segment),), s, s + end, "passive"
        if role == "plenary" and not current and not _NOT_SPOKEN.search(sent):
            return (group_key(None, segment),), s, s, "plenary"
        return None

    def _body(self, p, s, sent, m):
        """"The Council ..." / "The Human Rights Council ...": a body acting in its own name."""
        key = self._organ(m.group("office"), p)
        if key is None:
            return None
        self.section_org = key
        return (key,), s + m.start("t"), s + m.end(), "body"

    def _organ(self, name: str, p: Paragraph) -> str | None:
        """The organisation a body's name or short name ("the Council") stands for: the one the
        summary, else the report up to this paragraph, names in full."""
        mentions = find_mentions(name, kinds=("organization",))
        if mentions and mentions[0].start == 0 and mentions[0].end == len(name):
            return org_key(mentions[0].key)
        head = name.split()[-1].lower()
        # an office named by its title alone ("The High Commissioner recommends") in a report
        # that names no holder of it: the office the report names in full, not its Office
        title = re.compile(r"\b" + re.escape(name.strip()) + r"\b", re.I) if len(name.split()) > 1 else None
        upto = self.doc.paragraphs[: self.doc.paragraphs.index(p) + 1]
        texts = [self.doc.summary or ""] + [q.text for q in upto]
        for text in texts:
            found = find_mentions(text, kinds=("organization",))
            match = [x for x in found if x.surface.lower().endswith(head)] or [
                x for x in found if title and title.search(x.surface) and not x.surface.startswith("Office")]
            if match:
                return org_key(match[0].key)
        return None


def attribute(document: Document, facts_so_far: Facts | None = None) -> Attribution:
    """Attribute every sentence of ``document`` to the actors who state it.

    ``facts_so_far`` lends the labels of actors already extracted, so that an organisation
    found elsewhere keeps its key here.
    """
    walker = _Walker(document, facts_so_far or Facts())
    walker.walk()
    listed = tuple((n, d) for n, ds in walker.delegates.items() for d in ds)
    return Attribution(tuple(walker.turns), tuple(walker.intros.values()), tuple(walker.orgs.values()),
                       listed, walker.segments)
