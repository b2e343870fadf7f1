"""HTML pages: report, paragraph, statement, actor, concept, instrument, place, any resource."""

from __future__ import annotations

import re
from collections import defaultdict

from ..iris import ONTOLOGY_NS
from .data import Fact, Reader, humanize, iri_term, local_name
from .highlight import highlight, kind_class, legend

STATEMENT_KINDS = ("intervention", "violation", "recommendation", "commitment", "practice", "concern",
                   "statistic", "citation")
ACTOR_HEADS = ("state", "org", "person")
GROUP_TITLES = {
    ("Intervention", "speaker"): "Interventions",
    ("Intervention", "onBehalfOf"): "Interventions made on its behalf",
    ("Recommendation", "recommendedBy"): "Recommendations made",
    ("Recommendation", "addressedTo"): "Recommendations received",
    ("Recommendation", "invokes"): "Recommendations invoking it",
    ("PromisingPractice", "practiceOf"): "Promising practices",
    ("Commitment", "committedBy"): "Commitments",
    ("Concern", "concernOf"): "Concerns raised",
    ("ViolationReport", "violationType"): "Reports of this violation",
    ("ViolationReport", "reportedBy"): "Violations reported",
    ("ViolationReport", "perpetrator"): "Named as perpetrator",
    ("ViolationReport", "location"): "Violations reported here",
    ("ViolationReport", "affectedGroup"): "Violations affecting this group",
    ("Citation", "cites"): "Citations",
    ("Citation", "attributedTo"): "Citations it made",
    ("Statistic", "about"): "Statistics",
    ("Statistic", "source"): "Statistics it is the source of",
}
GROUP_ORDER = {key: i for i, key in enumerate(GROUP_TITLES)}
# /browse/{kind}: a title and the pattern that says which resources ?s are of that kind
BROWSE = {
    "states": ("States", "GRAPH ?t { ?s a rg:State }"),
    "bodies": ("Bodies and organisations", "GRAPH ?t { ?s a ?c } VALUES ?c { rg:HumanRightsMechanism "
               "rg:UNEntity rg:IntergovernmentalOrganization rg:RegionalOrganization "
               "rg:CivilSocietyOrganization rg:AcademicInstitution }"),
    "violation-types": ("Violation types", "GRAPH ?t { ?s a rg:ViolationType }"),
    "themes": ("Themes", "GRAPH ?t { ?s skos:inScheme ?scheme } FILTER(STRENDS(STR(?scheme), "
               "'/vocab/theme'))"),
}
BROWSE_TITLES = {k: v[0] for k, v in BROWSE.items()}


def reader_language(accept_language: str | None, asked: str | None = None) -> str:
    """The language a reader wants labels in: ``?lang=`` when it is a language tag, else the
    first language of `Accept-Language` (by q-value), else English. Labels fall back to English
    where the vocabularies have none in that language.

    >>> reader_language("fr-CH, fr;q=0.9, en;q=0.8"), reader_language(None, "es")
    ('fr', 'es')
    >>> reader_language("*"), reader_language("de;q=0.5, es"), reader_language("", "<x>")
    ('en', 'es', 'en')
    """
    if asked and re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*", asked):
        return asked.split("-", 1)[0].lower()
    ranked = []
    for i, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().lower().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*", tag) and q > 0:
            ranked.append((-q, i, tag.split("-", 1)[0].lower()))
    return min(ranked)[2] if ranked else "en"


def page_kind(path: str, types: list[str]) -> str:
    """Which page a resource gets, from its IRI pattern (the public contract) and its types.

    >>> page_kind("state/COL", []), page_kind("report/r/recommendation/3-5d41402abc", [])
    ('actor', 'statement')
    >>> page_kind("vocab/violation-type/pushback", []), page_kind("report/r", [])
    ('concept', 'report')
    """
    parts = path.split("/")
    local = {local_name(t) for t in types if t.startswith(ONTOLOGY_NS)}
    if parts[0] == "report" and len(parts) == 2:
        return "report"
    if parts[0] == "report" and len(parts) == 4:
        if parts[2] == "paragraph":
            return "paragraph"
        if parts[2] in STATEMENT_KINDS:
            return "statement"
        if parts[2] == "group":
            return "actor"
    if parts[0] in ACTOR_HEADS or "Actor" in local:
        return "actor"
    if parts[0] == "vocab" and len(parts) >= 3:
        return "concept"
    if parts[0] == "instrument":
        return "instrument"
    if parts[0] == "place":
        return "place"
    return "resource"


def group_facts(pointing: list[tuple[str, Fact]]) -> list[dict]:
    """Facts naming a resource, grouped by (fact kind, property) under readable titles."""
    groups: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for prop, fact in pointing:
        if fact not in groups[(fact.kind, prop)]:
            groups[(fact.kind, prop)].append(fact)
    keys = sorted(groups, key=lambda k: (GROUP_ORDER.get(k, 99), k))
    return [{"title": GROUP_TITLES.get(k, f"{humanize(k[0])} ({humanize(k[1])})"),
             "id": f"{k[0]}-{k[1]}".lower(), "css": kind_class(k[0]), "facts": groups[k]}
            for k in keys]


class Pages:
    """Builds the template context of each page from the store."""

    def __init__(self, reader: Reader, href):
        self.r = reader
        self.href = href

    def speaking(self, lang: str) -> Pages:
        """The pages for a reader of `lang` (labels in that language, else English)."""
        return self if lang == self.r.lang else Pages(self.r.speaking(lang), self.href)

    def mark(self, text: str, facts: list[Fact]):
        return highlight(text, facts, self.href)

    def common(self, iri: str) -> dict:
        return {"iri": iri, "label": self.r.label(iri), "types": self.r.types(iri),
                "properties": self.r.properties(iri), "incoming": self.incoming(iri)}

    def incoming(self, iri: str, limit: int = 500) -> list[dict]:
        """Links to this resource from things that are not extracted statements."""
        rows = self.r.select(f"""SELECT DISTINCT ?s ?p WHERE {{ GRAPH ?g {{ ?s ?p {iri_term(iri)} }}
          FILTER NOT EXISTS {{ GRAPH ?g1 {{ ?s rg:quote ?q }} }} }} ORDER BY ?p ?s LIMIT {limit}""")
        names = self.r.labels(r["s"] for r in rows)
        return [{"iri": r["s"], "label": names.get(r["s"]) or local_name(r["s"]),
                 "name": humanize(local_name(r["p"]))} for r in rows]

    def evidence(self, iri: str, *, gathered: list[dict] = ()) -> dict:
        """The facts naming `iri` (or one of the `gathered` resources: a concept's narrower
        concepts), grouped, with their paragraphs."""
        pointing = self.r.pointing_at(iri)
        for other in gathered:
            pointing += self.r.pointing_at(other["iri"])
        facts = [f for _, f in pointing]
        return {"groups": group_facts(pointing), "context": self.r.context(facts),
                "fact_count": len({f.iri for f in facts})}

    # ---- pages ------------------------------------------------------------------------------

    def report(self, iri: str) -> dict:
        ctx = self.common(iri)
        t = iri_term(iri)
        sections = self.r.select(f"""SELECT ?s ?num ?title ?order ?parent WHERE {{ GRAPH ?g {{
            ?s rg:inReport {t} ; a rg:Section . OPTIONAL {{ ?s rg:sectionNumber ?num }}
            OPTIONAL {{ ?s dcterms:title ?title }} OPTIONAL {{ ?s rg:order ?order }}
            OPTIONAL {{ ?s rg:subSectionOf ?parent }} }} }} ORDER BY ?order ?num""")
        paragraphs = self.r.paragraphs(f"FILTER(?report = {t})")
        facts = self.r.facts(f"GRAPH ?gr {{ ?para rg:inReport {t} }}")
        self.r.attach(paragraphs, facts)
        by_section: dict[str | None, list] = defaultdict(list)
        for p in paragraphs:
            p.html = self.mark(p.text, p.facts)
            by_section[p.section].append(p)
        known = {s["s"] for s in sections}
        loose = [p for sec, ps in by_section.items() if sec not in known for p in ps]
        for s in sections:
            s["paragraphs"] = by_section.get(s["s"], [])
            s["level"] = 3 if s["parent"] else 2
        footnotes = self.r.select(f"""SELECT ?fn ?n ?text ?para ?pn WHERE {{ GRAPH ?g {{
            ?fn a rg:Footnote ; rg:inReport {t} ; rg:footnoteNumber ?n ; rg:text ?text .
            OPTIONAL {{ ?fn rg:citedIn ?para . ?para rg:paragraphNumber ?pn }} }} }} ORDER BY ?n""")
        ctx.update(sections=sections, loose=loose, footnotes=footnotes, legend=legend(facts),
                   fact_count=len(facts), paragraph_count=len(paragraphs),
                   meetings=self._linked(f"?m rg:summarizedIn {t} . OPTIONAL {{ ?m dcterms:date ?date }}",
                                         "m"),
                   genres=self._linked(f"{t} rg:genre ?m", "m"))
        return ctx

    def _linked(self, pattern: str, var: str) -> list[dict]:
        """Resources a pattern binds to ?`var` (and ?date), labelled in the reader's language."""
        selected = f"?{var} ?date" if "?date" in pattern else f"?{var}"
        rows = self.r.select(f"SELECT DISTINCT {selected} WHERE {{ GRAPH ?g {{ {pattern} }} }} "
                             f"ORDER BY ?{var}")
        names = self.r.labels(r[var] for r in rows)
        return [{"iri": r[var], "label": names.get(r[var]) or local_name(r[var]),
                 "date": r.get("date")} for r in rows]

    def paragraph(self, iri: str) -> dict:
        ctx = self.common(iri)
        paras = self.r.paragraphs(f"FILTER(?p = {iri_term(iri)})")
        facts = self.r.facts(f"FILTER(?para = {iri_term(iri)})")
        self.r.attach(paras, facts)
        para = paras[0] if paras else None
        if para:
            para.html = self.mark(para.text, para.facts)
        neighbours = {}
        if para and para.report:
            for r in self.r.select(f"""SELECT ?p ?n WHERE {{ GRAPH ?g {{ ?p rg:inReport
                {iri_term(para.report)} ; rg:paragraphNumber ?n }} FILTER(?n IN ({para.number - 1},
                {para.number + 1})) }}"""):
                neighbours["prev" if r["n"] < para.number else "next"] = r
        ctx.update(para=para, legend=legend(facts), neighbours=neighbours,
                   report_label=self.r.label(para.report) if para and para.report else None)
        return ctx

    def statement(self, iri: str) -> dict:
        ctx = self.common(iri)
        facts = self.r.facts(f"FILTER(?f = {iri_term(iri)})")
        fact = facts[0] if facts else None
        context = self.r.context(facts)
        para = context.get(fact.paragraph) if fact else None
        html = self.mark(para["text"], [fact]) if para else None
        ctx.update(fact=fact, para=para, para_html=html, kind=humanize(fact.kind) if fact else "",
                   css=kind_class(fact.kind) if fact else "k-other")
        return ctx

    def actor(self, iri: str) -> dict:
        ctx = self.common(iri)
        ctx.update(self.evidence(iri))
        ctx["mentions"] = self._in_reports(f"""SELECT DISTINCT ?p ?n ?r WHERE {{ GRAPH ?g {{
            {iri_term(iri)} rg:mentionedIn ?p . ?p rg:paragraphNumber ?n ; rg:inReport ?r }} }}
            ORDER BY ?r ?n""")
        return ctx

    def _in_reports(self, query: str) -> list[dict]:
        """Rows with a report ?r, each given ``rl``: the report's label in the reader's language."""
        rows = self.r.select(query)
        names = self.r.labels(r["r"] for r in rows)
        for r in rows:
            r["rl"] = names.get(r["r"])
        return rows

    def concept(self, iri: str) -> dict:
        ctx = self.common(iri)
        t = iri_term(iri)
        langs: dict[str, dict] = defaultdict(dict)
        for r in self.r.select(f"""SELECT ?p ?v (LANG(?v) AS ?lang) WHERE {{ GRAPH ?g {{ {t} ?p ?v }}
            VALUES ?p {{ skos:prefLabel skos:definition skos:altLabel skos:scopeNote }} }}
            ORDER BY ?p ?v"""):
            key = local_name(r["p"])
            lang = r["lang"] or "—"
            if key == "altLabel":
                langs[lang].setdefault(key, []).append(r["v"])
            else:
                langs[lang].setdefault(key, r["v"])
        order = {"en": 0, "fr": 1, "es": 2}
        ctx["languages"] = sorted(langs.items(), key=lambda kv: (order.get(kv[0], 9), kv[0]))

        def related(pattern: str) -> list[dict]:
            rows = self.r.select(f"SELECT DISTINCT ?c WHERE {{ GRAPH ?g {{ {pattern} }} }}")
            names = self.r.labels(r["c"] for r in rows)
            out = [{"iri": r["c"], "label": names.get(r["c"]) or local_name(r["c"])} for r in rows]
            return sorted(out, key=lambda c: (c["label"], c["iri"]))

        ctx["broader"] = related(f"{{ {t} skos:broader ?c }} UNION {{ ?c skos:narrower {t} }}")
        ctx["narrower"] = related(f"{{ ?c skos:broader {t} }} UNION {{ {t} skos:narrower ?c }}")
        ctx["scheme"] = related(f"{t} skos:inScheme ?c")
        # facts about narrower concepts, at any depth, count for this one (as the library's
        # evidence-for-violation-type query counts them), and the page says so
        below = related(f"?c skos:broader+ {t}")
        ctx.update(self.evidence(iri, gathered=below))
        own = len({f.iri for _, f in self.r.pointing_at(iri)})
        ctx["gathered"] = below if ctx["fact_count"] > own else []
        ctx["own_count"] = own
        return ctx

    def instrument(self, iri: str) -> dict:
        ctx = self.common(iri)
        ctx.update(self.evidence(iri))
        ctx["citing"] = self._in_reports(f"""SELECT DISTINCT ?p ?n ?r WHERE {{ GRAPH ?g {{
            ?p rg:cites {iri_term(iri)} ; rg:paragraphNumber ?n ; rg:inReport ?r }} }}
            ORDER BY ?r ?n""")
        return ctx

    def place(self, iri: str) -> dict:
        """A place (``place/europe``): what the reports say happens there."""
        ctx = self.common(iri)
        ctx.update(self.evidence(iri))
        return ctx

    def resource(self, iri: str) -> dict:
        ctx = self.common(iri)
        ctx.update(self.evidence(iri))
        return ctx

    # ---- browsing ---------------------------------------------------------------------------

    def browse(self, kind: str) -> dict | None:
        """The States, bodies, violation types or themes the reports speak of, each with the
        number of facts naming it (None for an unknown kind)."""
        pattern = BROWSE.get(kind)
        if pattern is None:
            return None
        rows = self.r.select(f"""SELECT ?s (COUNT(DISTINCT ?f) AS ?n) WHERE {{
            GRAPH ?g {{ ?f ?p ?s ; rg:quote ?q }} {{ {pattern[1]} }} }} GROUP BY ?s""")
        names = self.r.labels(r["s"] for r in rows)
        items = sorted(({"iri": r["s"], "label": names.get(r["s"]) or local_name(r["s"]),
                         "count": r["n"]} for r in rows), key=lambda i: (i["label"].casefold(), i["iri"]))
        return {"kind": kind, "title": pattern[0], "items": items, "kinds": BROWSE_TITLES}
