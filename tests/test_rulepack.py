"""The rule-pack engine: rules as data, matches with their rule's id, quote and offsets."""

from __future__ import annotations

from importlib.resources import files

import pytest

from rightsgraph.extract.rulepack import RuleError, RulePack, items, load_pack, run
from rightsgraph.parse import parse

TEXT = ("Concluding observations\n\n"
        "1. The Committee is concerned about the detention of children.\n\n"
        "2. The Committee recommends that the State party ratify the Convention against Torture."
        " It welcomes the visit of France and Germany.\n\n"
        "3. The recommendations below enjoy the support of Slovenia:\n"
        "3.1 Ratify the Convention (France) (Germany);\n3.2 Combat hate speech (Egypt).\n")

PACK = '''
[cues]
concern = ['\\bis concerned\\b']

[[rule]]
id = "concern"
fact = "concern"
requires = ["cue:concern"]
pattern = 'The Committee is concerned (?P<about>.+?)\\.?$'
roles = { concern_of = "author" }

[[rule]]
id = "recommends"
fact = "recommendation"
pattern = 'recommends that the State party (?P<action>.+?)\\.$'
roles = { recommended_by = "author", addressed_to = "subject" }

[[rule]]
id = "ratify"
fact = "recommendation"
pattern = 'ratify (?P<what>.+)'

[[rule]]
id = "visitors"
fact = "visit"
pattern = 'the visit of (?P<who>.+)'
roles = { visitors = "states:who" }

[[rule]]
id = "item"
fact = "item"
unit = "item"
pattern = '^(?P<number>\\d+\\.\\d+)\\s+(?P<action>.+?)\\s*(?P<by>(?:\\([^()]+\\)\\s*)+)[;.]?$'
roles = { recommended_by = "states:by" }
'''


@pytest.fixture(scope="module")
def matches():
    doc = parse(TEXT)
    return run(doc, RulePack.from_text("demo", PACK), author="org/cat", subject="state/SVN")


def test_every_match_names_its_rule_and_quotes_its_paragraph(matches):
    doc = parse(TEXT)
    assert [(m.paragraph, m.rule) for m in matches] == [
        ("1", "demo/concern"), ("2", "demo/recommends"), ("2", "demo/visitors"), ("3", "demo/item"),
        ("3", "demo/ratify"), ("3", "demo/item")]
    for m in matches:
        assert doc.paragraph(m.paragraph).text[m.start:m.end] == m.quote


def test_roles_come_from_the_cover_and_from_groups(matches):
    by_rule = {m.rule: m for m in matches}
    assert by_rule["demo/recommends"].roles == {"recommended_by": ("org/cat",),
                                                "addressed_to": ("state/SVN",)}
    assert by_rule["demo/visitors"].roles["visitors"] == ("state/FRA", "state/DEU")
    assert by_rule["demo/recommends"].text("action") == "ratify the Convention against Torture"


def test_the_first_rule_of_a_kind_wins_a_unit(matches):
    # "ratify" matches the first sentence of paragraph 2 too, but "recommends" is listed first
    # and made that sentence's recommendation; in paragraph 3 "ratify" is the first that matches
    assert [m.rule for m in matches if m.paragraph == "2" and m.fact == "recommendation"] == [
        "demo/recommends"]


def test_items_of_a_paragraph_are_its_numbered_lines(matches):
    item_matches = [m for m in matches if m.rule == "demo/item"]
    assert [m.text("number") for m in item_matches] == ["3.1", "3.2"]
    assert [m.roles["recommended_by"] for m in item_matches] == [("state/FRA", "state/DEU"),
                                                                  ("state/EGY",)]
    assert [n for n, _s, _e in items(parse(TEXT).paragraph(3))] == ["3.1", "3.2"]


@pytest.mark.parametrize("bad, message", [
    ('[[rule]]\nid = "x"\nfact = "y"\npattern = "("\n', "bad pattern"),
    ('[[rule]]\nid = "x"\nfact = "y"\npattern = "a"\ncolour = "red"\n', "unknown keys"),
    ('[[rule]]\nid = "x"\nfact = "y"\npattern = "a"\nunit = "page"\n', "unit 'page'"),
    ('[[rule]]\nid = "x"\nfact = "y"\n', "no pattern"),
    ('[[rule]]\nid = "x"\nfact = "y"\npattern = "a"\nroles = { by = "everyone" }\n', "role by"),
    ('[[rule]]\nid = "x"\nfact = "y"\npattern = "a"\n[[rule]]\nid = "x"\nfact = "y"\n'
     'pattern = "b"\n', "defined twice"),
    ('[[rule]\n', "<text>"),
])
def test_a_bad_pack_is_a_clear_error(bad, message):
    with pytest.raises(RuleError, match=message):
        RulePack.from_text("demo", bad)


def test_every_shipped_pack_loads():
    root = files("rightsgraph") / "rules"
    packs = [(lang.name, pack.name) for lang in root.iterdir() if lang.is_dir()
             for pack in lang.iterdir() if pack.is_dir() and not pack.name.startswith("_")]
    for language, pack in packs:
        loaded = load_pack(language, pack)
        assert loaded is not None and loaded.rules, (language, pack)


def test_no_pack_is_none():
    assert load_pack("en", "no-such-genre") is None
