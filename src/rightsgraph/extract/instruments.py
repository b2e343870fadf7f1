"""Instruments a report cites, and where: registry instruments by name or alias, and the
citations no registry lists, by pattern:

- ``resolution 12/34`` with its organ when named ("General Assembly resolution 70/1"), else
  the organ the sentence or report speaks for ("In its resolution ..., the Council");
- ``general comment No. 4 (2017)`` of the committee named before it in the sentence;
  a ``joint general comment`` of the committees named in the sentence (or the last one named);
- ``objective 3`` as part of the Global Compact, ``target 5.2`` as part of the 2030 Agenda,
  ``article 3 of`` a registry instrument as its part (keys follow the registry's ``parts_pattern``).

Each citation is attributed to the speaker of its sentence.
"""

from __future__ import annotations

import re

from ..document import Document
from ..facts import Citation, Instrument
from ..registry import find_mentions, instruments, organizations
from .meeting import resolution_key
from .sentences import evidence, sentences
from .speakers import Attribution

_ORGANS = "Human Rights Council|General Assembly|Security Council|Economic and Social Council"
RESOLUTION = re.compile(rf"(?:\b({_ORGANS})\s+)?\bresolutions?\s+(\d{{1,3}}/\d{{1,3}})")
GENERAL_COMMENT = re.compile(r"\bgeneral comment No\.\s*(\d+)(?:\s*\((\d{4})\))?", re.I)
JOINT = re.compile(r"\bjoint general comment\b", re.I)
OBJECTIVE = re.compile(r"\bobjectives?\s+(\d{1,2})\b(?!\.\d)", re.I)
TARGET = re.compile(r"\btargets?\s+(\d{1,2})\.(\d{1,2}|[a-z])\b", re.I)
ARTICLE = re.compile(r"\barticles?\s+(\d{1,3})(?:\s*\(\d{1,2}\))?\s+of\s+(?:the\s+)?$", re.I)


def _part_key(slug: str, **values: str) -> str | None:
    record = instruments.by_slug(slug)
    pattern = record.parts_pattern if record else None
    return f"instrument/{pattern.format(**values)}" if pattern else None


def registry_instrument(slug: str) -> Instrument:
    r = instruments.by_slug(slug)
    wd = f"http://www.wikidata.org/entity/{r.wikidata}" if r.wikidata else None
    adopted = f"org/{r.adopted_by}" if r.adopted_by and organizations.by_slug(r.adopted_by) else None
    return Instrument(
        f"instrument/{r.slug}",
        r.instrument_class,
        r.name,
        identifier=r.identifier or None,
        adopted_by=adopted,
        wikidata=wd,
    )


def _committees(text: str) -> list[str]:
    out = []
    for m in find_mentions(text, kinds=("organization",)):
        org = organizations.by_slug(m.key)
        if org and org.actor_class == "HumanRightsMechanism":
            out.append(org.slug)
    return out


def _organ(doc: Document, explicit: str | None, before: str) -> str | None:
    if explicit:
        return explicit
    if re.search(r"\bGeneral Assembly\b", before):
        return "General Assembly"
    return doc.body


def extract_citations(
    doc: Document, speakers: Attribution
) -> tuple[tuple[Instrument, ...], tuple[Citation, ...]]:
    found: dict[str, Instrument] = {}
    cites: list[Citation] = []
    last_joint: str | None = None
    for p in doc.paragraphs:
        for s in sentences(p):
            hits: list[tuple[int, int, str]] = []
            for m in RESOLUTION.finditer(s.text):
                organ = _organ(doc, m.group(1), s.text[: m.start()])
                key = resolution_key(organ, m.group(2))
                found.setdefault(
                    key,
                    Instrument(
                        key,
                        "Resolution",
                        f"{organ + ' ' if organ else ''}resolution {m.group(2)}",
                        identifier=m.group(2),
                    ),
                )
                hits.append((m.start(), m.end(), key))
            for m in GENERAL_COMMENT.finditer(s.text):
                committees = _committees(s.text[: m.start()])
                if not committees:
                    continue
                year = m.group(2)
                key = f"instrument/general-comment/{committees[-1]}-{m.group(1)}" + (
                    f"-{year}" if year else ""
                )
                found.setdefault(
                    key,
                    Instrument(
                        key,
                        "GeneralComment",
                        s.text[m.start() : m.end()],
                        identifier=f"No. {m.group(1)}",
                        adopted_by=f"org/{committees[-1]}",
                    ),
                )
                hits.append((m.start(), m.end(), key))
            for m in JOINT.finditer(s.text):
                committees = list(dict.fromkeys(_committees(s.text)))
                if len(committees) >= 2:
                    last_joint = f"instrument/general-comment/joint-{'-'.join(committees[:2])}"
                    found.setdefault(
                        last_joint,
                        Instrument(
                            last_joint,
                            "GeneralComment",
                            "Joint general comment of " + " and ".join(c.upper() for c in committees[:2]),
                        ),
                    )
                if last_joint:
                    hits.append((m.start(), m.end(), last_joint))
            for m in find_mentions(s.text, kinds=("instrument",)):
                inst = registry_instrument(m.key)
                found.setdefault(inst.key, inst)
                hits.append((m.start, m.end, inst.key))
                article = ARTICLE.search(s.text, max(0, m.start - 40), m.start)
                key = _part_key(m.key, n=article.group(1)) if article else None
                if key:  # "article 3 of the Convention against Torture": the article, as a part
                    found.setdefault(key, Instrument(
                        key, "InstrumentPart", f"Article {article.group(1)} of the {inst.label}",
                        identifier=f"article {article.group(1)}", part_of=inst.key))
                    hits.append((article.start(), article.end(), key))
            for m in OBJECTIVE.finditer(s.text):
                key = _part_key("gcm", n=m.group(1))
                if key:
                    found.setdefault(
                        key,
                        Instrument(
                            key,
                            "InstrumentPart",
                            f"Objective {m.group(1)} of the GCM",
                            identifier=f"objective {m.group(1)}",
                            part_of="instrument/gcm",
                        ),
                    )
                    found.setdefault("instrument/gcm", registry_instrument("gcm"))
                    hits.append((m.start(), m.end(), key))
            for m in TARGET.finditer(s.text):
                key = _part_key("2030-agenda", goal=m.group(1), target=m.group(2).lower())
                if key:
                    number = f"{m.group(1)}.{m.group(2)}"
                    found.setdefault(
                        key,
                        Instrument(
                            key,
                            "InstrumentPart",
                            f"SDG target {number}",
                            identifier=number,
                            part_of="instrument/2030-agenda",
                        ),
                    )
                    found.setdefault("instrument/2030-agenda", registry_instrument("2030-agenda"))
                    hits.append((m.start(), m.end(), key))
            for start, end, key in sorted(hits):
                at = s.start + start
                cites.append(Citation(key, evidence(p, at, s.start + end),
                                      speakers.speaker_of_marker(p.key, at)))
    return tuple(found[k] for k in sorted(found)), tuple(cites)
