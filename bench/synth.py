"""Synthetic corpus: N genre-valid reports made from real templates and the registries.

Each report is a template report (default: ``corpus/*.md``) parsed with our own parser and
written back out in the genre's layout, with, per report and deterministically from a seed:

- a new symbol (so a new report id), session number and dates (shifted consistently);
- every State mention swapped for another UN Member State from the registry (names,
  adjectives and demonyms, consistently within the report);
- civil-society and academic organisations swapped for others of the same registry class;
- people renamed (full names after a title, and their ``Mr./Ms. Surname`` short forms);
- figures (``63,000``, ``45 per cent``, ``2.5 million``) and resolution numbers redrawn;
- paragraphs shuffled within their sections, renumbered, footnotes renumbered in order of
  citation and set at page breaks, some in the middle of a paragraph (as in UN PDFs).

So a 1,000-report corpus exercises parsing, extraction, emit and validation on 1,000
different texts, not on 1,000 copies of one graph.

    python bench/synth.py 100 -o build/synth --seed 7
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from rightsgraph.document import Document, Paragraph
from rightsgraph.ingest import ingest
from rightsgraph.parse import parse
from rightsgraph.registry import find_mentions, organizations, states

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEMPLATES = (ROOT / "corpus",)

FIRST_NAMES = (
    "Amina", "Carlos", "Li", "Fatima", "Jonas", "Priya", "Kwame", "Sofia", "Tariq", "Elena",
    "Mateo", "Aiko", "Oluwaseun", "Ingrid", "Rafael", "Nadia", "Tomasz", "Leila", "Hiroshi",
    "Grace", "Yusuf", "Marta", "Kofi", "Anh", "Beatriz", "Dmitri", "Zainab", "Lucas", "Mariam",
    "Sipho", "Camila", "Arjun", "Chiara", "Emeka", "Hana", "Pedro", "Rania", "Samuel", "Thandiwe",
    "Viktor", "Ximena", "Yara", "Ibrahim", "Joanna", "Kenji", "Lerato", "Nikolai", "Paola",
)
SURNAMES = (
    "Okafor", "Lindqvist", "Haddad", "Moreno", "Nakamura", "Mensah", "Kowalski", "Rahman",
    "Castillo", "Petrov", "Achebe", "Fernandes", "Osei", "Novak", "Tran", "Villanueva", "Diallo",
    "Bergström", "Qureshi", "Ncube", "Álvarez", "Ivanova", "Kamara", "Rossi", "Suleiman",
    "Vandenberg", "Nguyen", "Mwangi", "Jiménez", "Sato", "Adeyemi", "Holm", "Farouk", "Duarte",
    "Kaur", "Abebe", "Herrera", "Zhang", "Owusu", "Popescu", "Salazar", "Toure", "Yilmaz",
    "Ekström", "Banda", "Costa", "Hussein", "Lopes", "Markovic", "Oyelaran",
)
TITLE_WORDS = re.compile(
    r"\b(?:Ambassador|Representative|Commissioner|Rapporteur|Director|Chair(?:person)?|President|"
    r"Secretary|Minister|Professor|Expert|[Mm]ember|Coordinator|Advis[eo]r|Officer|Head|Deputy|"
    r"Founder|Executive|Researcher|Moderator|moderator|panellist|Judge|lawyer|activist|"
    r"representative|founder|director|Vice-Chair|Envoy|Officer-in-Charge)\b"
)
ORG_WORDS = {
    "Council", "Project", "Coalition", "Committee", "Office", "Organization", "Organisation",
    "Network", "Union", "Commission", "Programme", "Agency", "International", "Institute",
    "University", "Centre", "Center", "Foundation", "Group", "Association", "Movement", "Service",
    "Services", "Rights", "Nations", "Human", "Assembly", "Global", "Compact", "Republic", "State",
    "States", "Sea", "Ocean", "America", "Africa", "Europe", "Asia", "Migration", "Migrants",
    "Route", "Mediterranean", "Court", "Tribunal", "Fund", "Bank", "Forum", "Alliance", "Platform",
}
_NAME_TOKEN = r"(?:[A-Z][a-zà-ÿ'’]+(?:-[A-Z]?[a-zà-ÿ'’]+)?|[A-Z]\.|(?:al|el|de|del|da|van|von|der)-?)"
_FULL_NAME = re.compile(rf",\s((?:{_NAME_TOKEN}\s){{1,4}}[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?),")
_SHORT_NAME = re.compile(r"\b(Mr\.|Ms\.|Mrs\.|Dr\.)\s([A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?)")
_THOUSANDS = re.compile(r"(?<![\d/.,])(\d{1,3})((?:,\d{3})+)(?![\d/]|,\d)")
_PER_CENT = re.compile(r"(?<![\d/.,])(\d{1,2}(?:\.\d)?)(\s?(?:per cent|%))")
_MILLIONS = re.compile(r"(?<![\d/.,])(\d{1,3}(?:\.\d{1,2})?)(\s(?:million|billion))")
_RESOLUTION = re.compile(r"\b(resolutions?\s+)(\d{1,3})/(\d{1,4})\b")
_DATE = re.compile(
    r"\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|"
    r"November|December) (\d{4})\b"
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_ORDINALS_UNITS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                   "ninth")
_TENS_WORDS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy",
               8: "eighty", 9: "ninety"}
_TEENS = {10: "tenth", 11: "eleventh", 12: "twelfth", 13: "thirteenth", 14: "fourteenth",
          15: "fifteenth", 16: "sixteenth", 17: "seventeenth", 18: "eighteenth", 19: "nineteenth"}
_TENS_ORD = {2: "twentieth", 3: "thirtieth", 4: "fortieth", 5: "fiftieth", 6: "sixtieth",
             7: "seventieth", 8: "eightieth", 9: "ninetieth"}


def ordinal_words(n: int) -> str:
    """English ordinal of a session number, as UN front matter writes it.

    >>> ordinal_words(57), ordinal_words(12), ordinal_words(40)
    ('Fifty-seventh', 'Twelfth', 'Fortieth')
    """
    if n < 10:
        word = _ORDINALS_UNITS[n]
    elif n < 20:
        word = _TEENS[n]
    elif n % 10 == 0:
        word = _TENS_ORD[n // 10]
    else:
        word = f"{_TENS_WORDS[n // 10]}-{_ORDINALS_UNITS[n % 10]}"
    return word[0].upper() + word[1:]


@dataclass(frozen=True)
class Template:
    path: Path
    document: Document


@cache
def load_template(path: Path) -> Template:
    text = ingest(path)
    return Template(path, parse(text.text, name=text.name))


def templates(folders: Iterable[Path] = DEFAULT_TEMPLATES) -> list[Template]:
    files: list[Path] = []
    for folder in folders:
        folder = Path(folder)
        files.extend(sorted(folder.glob("*.md")) if folder.is_dir() else [folder])
    if not files:
        raise SystemExit(f"synth: no template reports in {', '.join(map(str, folders))}")
    return [load_template(f.resolve()) for f in files]


@cache
def _state_pool() -> tuple:
    return tuple(s for s in states if s.un_status == "member" and "(" not in s.name
                 and s.adjectives and len(s.demonyms) >= 2 and "," not in s.name)


@cache
def _org_pool(actor_class: str) -> tuple:
    return tuple(o for o in organizations if o.actor_class == actor_class)


class Substitution:
    """One report's consistent renaming of States, organisations, people, figures, dates."""

    SWAPPED_ORGS = ("CivilSocietyOrganization", "AcademicInstitution")

    def __init__(self, rng: random.Random, document: Document):
        self.rng = rng
        self.states: dict[str, object] = {}
        self.orgs: dict[str, object] = {}
        self.resolutions: dict[str, str] = {}
        self.days = timedelta(days=rng.randint(-900, 900))
        self.people: dict[str, str] = {}
        self.short: dict[str, str] = {}
        self._plan_people(document)

    # -- people -------------------------------------------------------------------------------
    def _plan_people(self, document: Document) -> None:
        texts = [p.text for p in document.paragraphs] + [document.summary or ""]
        shorts = {m.group(2) for t in texts for m in _SHORT_NAME.finditer(t)}
        used: set[str] = set()
        for text in texts:
            for m in _FULL_NAME.finditer(text):
                name = m.group(1)
                tokens = name.split()
                if any(t.strip(",") in ORG_WORDS for t in tokens) or name in self.people:
                    continue
                titled = TITLE_WORDS.search(text[max(0, m.start() - 140):m.start()])
                if not (titled or shorts & set(tokens)):
                    continue
                if find_mentions(name, kinds=("state", "organization")):
                    continue
                new = self._new_name(len(tokens), used)
                self.people[name] = new
                new_tokens = new.split(" ", 1)
                for i, tok in enumerate(tokens):
                    if tok in shorts and i > 0:
                        self.short[tok] = new_tokens[-1].split()[0] if i < len(tokens) - 1 \
                            else new_tokens[-1].split()[-1]

    def _new_name(self, n_tokens: int, used: set[str]) -> str:
        """A new name; no surname is used twice in a report (short forms stay unambiguous)."""
        free = [s for s in SURNAMES if s not in used] or list(SURNAMES)
        parts = [self.rng.choice(FIRST_NAMES), self.rng.choice(free)]
        if n_tokens >= 3 and self.rng.random() < 0.5:
            parts.append(self.rng.choice([s for s in free if s != parts[1]]))
        used.update(parts[1:])
        return " ".join(parts)

    # -- text ----------------------------------------------------------------------------------
    def text(self, text: str) -> str:
        for old, new in self.people.items():
            text = text.replace(old, new)
        if self.short:
            text = _SHORT_NAME.sub(lambda m: f"{m.group(1)} {self.short.get(m.group(2), m.group(2))}",
                                   text)
        text = self._registry(text)
        text = _THOUSANDS.sub(self._thousands, text)
        text = _PER_CENT.sub(lambda m: f"{self.rng.randint(2, 95)}{m.group(2)}", text)
        text = _MILLIONS.sub(lambda m: f"{self.rng.randint(1, 40) / 2:g}{m.group(2)}", text)
        text = _RESOLUTION.sub(self._resolution, text)
        return _DATE.sub(self._date, text)

    def _registry(self, text: str) -> str:
        out: list[str] = []
        pos = 0
        for mention in find_mentions(text, kinds=("state", "organization")):
            new = self._replacement(mention)
            if new is None:
                continue
            before = text[pos:mention.start]
            if (mention.refs[0].kind == "state" and mention.refs[0].field in ("name", "variant")
                    and before.endswith("the ") and f"the {new}" not in self._articled()):
                before = before[:-4]
            out.append(before)
            out.append(new)
            pos = mention.end
        out.append(text[pos:])
        return "".join(out)

    def _replacement(self, mention) -> str | None:
        ref = mention.refs[0]
        if ref.kind == "state":
            pool = _state_pool()
            new = self.states.get(ref.key)
            if new is None:
                taken = {s.iso3 for s in self.states.values()}
                new = self.rng.choice([s for s in pool if s.iso3 not in taken and s.iso3 != ref.key])
                self.states[ref.key] = new
            if ref.field == "adjective":
                return new.adjectives[0]
            if ref.field == "demonym":
                plural = mention.surface.endswith("s")
                forms = [d for d in new.demonyms if d.endswith("s") == plural] or list(new.demonyms)
                return forms[0]
            return new.name
        org = organizations.by_slug(ref.key)
        if org is None or org.actor_class not in self.SWAPPED_ORGS:
            return None
        new = self.orgs.get(ref.key)
        if new is None:
            taken = {o.slug for o in self.orgs.values()}
            pool = [o for o in _org_pool(org.actor_class) if o.slug not in taken and o.slug != org.slug]
            if not pool:
                return None
            new = self.rng.choice(pool)
            self.orgs[ref.key] = new
        if ref.field == "acronym" and new.acronyms:
            return new.acronyms[0]
        return new.name

    @staticmethod
    @cache
    def _articled() -> frozenset[str]:
        """State names written with "the" ("the Netherlands"), from the registry variants."""
        return frozenset(v for s in states for v in s.variants if v.startswith("the "))

    def _thousands(self, m: re.Match) -> str:
        value = int(m.group(1) + m.group(2).replace(",", ""))
        new = max(1000, int(value * self.rng.uniform(0.3, 2.5)))
        return f"{new:,}"

    def _resolution(self, m: re.Match) -> str:
        key = f"{m.group(2)}/{m.group(3)}"
        if key not in self.resolutions:
            self.resolutions[key] = f"{self.rng.randint(30, 60)}/{self.rng.randint(1, 40)}"
        return m.group(1) + self.resolutions[key]

    def _date(self, m: re.Match) -> str:
        try:
            old = date(int(m.group(3)), _MONTHS.index(m.group(2)) + 1, int(m.group(1)))
        except ValueError:
            return m.group(0)
        return self.shift(old)

    def shift(self, old: date) -> str:
        new = old + self.days
        return f"{new.day} {_MONTHS[new.month - 1]} {new.year}"


def _heading(rng: random.Random, text: str, level: int) -> str:
    """Headings as UN text renderings have them: inconsistent # counts, sometimes bold."""
    hashes = "#" * min(6, level + rng.randint(0, 2))
    return f"{hashes} **{text}**" if rng.random() < 0.3 else f"{hashes} {text}"


def _with_markers(p: Paragraph, text: str, numbers: dict[int, int]) -> str:
    """The paragraph text with its footnote markers put back (renumbered)."""
    out, pos = [], 0
    for ref in sorted(p.footnotes, key=lambda r: r.offset):
        out.append(text[pos:ref.offset])
        out.append(f"<sup>{numbers[ref.number]}</sup>")
        pos = ref.offset
    out.append(text[pos:])
    return "".join(out)


def _order(rng: random.Random, document: Document) -> list[tuple[str | None, list[Paragraph]]]:
    groups: dict[str | None, list[Paragraph]] = {}
    for p in document.paragraphs:
        groups.setdefault(p.section, []).append(p)
    for paras in groups.values():
        if len(paras) > 2:
            head, rest = paras[:1], paras[1:]
            rng.shuffle(rest)
            paras[:] = head + rest
    return list(groups.items())


def _front_matter(rng: random.Random, doc: Document, sub: Substitution, symbol: str,
                  session: int) -> list[str]:
    lines = ["", "", ""]
    if doc.assembly or doc.body == "General Assembly":
        lines += ["# General Assembly", ""]
    lines += [symbol, ""]
    if doc.distribution_date:
        lines += ["Distr.: General  ", sub.shift(doc.distribution_date), ""]
    lines += ["Original: English", "", "---", ""]
    if doc.body and doc.body != "General Assembly":
        lines += [_heading(rng, doc.body, 2), ""]
    lines += [_heading(rng, f"{ordinal_words(session)} session", 3), ""]
    if doc.session_dates:
        lines += [doc.session_dates, ""]
    if doc.agenda_items:
        numbers = [a.number for a in doc.agenda_items]
        spec = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]
        lines += [f"Agenda item{'s' if len(numbers) > 1 else ''} {spec}", ""]
        for item in doc.agenda_items:
            lines += [_heading(rng, item.title, 3), ""]
    lines += [_heading(rng, doc.title, 2), ""]
    if doc.subtitle:
        lines += [_heading(rng, doc.subtitle, 3), ""]
    if doc.summary:
        lines += ["#### *Summary*", "", sub.text(doc.summary), ""]
    return lines


def _sentence_break(text: str, rng: random.Random) -> int | None:
    """An offset after '. ' before a capital letter, to split a paragraph at a page break."""
    cuts = [m.end() for m in re.finditer(r"(?<=[a-z)])\. (?=[A-Z])", text)]
    cuts = [c for c in cuts if 40 < c < len(text) - 40]
    return rng.choice(cuts) if cuts else None


def synth_report(index: int, *, seed: int = 0, pool: list[Template] | None = None) -> tuple[str, str]:
    """The `index`-th synthetic report for `seed`: (file name, markdown text)."""
    pool = pool or templates()
    rng = random.Random(f"{seed}:{index}")
    template = pool[index % len(pool)] if index < len(pool) else rng.choice(pool)
    doc = template.document
    sub = Substitution(rng, doc)
    session = max(1, (doc.session or 50) + rng.randint(-4, 4))
    organ = "A/HRC" if doc.body == "Human Rights Council" else "A"
    symbol = f"{organ}/{session}/{9000 + index}"
    lines = _front_matter(rng, doc, sub, symbol, session)

    order = _order(rng, doc)
    footnotes = {f.number: f for f in doc.footnotes}
    renumber: dict[int, int] = {}
    for _, paras in order:
        for p in paras:
            for ref in sorted(p.footnotes, key=lambda r: r.offset):
                renumber.setdefault(ref.number, len(renumber) + 1)
    for number in sorted(footnotes):
        renumber.setdefault(number, len(renumber) + 1)
    pending: list[int] = []
    page_left = rng.randint(3, 7)
    sections = {s.path: s for s in doc.sections}
    written: set[str] = set()
    n = 0

    done: set[int] = set()

    def page_break() -> list[str]:
        out = ["---", ""]
        for old in sorted(set(pending) - done, key=renumber.__getitem__):
            if old in footnotes:
                out += [f"<sup>{renumber[old]}</sup> {sub.text(footnotes[old].text)}", ""]
                done.add(old)
        pending.clear()
        return out

    for path, paras in order:
        if path is not None:
            section = sections[path]
            if section.parent and section.parent not in written:
                parent = sections[section.parent]
                lines += [_heading(rng, f"{parent.number}. {parent.title}", 2), ""]
                written.add(parent.path)
            lines += [_heading(rng, f"{section.number}. {section.title}", section.level + 1), ""]
            written.add(path)
        for p in paras:
            n += 1
            text = _with_markers(p, p.text, renumber)
            text = sub.text(text)
            pending.extend(ref.number for ref in sorted(p.footnotes, key=lambda r: r.offset))
            page_left -= 1
            cut = _sentence_break(text, rng) if page_left <= 0 and rng.random() < 0.4 else None
            if cut is not None:
                lines += [f"{n}. {text[:cut].rstrip()}", ""]
                lines += page_break()
                lines += [text[cut:], ""]
                page_left = rng.randint(3, 7)
                continue
            lines += [f"{n}. {text}", ""]
            if page_left <= 0:
                lines += page_break()
                page_left = rng.randint(3, 7)
    for s in doc.sections:  # sections without paragraphs of their own
        if s.path not in written:
            lines += [_heading(rng, f"{s.number}. {s.title}", s.level + 1), ""]
    pending.extend(k for k in footnotes if k not in done)
    if pending:
        lines += page_break()
    name = f"synth-{seed}-{index:05d}.md"
    return name, "\n".join(lines).rstrip() + "\n"


def generate(n: int, out_dir: str | Path, *, seed: int = 0,
             template_dirs: Iterable[Path] = DEFAULT_TEMPLATES,
             progress: Callable[[int], None] | None = None) -> list[Path]:
    """Write `n` synthetic reports into `out_dir` (reused when already written for this seed)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pool = templates(template_dirs)
    paths = []
    for i in range(n):
        name, text = synth_report(i, seed=seed, pool=pool)
        path = out / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
        if progress:
            progress(i)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of reports")
    ap.add_argument("-o", "--out", default="build/synth", help="output folder")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--templates", nargs="*", type=Path, default=list(DEFAULT_TEMPLATES),
                    help="template report files or folders [default: corpus/]")
    args = ap.parse_args(argv)
    paths = generate(args.n, args.out, seed=args.seed, template_dirs=args.templates)
    print(f"wrote {len(paths)} reports to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
