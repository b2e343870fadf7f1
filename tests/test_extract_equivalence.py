"""The faster extraction paths give what the plain ones gave: stock pysbd (its abbreviation
and numbered-list passes), the flat alternation of a vocabulary's forms,
character-by-character folding."""

from __future__ import annotations

import re

import pytest
from pysbd.lang.english import English
from pysbd.processor import Processor

from rightsgraph.extract.sbd import split
from rightsgraph.extract.sentences import sentence_spans
from rightsgraph.extract.vocab import _is_acronym, matcher
from rightsgraph.registry.fold import _fold_each, fold_with_offsets

SENTENCES = [
    "The representative of the State, Mr. Doe, referred to No. 5 and no. 6 of the list. "
    "Mrs. Roe (e.g. in para. 3) said it is so. It is. NO. 7 is not.",
    "See {no} Xyz and no. 4; also {e.g} Z, e.g. the case. Then p. 12 and pp. 3-4.",
    "U.S. and u.s. forces, i.e. the army. I.E. it was. e g. a space inside. The end",
    "Braces {jan} a and {jan} B, then jan. x and Jan. y ends. Next one.",
    "Is no. 2 in St. Louis? Dr. Who met Prof. X at 3 p.m. on Jan. 5. Fig. 2 shows it.",
    "It asked: 1. to act; 2. to report. 3. to fund 15. and 4) these 5) those 9. 0. -7. -8. end",
    "Steps 1) first 2) second 2) again 10. ten 11. eleven 1. one 2. two. Done.",
]


def _sentences_by_pysbd(text: str) -> list[str]:
    return Processor(text, English).process()


@pytest.mark.parametrize("text", SENTENCES)
def test_sentences_are_pysbds_with_abbreviations_and_lists(text):
    assert split(text) == _sentences_by_pysbd(text)


def test_long_paragraph_sentences_are_pysbds(seed_doc):
    # pysbd rewrote a paragraph once per abbreviation and numbered item it held: 160 KB
    # took seconds; here the paragraphs run together with their numbers ("12. The ...")
    text = " ".join(f"{p.number}. {p.text}" for p in seed_doc.paragraphs)[:20_000]
    assert split(text) == _sentences_by_pysbd(text)
    assert len(sentence_spans(text)) > 50


def _flat(forms: list[str], flags: int) -> re.Pattern[str]:
    """The alternation the vocabulary matcher used before its forms were factored."""
    body = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=lambda f: (-len(f), f)))
    return re.compile(rf"(?<![\w-])({body})(?![\w])(?!-\w)", flags)


@pytest.mark.parametrize("scheme", ["violation-type", "affected-group", "gcm-objective", "route"])
def test_factored_vocabulary_pattern_matches_as_the_flat_alternation(scheme, seed_doc):
    m = matcher(scheme)
    flat = _flat([f for f in m.by_form if not _is_acronym(f)], re.IGNORECASE)
    assert "(?:" in m.folded.pattern  # factored
    forms = sorted(m.by_form)
    texts = [p.text for p in seed_doc.paragraphs]
    # every form, run together with the spellings that make a form longer or shorter
    texts += [" ".join(forms[i:i + 40]) for i in range(0, len(forms), 40)]
    texts += ["-".join(forms[i:i + 40]).upper() for i in range(0, len(forms), 40)]
    texts += ["s ".join(forms[i:i + 40]).title() for i in range(0, len(forms), 40)]
    for text in texts:
        got = [(x.span(1), x.group(1)) for x in m.folded.finditer(text)]
        assert got == [(x.span(1), x.group(1)) for x in flat.finditer(text)], text[:80]


@pytest.mark.parametrize("text", [
    "", "  ", "Côte d’Ivoire", "a \u00ad b", "Straße  Ǆ ﬁnd", "A\tB \n\n C", "e\u0301 e", " x  y  ",
    "Türkiye\u2014 the  İ  ſ",
])
@pytest.mark.parametrize("lower", [True, False])
def test_fold_with_offsets_is_character_by_character_folding(text, lower):
    assert fold_with_offsets(text, lower=lower) == _fold_each(text, lower)
