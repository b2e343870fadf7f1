"""HTML pages: report, paragraph, statement, actor, concept, instrument, place, any resource."""

from __future__ import annotations

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

    def mark(self, text: str, facts: list[Fact]):
        return highlight(text, facts, self.href)

    def common(self, iri: str) -> dict:
        return {"iri": iri, "label": self.r.label(iri), "types": self.r.types(iri),
                "properties": self.r.properties(iri), "incoming": self.incoming(iri)}

    def incoming(self, iri: str, limit: int = 500) -> list[dict]:
        """Links to this resource from things that are not extracted statements."""
        rows = self.r.select(f"""SELECT DISTINCT ?s ?p ?l WHERE {{ GRAPH ?g {{ ?s ?p {iri_term(iri)} }}
          FILTER NOT EXISTS {{ GRAPH ?g1 {{ ?s rg:quote ?q }} }}
          OPTIONAL {{ GRAPH ?g2 {{ ?s rdfs:label ?l }} }} }} ORDER BY ?p ?s LIMIT {limit}""")
        out, seen = [], set()
        for r in rows:
            if (r["s"], r["p"]) in seen:
                continue
            seen.add((r["s"], r["p"]))
            out.append({"iri": r["s"], "label": r["l"] or local_name(r["s"]),
                        "name": humanize(local_name(r["p"]))})
        return out

    def evidence(self, iri: str) -> dict:
        pointing = self.r.pointing_at(iri)
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
                   fact_count=len(facts), paragraph_count=len(paragraphs))
        return ctx

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
        ctx["mentions"] = self.r.select(f"""SELECT DISTINCT ?p ?n ?r ?rl WHERE {{ GRAPH ?g {{
            {iri_term(iri)} rg:mentionedIn ?p . ?p rg:paragraphNumber ?n ; rg:inReport ?r }}
            OPTIONAL {{ GRAPH ?g2 {{ ?r rdfs:label ?rl }} }} }} ORDER BY ?r ?n""")
        return ctx

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
            rows = self.r.select(f"""SELECT DISTINCT ?c ?l WHERE {{ GRAPH ?g {{ {pattern} }}
                OPTIONAL {{ GRAPH ?g2 {{ ?c skos:prefLabel|rdfs:label ?l
                FILTER(LANG(?l) = "" || LANGMATCHES(LANG(?l), "en")) }} }} }} ORDER BY ?l ?c""")
            seen, out = set(), []
            for r in rows:
                if r["c"] not in seen:
                    seen.add(r["c"])
                    out.append({"iri": r["c"], "label": r["l"] or local_name(r["c"])})
            return out

        ctx["broader"] = related(f"{{ {t} skos:broader ?c }} UNION {{ ?c skos:narrower {t} }}")
        ctx["narrower"] = related(f"{{ ?c skos:broader {t} }} UNION {{ {t} skos:narrower ?c }}")
        ctx["scheme"] = related(f"{t} skos:inScheme ?c")
        ctx.update(self.evidence(iri))
        return ctx

    def instrument(self, iri: str) -> dict:
        ctx = self.common(iri)
        ctx.update(self.evidence(iri))
        ctx["citing"] = self.r.select(f"""SELECT DISTINCT ?p ?n ?r ?rl WHERE {{ GRAPH ?g {{
            ?p rg:cites {iri_term(iri)} ; rg:paragraphNumber ?n ; rg:inReport ?r }}
            OPTIONAL {{ GRAPH ?g2 {{ ?r rdfs:label ?rl }} }} }} ORDER BY ?r ?n""")
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
