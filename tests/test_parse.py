"""Parsing the seed report and our own genre reports into the document model."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import GENRE_REPORTS
from rightsgraph.errors import InputError
from rightsgraph.ingest import ingest, ingest_bytes
from rightsgraph.parse import parse

# Paragraphs of the seed that a page rule, a footnote block or a blank line interrupts.
SPLIT = {5: ("migrants often faced pushbacks", "inaccessible for many."),
         15: ("to invest in long-term aid", "reception and inclusion."),
         28: ("subsequent implementation of the authoritative", "identified during the discussion."),
         31: ("non-refoulement, prohibiting return", "return decision was issued."),
         35: ("it should be exceptional", "human rights of migrants."),
         40: ("protection and dispute resolution", "members of their families."),
         43: ("Ms. Norton concluded the segment", "contributions to the discussion."),
         47: ("He added that international cooperation", "and their families.")}
FOOTNOTE_PARAGRAPH = {1: "3", 2: "7", 3: "9", 4: "9", 5: "13", 6: "15", 7: "16", 8: "22", 9: "22",
                      10: "27", 11: "31", 12: "41", 13: "46"}  # paragraph keys
FOOTNOTE_URLS = {1: 1, 2: 1, 3: 0, 4: 1, 5: 1, 6: 1, 7: 1, 8: 0, 9: 1, 10: 1, 11: 0, 12: 1, 13: 1}


def test_seed_metadata(seed_doc):
    d = seed_doc
    assert d.symbol is None
    assert d.body == "Human Rights Council" and d.assembly == "General Assembly"
    assert d.session == 57
    assert d.session_dates == "9 September–9 October 2024"
    assert [a.number for a in d.agenda_items] == ["2", "3"]
    assert d.agenda_items[0].title.startswith("Annual report of the United Nations High Commissioner")
    assert d.agenda_items[1].title.startswith("Promotion and protection of all human rights")
    assert d.distribution_date == date(2024, 7, 16)
    assert d.meeting_date == date(2024, 5, 15)
    assert d.requesting_resolution == "53/24"
    assert d.title.startswith("Intersessional panel discussion on the human rights of migrants")
    assert d.subtitle == ("Report of the Office of the United Nations High Commissioner for "
                          "Human Rights")
    assert d.report_id == "hrc-57-intersessional-panel-discussion-human-rights-migrants"


def test_seed_paragraphs_in_order(seed_doc):
    assert [p.number for p in seed_doc.paragraphs] == list(range(1, 48))
    for p in seed_doc.paragraphs:
        assert "<sup>" not in p.text and "---" not in p.text and "\n" not in p.text
        assert p.text == p.text.strip() and p.text


@pytest.mark.parametrize("number", sorted(SPLIT))
def test_seed_split_paragraphs_are_whole(seed_doc, number):
    text = seed_doc.paragraph(number).text
    joined, ending = SPLIT[number]
    assert joined in text
    assert text.endswith(ending)
    for fn in seed_doc.footnotes:  # no footnote text leaked into the paragraph
        assert fn.text[:80] not in text
    assert len(seed_doc.paragraph(number).spans) >= 2


def test_seed_sections(seed_doc):
    assert [s.path for s in seed_doc.sections] == [
        "I", "II", "III", "III.A", "III.B", "IV", "IV.A", "IV.B", "V"]
    assert seed_doc.section("III.B").title == "Plenary discussion"
    assert seed_doc.section("IV.A").parent == "IV"
    assert seed_doc.paragraph(16).section == "III.B"
    assert seed_doc.paragraph(44).section == "V"


def test_seed_footnotes(seed_doc):
    assert [f.number for f in seed_doc.footnotes] == list(range(1, 14))
    assert {f.number: f.paragraph for f in seed_doc.footnotes} == FOOTNOTE_PARAGRAPH
    assert {f.number: len(f.urls) for f in seed_doc.footnotes} == FOOTNOTE_URLS
    six = seed_doc.footnotes[5]
    assert six.urls == (
        "https://en.emergency.it/wp-content/uploads/2024/04/EMR_SAR_REPORT_ENG_web_final.pdf",)
    assert seed_doc.footnotes[12].urls[0].endswith("OHCHR_Recommended_Principles_Guidelines.pdf")
    assert seed_doc.footnotes[12].text == "See " + seed_doc.footnotes[12].urls[0] + "."
    assert all("\\" not in f.text and "](" not in f.text for f in seed_doc.footnotes)
    # markers are kept as links at their offsets
    p9 = seed_doc.paragraph(9)
    assert [r.number for r in p9.footnotes] == [3, 4]
    assert p9.text[: p9.footnotes[1].offset].endswith("over the past decade,")


def test_paragraph_offsets_point_into_source(seed_doc):
    for p in seed_doc.paragraphs:
        first = seed_doc.source[p.spans[0][0]:p.spans[0][1]]
        assert first.split()[0] in p.text


GENRE_EXPECT = {
    "a-hrc-56-40-children-detention.md": dict(
        report_id="a-hrc-56-40", symbol="A/HRC/56/40", session=56, paragraphs=10, footnotes=1,
        sections=["I", "II", "II.A", "II.B", "III"], resolution="51/19",
        meeting=date(2024, 2, 27), agenda=["3"], distributed=date(2024, 4, 2)),
    "ga-79-special-rapporteur-border-deaths.md": dict(
        report_id="ga-79-deaths-disappearances-migrants-sea-land", symbol=None, session=79,
        paragraphs=8, footnotes=2, sections=["I", "II", "II.A", "II.B", "III"],
        resolution="77/201", meeting=None, agenda=["71 (b)"], distributed=date(2024, 8, 9)),
    "a-hrc-55-29-disability-emergencies.md": dict(
        report_id="a-hrc-55-29", symbol="A/HRC/55/29", session=55, paragraphs=11, footnotes=1,
        sections=["I", "II", "III", "III.A", "III.B", "IV"], resolution="52/8",
        meeting=date(2023, 10, 9), agenda=["3"], distributed=date(2024, 1, 12)),
    "a-hrc-59-27-trafficking-at-sea.md": dict(
        report_id="a-hrc-59-27", symbol="A/HRC/59/27", session=59, paragraphs=31, footnotes=3,
        sections=["I", "II", "III", "III.A", "III.B", "IV"], resolution="56/14",
        meeting=date(2025, 3, 12), agenda=["3"], distributed=date(2025, 4, 8)),
    "a-hrc-59-45-sr-return-readmission.md": dict(
        report_id="a-hrc-59-45", symbol="A/HRC/59/45", session=59, paragraphs=33, footnotes=5,
        sections=["I", "II", "III", "III.A", "III.B", "III.C", "III.D", "IV", "IV.A", "IV.B"],
        resolution="52/20", meeting=None, agenda=["3"], distributed=date(2025, 4, 22)),
    "a-hrc-60-28-agricultural-migrant-workers.md": dict(
        report_id="a-hrc-60-28", symbol="A/HRC/60/28", session=60, paragraphs=33, footnotes=4,
        sections=["I", "II", "III", "III.A", "III.B", "III.C", "III.D", "III.E", "III.F", "IV", "IV.A",
                  "IV.B"],
        resolution="55/17", meeting=None, agenda=["3"], distributed=date(2025, 7, 14)),
}


@pytest.mark.parametrize("path", GENRE_REPORTS, ids=lambda p: p.name)
def test_genre_reports(path):
    exp = GENRE_EXPECT[path.name]
    d = parse(ingest(path).text)
    assert d.report_id == exp["report_id"]
    assert d.symbol == exp["symbol"]
    assert d.session == exp["session"]
    assert [p.number for p in d.paragraphs] == list(range(1, exp["paragraphs"] + 1))
    assert len(d.footnotes) == exp["footnotes"]
    assert [s.path for s in d.sections] == exp["sections"]
    assert d.requesting_resolution == exp["resolution"]
    assert d.meeting_date == exp["meeting"]
    assert [a.number for a in d.agenda_items] == exp["agenda"]
    assert d.distribution_date == exp["distributed"]
    for p in d.paragraphs:
        assert "\r" not in p.text and "<sup>" not in p.text


def test_crlf_and_lf_give_same_document():
    lf = "I. Background\n\n1. The Council met.<sup>1</sup>\n\n---\n\n<sup>1</sup> See it.\n"
    a = parse(ingest_bytes(lf.encode()).text)
    b = parse(ingest_bytes(lf.replace("\n", "\r\n").encode()).text)
    assert a.paragraphs[0].text == b.paragraphs[0].text == "The Council met."
    assert a.footnotes[0].paragraph == "1"


def test_paragraph_continues_after_page_rule_without_footnote():
    text = "I. Title\n\n1. The first part of the\n\n---\n\nsentence ends here.\n\n2. Next one.\n"
    d = parse(text)
    assert d.paragraphs[0].text == "The first part of the sentence ends here."
    assert d.paragraphs[1].text == "Next one."


def test_text_without_numbered_paragraphs_is_refused():
    with pytest.raises(InputError, match="no numbered paragraphs"):
        parse("Only prose, no numbers.\n")


def test_a_number_that_does_not_go_on_is_text_of_its_paragraph():
    d = parse("1. One.\n\n2. Two.\n\n2. Two again.\n")
    assert [p.key for p in d.paragraphs] == ["1", "2"]
    assert d.paragraphs[1].text == "Two. 2. Two again."


def test_skipped_numbers_are_read_not_refused():
    d = parse("1. One.\n\n4. Four.\n")
    assert [(p.number, p.key) for p in d.paragraphs] == [(1, "1"), (4, "4")]


def test_a_numbering_that_restarts_is_a_part_of_its_own():
    d = parse("I. Questions\n\n1. One?\n\n2. Two?\n\nII. Replies\n\n1. Yes.\n\n2. No.\n")
    assert [p.key for p in d.paragraphs] == ["1", "2", "part-2-1", "part-2-2"]
    assert d.paragraph("part-2-2").text == "No." and d.paragraph("part-2-2").section == "II"


def test_annex_paragraphs_and_sections_have_keys_of_their_own():
    d = parse("I. Body\n\n1. Main one.\n\n2. Main two.\n\nAnnex II\n\nList of documents\n\n"
              "I. Body\n\n1. Annex one.\n\n3. Annex three.\n")
    assert [a.label for a in d.annexes] == ["Annex II"]
    assert [(p.key, p.annex, p.section) for p in d.paragraphs] == [
        ("1", None, "I"), ("2", None, "I"), ("annex-1-1", "annex-1", "annex-1.I"),
        ("annex-1-3", "annex-1", "annex-1.I")]
    assert d.paragraph(1).text == "Main one." and d.paragraph("annex-1-1").text == "Annex one."


def test_a_section_number_printed_twice_gets_a_path_of_its_own():
    d = parse("I. One\n\n1. A.\n\nI. One again\n\n2. B.\n")
    assert [s.path for s in d.sections] == ["I", "I-2"]
    assert d.paragraph(2).section == "I-2"


def test_sub_items_of_a_paragraph_with_their_offsets():
    d = parse("1. The Committee recommends that the State party:\n(a) Adopt a law;\n"
              "(b) Ensure:\n(i) access;\n(ii) care; and\n(c) Report, under article 4 (1) (a).\n")
    p = d.paragraph(1)
    assert [(s.label, s.key, s.parent) for s in p.subitems] == [
        ("(a)", "a", None), ("(b)", "b", None), ("(i)", "b-i", "b"), ("(ii)", "b-ii", "b"),
        ("(c)", "c", None)]
    assert p.text[p.subitems[3].start:p.subitems[3].end] == "(ii) care; and "
    assert p.text[p.subitems[4].start:p.subitems[4].end] == "(c) Report, under article 4 (1) (a)."


def test_years_at_line_start_are_not_paragraph_numbers():
    d = parse("1. It began in\n\n2019. and went on.\n")
    assert len(d.paragraphs) == 1 and d.paragraphs[0].text.endswith("2019. and went on.")


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"\xff\xfe\x00", "UTF-16|binary|empty"),
    (b"caf\xe9 1. text", "byte offset 3"),
    (b"%PDF-1.7 ...", "PDF"),
    (b"1. a\x00b", "NUL"),
])
def test_ingest_refuses_bad_bytes(data, message):
    with pytest.raises(InputError, match=message):
        ingest_bytes(data, "x")


def test_ingest_reads_boms():
    text = "1. Café.\n"
    for data in (text.encode("utf-8-sig"), text.encode("utf-16")):
        assert ingest_bytes(data).text == text
