"""The universal periodic review: numbered recommendations, their recommenders, the State's
responses in the report and in its Add.1, and the IRIs both documents share."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from rightsgraph.extract.rulepack import load_pack
from rightsgraph.extract.upr import expand_numbers, recommenders, working_group_symbol
from rightsgraph.pipeline import convert
from rightsgraph.validate import validate

RG = "https://w3id.org/rightsgraph/ontology#"
ID = "https://w3id.org/rightsgraph/id/"

WORKING_GROUP = """A/HRC/43/15

Human Rights Council

Report of the Working Group on the Universal Periodic Review

Slovenia

# I. Summary of the proceedings of the review process

## B. Interactive dialogue and responses by the State under review

1. The head of the delegation of Slovenia informed the Human Rights Council that the Government had prepared the report.

2. The United Kingdom of Great Britain and Northern Ireland commended Slovenia for signing the Global Pledge. It also called for the decriminalization of defamation.

3. The Bolivarian Republic of Venezuela recognized the work done by Slovenia.

# II. Conclusions and/or recommendations

4. The recommendations formulated during the interactive dialogue/listed below have been examined by Slovenia and enjoy the support of Slovenia:
4.1 Ratify the International Convention for the Protection of All Persons from Enforced Disappearance (France) (Lithuania);
4.2 Complete the process of ratification of the Convention (Ukraine); Increase efforts towards ratification of the Convention (Slovakia);
4.3 Ratify the Protocol to the Forced Labour Convention, 1930 (No. 29) (United Kingdom of Great Britain and Northern Ireland).

5. The following recommendations will be examined by Slovenia, which will provide responses in due time:
5.1 Ratify the Convention on Migrant Workers (Bangladesh) (Egypt);
5.2 Establish a procedure for the determination of statelessness (Costa Rica, Brazil).

6. All conclusions and/or recommendations contained in the present report reflect the position of the submitting State(s).
"""  # noqa: E501

VIEWS = """A/HRC/43/15/Add.1

Human Rights Council

Report of the Working Group on the Universal Periodic Review

Slovenia

Addendum

Views on conclusions and/or recommendations, voluntary commitments and replies presented by the State under review

1. This document contains the response of the Government of the Republic of Slovenia to the recommendations made during its review.

2. The Government accepts the following recommendations 5.1. Slovenia considers it implemented.

3. For the time being, the Government notes recommendations 5.2.
"""  # noqa: E501


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("upr")
    out = {}
    for name, text in (("wg", WORKING_GROUP), ("views", VIEWS)):
        path = folder / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        out[name] = convert(path)
    return out


def _numbers(graph: Graph) -> dict[str, URIRef]:
    return {str(n): s for s, n in graph.subject_objects(URIRef(RG + "recommendationNumber"))}


def test_each_numbered_item_is_one_recommendation(graphs):
    g = graphs["wg"].graph
    numbers = _numbers(g)
    assert sorted(numbers) == ["4.1", "4.2", "4.3", "5.1", "5.2"]
    assert numbers["4.1"] == URIRef(ID + "report/a-hrc-43-15/recommendation/4.1")
    by = {n: {str(o).rsplit("/", 1)[-1] for o in g.objects(s, URIRef(RG + "recommendedBy"))}
          for n, s in numbers.items()}
    assert by == {"4.1": {"FRA", "LTU"}, "4.2": {"UKR", "SVK"}, "4.3": {"GBR"},
                  "5.1": {"BGD", "EGY"}, "5.2": {"CRI", "BRA"}}
    for s in numbers.values():
        assert set(g.objects(s, URIRef(RG + "addressedTo"))) == {URIRef(ID + "state/SVN")}
        assert set(g.objects(s, URIRef(RG + "extractionRule"))) == {
            Literal("upr-working-group-report/recommendation.numbered")}


def test_the_action_leaves_out_the_recommenders(graphs):
    actions = {r.number: r.action for r in graphs["wg"].facts.recommendations}
    assert actions["4.3"] == "Ratify the Protocol to the Forced Labour Convention, 1930 (No. 29)"
    assert actions["5.2"] == "Establish a procedure for the determination of statelessness"


def test_the_lead_of_a_supported_list_is_each_items_response(graphs):
    responses = {(r.number, r.status) for r in graphs["wg"].facts.responses}
    assert responses == {("4.1", "response-status/supported"), ("4.2", "response-status/supported"),
                         ("4.3", "response-status/supported")}  # 5.x: "will be examined"


def test_add1_answers_the_working_group_reports_recommendations(graphs):
    g = graphs["views"].graph
    answered = {}
    for node in g.subjects(URIRef(RG + "responseTo"), None):
        target = g.value(node, URIRef(RG + "responseTo"))
        status = g.value(node, URIRef(RG + "responseStatus"))
        answered[str(target)] = str(status).rsplit("/", 1)[-1]
        assert g.value(node, URIRef(RG + "respondedBy")) == URIRef(ID + "state/SVN")
    wg_numbers = _numbers(graphs["wg"].graph)
    assert answered == {str(wg_numbers["5.1"]): "supported", str(wg_numbers["5.2"]): "noted"}


def test_delegations_statements_are_their_interventions(graphs):
    speakers = [i.speaker for i in graphs["wg"].facts.interventions]
    assert speakers == ["state/SVN", "state/GBR", "state/VEN"]


@pytest.mark.parametrize("name", ["wg", "views"])
def test_upr_graphs_pass_the_gate(graphs, name):
    report = validate(graphs[name].graph)
    assert report.conforms, report


@pytest.mark.parametrize("text, numbers", [
    ("122.1, 122.12, 122.17-18", ["122.1", "122.12", "122.17", "122.18"]),
    ("122.34- 35, 122.62-\n66", ["122.34", "122.35", "122.62", "122.63", "122.64", "122.65", "122.66"]),
    ("140.1-140.5, 140.9", ["140.1", "140.2", "140.3", "140.4", "140.5", "140.9"]),
    ("122.141-144,122.146", ["122.141", "122.142", "122.143", "122.144", "122.146"]),
    ("122.14– 15", ["122.14", "122.15"]),
    ("121.9-121.3", ["121.9", "121.3"]),  # a range backwards is two numbers, not none
])
def test_ranges_and_clusters_are_expanded(text, numbers):
    pattern = load_pack("en", "upr-views").patterns["number"]
    assert expand_numbers(text, pattern) == numbers


def test_only_parentheses_of_states_name_recommenders():
    pattern = load_pack("en", "upr-working-group-report").patterns["recommenders"]
    text = "Ratify the Protocol to the Forced Labour Convention, 1930 (No. 29) (Chile and Peru)"
    assert recommenders(text, pattern) == ("state/CHL", "state/PER")
    assert recommenders("Protect the rights of the Roma (in Slovenia's words)", pattern) == ()


def test_an_addendum_adds_to_its_working_group_report():
    assert working_group_symbol("A/HRC/43/15/Add.1") == "A/HRC/43/15"
    assert working_group_symbol("A/HRC/43/15") == "A/HRC/43/15"
