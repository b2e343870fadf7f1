"""National reports for the universal periodic review (the State's own report, beside the OHCHR
compilation and the summary of stakeholders' submissions): the State under review's practices
(what it has done: laws adopted, bodies established, programmes funded) and commitments (what
it will do), one per sentence, from the rules of ``rules/<lang>/national-report/``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Document
from ..facts import Commitment, PromisingPractice, StatementContext
from .rulepack import RulePack
from .sentences import evidence, sentences
from .treaty_rules import search


@dataclass(frozen=True)
class OwnReport:
    commitments: tuple[Commitment, ...] = ()
    practices: tuple[PromisingPractice, ...] = ()


def extract_own_report(doc: Document, pack: RulePack, *, subject: str | None) -> OwnReport:
    commitments: list[Commitment] = []
    practices: list[PromisingPractice] = []
    by = (subject,) if subject else ()
    skip = pack.patterns["skip"]
    for p in doc.paragraphs:
        heading = doc.section(p.section).title if p.section else None
        for s in sentences(p):
            if skip.search(s.text):
                continue
            rule = next((r for r in pack.rules if search(r, s.text)), None)
            if rule is None:
                continue
            ev = evidence(p, s.start, s.end)
            context = StatementContext(rule.id, heading)
            text = ev.quote.rstrip(" .;")
            if rule.fact == "commitment":
                commitments.append(Commitment(text, ev, committed_by=by, context=context))
            else:
                practices.append(PromisingPractice(text, ev, practice_of=by, context=context))
    return OwnReport(tuple(commitments), tuple(practices))
