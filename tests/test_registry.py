"""Reference registries: data integrity, lookups, the mention matcher and the RDF graph."""

from __future__ import annotations

from importlib import resources

import pycountry
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import ORG, RDF, RDFS

from rightsgraph.emit.registry import registry_graph
from rightsgraph.emit.terms import RG
from rightsgraph.registry import (
    INSTRUMENT_CLASSES,
    ORGANIZATION_CLASSES,
    find_mentions,
    instruments,
    organizations,
    states,
)
from rightsgraph.registry.tools import build_states

BASE = "https://w3id.org/rightsgraph/id/"


# --- States -----------------------------------------------------------------------------------


def test_193_members_and_2_observers():
    statuses = [s.un_status for s in states]
    assert statuses.count("member") == 193
    assert sorted(s.name for s in states if s.un_status == "observer") == [
        "Holy See",
        "State of Palestine",
    ]


def test_state_codes_are_unique_and_match_pycountry():
    for field in ("iso3", "iso2", "m49", "name"):
        values = [getattr(s, field) for s in states]
        assert len(set(values)) == len(values), field
    for state in states:
        country = pycountry.countries.get(alpha_3=state.iso3)
        assert country is not None, state.iso3
        assert (country.alpha_2, country.numeric) == (state.iso2, state.m49)


def test_states_csv_equals_generator_output():
    data = resources.files("rightsgraph.registry").joinpath("data", "states.csv")
    assert data.read_text(encoding="utf-8") == build_states.render()


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("Turkey", "TUR"),
        ("TÜRKIYE", "TUR"),
        ("Venezuela (Bolivarian Republic of)", "VEN"),
        ("Bolivarian Republic of Venezuela", "VEN"),
        ("Venezuela", "VEN"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Plurinational State of Bolivia", "BOL"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Islamic Republic of Iran", "IRN"),
        ("Republic of Moldova", "MDA"),
        ("Moldova", "MDA"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("United Kingdom", "GBR"),
        ("UK", "GBR"),
        ("Netherlands (Kingdom of the)", "NLD"),
        ("the Netherlands", "NLD"),
        ("Netherlands", "NLD"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d’Ivoire", "CIV"),
        ("United States", "USA"),
        ("USA", "USA"),
        ("United States of America", "USA"),
        ("Czech Republic", "CZE"),
        ("Czechia", "CZE"),
        ("Democratic Republic of the Congo", "COD"),
        ("Congo", "COG"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Republic of Korea", "KOR"),
        ("Viet Nam", "VNM"),
        ("the Niger", "NER"),
        ("Holy See", "VAT"),
        ("State of Palestine", "PSE"),
        ("  the   Gambia ", "GMB"),
    ],
)
def test_state_by_name(text, iso3):
    state = states.by_name(text)
    assert state is not None, text
    assert state.iso3 == iso3


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Mexican", "MEX"),
        ("Mexicans", "MEX"),
        ("Salvadoran", "SLV"),
        ("Salvadorans", "SLV"),
        ("Venezuelans", "VEN"),
        ("Nigerien", "NER"),
        ("Nigerians", "NGA"),
        ("Filipinos", "PHL"),
        ("Ivorian", "CIV"),
        ("Palestinians", "PSE"),
    ],
)
def test_state_by_adjective_or_demonym(text, iso3):
    assert states.by_name(text).iso3 == iso3


def test_ambiguous_adjectives_name_no_state():
    for text in ("Congolese", "Dominican", "Korean", "American"):
        assert states.by_name(text) is None


def test_by_iso3_and_iso2():
    assert states.by_iso3("col").name == "Colombia"
    assert states.by_iso2("TR").iso3 == "TUR"
    assert states.by_iso3("XKX") is None


def test_state_names_as_un_writes_them():
    assert states.by_iso3("TUR").name == "Türkiye"
    assert states.by_iso3("NLD").name == "Netherlands (Kingdom of the)"
    assert states.by_iso3("VEN").name == "Venezuela (Bolivarian Republic of)"
    assert states.by_iso3("GBR").name == "United Kingdom of Great Britain and Northern Ireland"


# --- Organisations and instruments ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("CMW", "cmw"),
        ("Committee on Migrant Workers", "cmw"),
        (
            "Committee on the Protection of the Rights of All Migrant Workers and Members of "
            "Their Families",
            "cmw",
        ),
        ("OHCHR", "ohchr"),
        ("Office of the United Nations High Commissioner for Human Rights", "ohchr"),
        ("United Nations High Commissioner for Human Rights", "high-commissioner-for-human-rights"),
        ("IOM", "iom"),
        ("International Organization for Migration", "iom"),
        ("UNHCR", "unhcr"),
        ("UN Women", "un-women"),
        ("the United Nations Network on Migration", "un-network-on-migration"),
        ("Human Rights Committee", "ccpr"),
        ("SPT", "spt"),
        ("Special Rapporteur on the human rights of migrants", "sr-migrants"),
        ("Special Rapporteur on torture", "sr-torture"),
        ("Working Group on Enforced or Involuntary Disappearances", "wg-disappearances"),
        ("Independent Expert on sexual orientation and gender identity", "ie-sogi"),
        ("European Union", "european-union"),
        ("Médecins Sans Frontières", "msf"),
        ("Medecins sans Frontieres", "msf"),
        ("Doctors Without Borders", "msf"),
        ("ICRC", "icrc"),
        ("SICA", "sica"),
    ],
)
def test_organization_by_name(text, slug):
    org = organizations.by_name(text)
    assert org is not None, text
    assert org.slug == slug


def test_organization_classes_and_parents():
    slugs = {o.slug for o in organizations}
    for org in organizations:
        assert org.actor_class in ORGANIZATION_CLASSES
        assert org.parent is None or org.parent in slugs
    for body in ("cmw", "cerd", "ced", "cat", "spt", "crc", "cedaw", "ccpr", "cescr", "crpd"):
        assert organizations.by_slug(body).actor_class == "HumanRightsMechanism"


def test_all_thematic_special_procedures_mandates():
    mandates = [o for o in organizations if o.parent == "special-procedures"]
    assert len(mandates) >= 45
    assert all(o.actor_class == "HumanRightsMechanism" for o in mandates)
    assert all(
        o.name.startswith(("Special Rapporteur", "Independent Expert", "Working Group"))
        for o in mandates
    )


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Global Compact for Safe, Orderly and Regular Migration", "gcm"),
        ("the Global Compact", "gcm"),
        ("the 2030 Agenda", "2030-agenda"),
        ("the Migrant Workers Convention", "icrmw"),
        ("ICERD", "icerd"),
        ("Convention for the Protection of All Persons from Enforced Disappearance", "icpped"),
        ("1951 Refugee Convention", "refugee-convention"),
        ("1967 Protocol", "refugee-protocol"),
        ("Protocol against the Smuggling of Migrants by Land, Sea and Air", "smuggling-protocol"),
        ("UNCLOS", "unclos"),
        ("Istanbul Convention", "istanbul-convention"),
        ("EU Pact on Migration and Asylum", "eu-pact-migration-asylum"),
    ],
)
def test_instrument_by_name(text, slug):
    assert instruments.by_name(text).slug == slug


def test_instrument_fields():
    slugs = {o.slug for o in organizations}
    for instrument in instruments:
        assert instrument.instrument_class in INSTRUMENT_CLASSES
        assert instrument.adopted_by is None or instrument.adopted_by in slugs
    gcm = instruments.by_slug("gcm")
    assert (gcm.instrument_class, gcm.year, gcm.adopted_by) == ("Compact", 2018, "general-assembly")
    assert gcm.parts_pattern == "gcm/objective-{n}"


def test_wikidata_qids_are_not_reused():
    qids = [r.wikidata for table in (states, organizations, instruments) for r in table]
    filled = [q for q in qids if q]
    assert len(set(filled)) == len(filled)


# --- Matcher ----------------------------------------------------------------------------------


def _found(text, **options):
    mentions = find_mentions(text, **options)
    for m in mentions:
        assert text[m.start : m.end] == m.surface
    return [(m.surface, m.kind, m.key) for m in mentions]


def test_matcher_offsets_and_longest_match():
    text = (
        "The delegation of Guinea-Bissau thanked Papua New Guinea and Guinea, "
        "while the Special Rapporteur on the human rights of migrants briefed the "
        "Office of the United Nations High Commissioner for Human Rights."
    )
    assert _found(text) == [
        ("Guinea-Bissau", "state", "GNB"),
        ("Papua New Guinea", "state", "PNG"),
        ("Guinea", "state", "GIN"),
        ("Special Rapporteur on the human rights of migrants", "organization", "sr-migrants"),
        (
            "Office of the United Nations High Commissioner for Human Rights",
            "organization",
            "ohchr",
        ),
    ]


def test_matcher_respects_word_boundaries():
    text = "Nigerians met Nigeriens near the Niger; Omanis and Romanians (not Oman) spoke."
    assert _found(text) == [
        ("Nigerians", "state", "NGA"),
        ("Nigeriens", "state", "NER"),
        ("Niger", "state", "NER"),
        ("Omanis", "state", "OMN"),
        ("Romanians", "state", "ROU"),
        ("Oman", "state", "OMN"),
    ]


def test_matcher_is_case_and_accent_insensitive_for_names_only():
    text = "TURKIYE and côte d’ivoire met WHO officials. Who knows who paid? Iom did not."
    assert _found(text) == [
        ("TURKIYE", "state", "TUR"),
        ("côte d’ivoire", "state", "CIV"),
        ("WHO", "organization", "who"),
    ]


def test_matcher_spans_line_breaks_and_possessives():
    text = "Delegates of the United Kingdom of Great Britain and\nNorthern Ireland and Mexico's."
    assert _found(text) == [
        ("United Kingdom of Great Britain and\nNorthern Ireland", "state", "GBR"),
        ("Mexico", "state", "MEX"),
    ]


def test_matcher_shadows_and_adjective_option():
    text = "Boats in the Indian Ocean carried Latin American and Congolese nationals and Indians."
    assert _found(text) == [("Indians", "state", "IND")]
    assert _found(text, adjectives=False) == []


def test_matcher_instruments_and_shared_acronyms():
    text = (
        "States should ratify the Migrant Workers Convention and implement the Global "
        "Compact for Safe, Orderly and Regular Migration and the 2030 Agenda; CAT reviewed it."
    )
    mentions = find_mentions(text)
    assert [(m.surface, m.key) for m in mentions] == [
        ("Migrant Workers Convention", "icrmw"),
        ("Global Compact for Safe, Orderly and Regular Migration", "gcm"),
        ("2030 Agenda", "2030-agenda"),
        ("CAT", "cat"),
    ]
    assert {(r.kind, r.key) for r in mentions[-1].refs} == {
        ("organization", "cat"),
        ("instrument", "cat"),
    }


def test_matcher_kinds_filter():
    text = "Colombia and IOM discussed the Global Compact."
    assert _found(text, kinds=("state",)) == [("Colombia", "state", "COL")]
    with pytest.raises(ValueError):
        find_mentions(text, kinds=("person",))


# --- RDF --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph():
    return registry_graph(BASE)


def test_registry_graph_round_trips(graph):
    assert str(graph.identifier) == "https://w3id.org/rightsgraph/graph/registry"
    parsed = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert isomorphic(parsed, graph)


def test_every_state_has_iso3_and_label(graph):
    state_nodes = set(graph.subjects(RDF.type, RG.State))
    assert len(state_nodes) == 195
    for node in state_nodes:
        iso3 = graph.value(node, RG.iso3166Alpha3)
        assert iso3 is not None and str(node) == f"{BASE}state/{iso3}"
        assert graph.value(node, RDFS.label) is not None
    turkiye = URIRef(BASE + "state/TUR")
    assert (turkiye, RG.wikidata, URIRef("http://www.wikidata.org/entity/Q43")) in graph


def test_organizations_and_instruments_in_graph(graph):
    cmw = URIRef(BASE + "org/cmw")
    assert (cmw, RDF.type, RG.HumanRightsMechanism) in graph
    mandate = URIRef(BASE + "org/sr-migrants")
    assert (mandate, ORG.subOrganizationOf, URIRef(BASE + "org/special-procedures")) in graph
    gcm = URIRef(BASE + "instrument/gcm")
    assert (gcm, RDF.type, RG.Compact) in graph
    assert (gcm, RG.adoptedBy, URIRef(BASE + "org/general-assembly")) in graph


def test_registry_graph_is_deterministic():
    first = registry_graph(BASE).serialize(format="nt")
    second = registry_graph(BASE).serialize(format="nt")
    assert sorted(first.splitlines()) == sorted(second.splitlines())
