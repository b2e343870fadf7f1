"""Who a compilation's or a stakeholders' summary's sentence comes from, by the document itself.

- The footnote after a sentence cites its source: document symbols (``CCPR/C/SVN/CO/3, para. 6.
  See also ...``; "Ibid." repeats the footnote before) in a compilation, the codes of the
  submissions (``JS2, p. 5; AI, para. 3``) in a stakeholders' summary. Sources end where
  further reading ("See also") begins.
- A stakeholders' summary lists its submissions, each with its code, in its first footnote or at
  its end ("Individual submissions: AI Amnesty International, London, United Kingdom; ...
  Joint submissions: JS1 Joint submission 1 submitted by: ...; Attachments: (CoE-Commissioner)
  Report by ..."); the text also gives a name with its code ("The Human Rights Ombudsman of the
  Republic of Slovenia (HRORS)", "Joint Submission (JS) 1"). Each code becomes an actor: a body
  of the registry when its name is one, a joint submission a group, any other a civil society
  organisation under its own name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Document, Footnote, Paragraph
from ..facts import Actor
from ..parse import slugify
from ..registry import find_mentions, organizations
from .names import classify_organization
from .rulepack import RulePack
from .treaty_rules import actor, symbols_in

_CODE = r"(?-i:(?:[A-Z][A-Za-z]*[A-Z0-9][A-Za-z0-9]*|[A-Z]{2,})(?:[-/][A-Za-z0-9]+)*)"
_ENTRY = re.compile(
    rf"(?:^|(?<=;))\s*(?:\((?P<attached>{_CODE}(?: Conclusions)?)\)\s*-?\s*|(?P<code>{_CODE})\s+)"
    r"(?P<name>[^;]{3,}?)\s*(?=;|$)")
_HEADER = re.compile(r"\b(?:(?:Civil society\s+)?Individual submissions?|Joint submissions?|"
                     r"National human rights institutions?|"
                     r"Regional intergovernmental organi[sz]ations?(?:\(s\))?|"
                     r"United Nations (?:entities|agencies)|Attachments?)\s*:", re.I)
_JOINT = re.compile(r"^Joint submission\s+(\d+)", re.I)
_DEFINED = re.compile(
    rf"\b(?P<name>(?-i:[A-Z][\w'’-]*)(?:\s+(?:of|for|on|and|the|to|against|in|or|[A-Z][\w'’-]*))*?)"
    rf"\s+\((?P<code>{_CODE})\)(?!\s*\d)")
_JS_DEFINED = re.compile(r"\bJoint\s+Submission\s*\(JS\)\s*(\d+)", re.I)
_AFTER_CODE = re.compile(rf"^.*\b{_CODE}\s+and\s+(?:the\s+)?")


@dataclass(frozen=True)
class Stakeholders:
    """The document's codes and the actor each names."""

    actors: dict[str, Actor]  # code -> actor

    def named(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, actor key) of each code a text names, in text order."""
        text = _JS_DEFINED.sub(lambda m: f"JS{m.group(1)}".ljust(len(m.group(0))), text)
        found = []
        for code, a in self.actors.items():
            for m in re.finditer(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text):
                found.append((m.start(), m.end(), a.key))
        return sorted(found)


def stakeholders(doc: Document, pack: RulePack) -> Stakeholders:
    """The codes of the document's list of submissions (in its footnotes or after its last
    paragraph) and of the names its text defines."""
    listed = pack.patterns.get("codes")
    found: dict[str, Actor] = {}
    tail = doc.source[doc.paragraphs[-1].end:] if doc.paragraphs else ""
    texts = [f.text for f in doc.footnotes] + [re.sub(r"(?m)^[#*\s]+", "", tail).replace("\n\n", ";\n")]
    for text in texts:
        if listed is None or not (listed.search(text) or _HEADER.search(text)):
            continue
        for m in _ENTRY.finditer(_HEADER.sub(";", text).replace("\n", " ")):
            code = m.group("attached") or m.group("code")
            code = code.removesuffix(" Conclusions")
            found.setdefault(code, _stakeholder(code, m.group("name"), listed=True))
            parts = code.split("/")
            if len(parts) == 2 and any(re.fullmatch(r"JS\d+", x) for x in parts):  # "PTPR/JS4"
                for part in parts:
                    found.setdefault(part, found[code])
    for p in doc.paragraphs:
        for m in _DEFINED.finditer(p.text):
            name = _AFTER_CODE.sub("", m.group("name"))
            if m.group("code") not in found and not _names_instrument(name):
                found[m.group("code")] = _stakeholder(m.group("code"), name, listed=False)
    return Stakeholders(found)


def _names_instrument(name: str) -> bool:
    """ "the Convention on the Rights of the Child (CRC)": an instrument's acronym, no stakeholder."""
    return any(m.end - m.start >= len(name) - 8 for m in find_mentions(name, kinds=("instrument",)))


def _stakeholder(code: str, description: str, *, listed: bool) -> Actor:
    """The actor a code names: a joint submission's group; the registry body its name is (for a
    name the text defines: the body the name ends with), or the body its code's last part is the
    acronym of, or a body an attachment names inside a larger one; else an organisation of its own."""
    joint = _JOINT.match(description.strip())
    if joint or re.fullmatch(r"JS\d+", code):
        number = joint.group(1) if joint else code[2:]
        return Actor(f"group/js{number}", "ActorGroup", f"Joint submission {number}", acronym=code,
                     report_scoped=True)
    name = re.sub(r"^(?:Report by|The)\s+", "", description.strip())
    offset = len(description.strip()) - len(name)
    mentions = find_mentions(description.strip(), kinds=("organization",))
    size = len(description.strip())
    whole = [m for m in mentions if (m.start <= offset + 1 if listed else m.end >= size - 1)]
    by_code = [m for part in reversed(re.split(r"[-/]", code))
               for m in find_mentions(part, kinds=("organization",)) if m.start == 0 and m.end == len(part)]
    nested = [m for m in mentions if organizations.by_slug(m.key) and organizations.by_slug(m.key).parent]
    for m in (*whole, *by_code, *(nested if listed else ())):
        known = actor(f"org/{m.key}")
        if known is not None:
            return known
    name = re.split(r",|\s+\(", name, maxsplit=1)[0].strip()
    return Actor(f"org/{slugify(name, max_words=8)}", classify_organization(name), name, acronym=code)


def source_footnote(doc: Document, p: Paragraph, start: int, end: int) -> Footnote | None:
    """The footnote of a sentence: the first marker at or after its start in the paragraph."""
    by_number = {f.number: f for f in doc.footnotes}
    for ref in p.footnotes:
        if ref.offset >= start and ref.number in by_number:
            return by_number[ref.number]
    return None


def source_text(doc: Document, note: Footnote | None, pack: RulePack) -> str:
    """The sources part of a footnote (before "See also"); "Ibid." is the footnote before's."""
    seen = set()
    while note is not None and note.number not in seen:
        seen.add(note.number)
        text = pack.patterns["see_also"].split(note.text, maxsplit=1)[0]
        if not re.match(r"\s*Ibid\b", text):
            return text
        note = next((f for f in doc.footnotes if f.number == note.number - 1), None)
    return ""


def cited_sources(doc: Document, note: Footnote | None, pack: RulePack) -> tuple[str, ...]:
    """The source document symbols a footnote cites."""
    return tuple(dict.fromkeys(symbols_in(source_text(doc, note, pack))))
