"""Builds of many files that keep going: every file is read, the good reports are published, the
refused files are named with their reasons and the exit code is 3; a document past its time
limit or memory cap is refused in one line, never a hang or an OOM kill; a folder is read by
content whatever the files' names, and what it holds that is not read is listed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import hostile
from conftest import GENRE_REPORTS, SEED, run_cli
from renderings import to_docx, to_html
from rightsgraph.store import EmbeddedStore


def _graphs(store: Path) -> set[str]:
    with EmbeddedStore(store, read_only=True) as s:
        return set(s.graph_sizes())


def _report_graphs(store: Path) -> set[str]:
    from rightsgraph.export import is_report_graph

    return {g for g in _graphs(store) if is_report_graph(g)}


@pytest.fixture
def seed_and_bad_pdfs(tmp_path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "seed.md").write_bytes(SEED.read_bytes())
    (folder / "random.pdf").write_bytes(os.urandom(3000))  # random bytes named .pdf
    real = sorted(Path(__file__).resolve().parents[1].glob("tests/data/reports/*.md"))[0]
    from renderings import to_pdf

    (folder / "truncated.pdf").write_bytes(to_pdf(real)[:1500])  # a PDF cut short
    return folder


def test_build_of_seed_and_two_bad_pdfs_publishes_the_seed_names_both_exits_3(
        seed_and_bad_pdfs, tmp_path):
    store, out = tmp_path / "store", tmp_path / "out"
    res = run_cli("build", str(seed_and_bad_pdfs), "--store", str(store), "--out", str(out))
    err = res.stderr.decode()
    assert res.returncode == 3, err
    refused = [line for line in err.splitlines() if line.startswith("refused: ")]
    assert len(refused) == 2, err
    random_line = next(line for line in refused if "random.pdf" in line)
    assert "binary data, not a report, although named .pdf" in random_line
    assert "UTF-8" not in random_line
    assert any("truncated.pdf" in line and "PDF" in line for line in refused)
    assert err.strip().splitlines()[-1] == ("rightsgraph: 2 of 3 files refused (listed above); "
                                            "the other 1 published")
    assert "Traceback" not in err
    assert any(g.endswith("/hrc-57-intersessional-panel-discussion-human-rights-migrants")
               for g in _graphs(store))
    assert (out / "rightsgraph.ttl").exists() and b"published" in res.stdout


def test_fail_fast_publishes_nothing(seed_and_bad_pdfs, tmp_path):
    store = tmp_path / "store"
    res = run_cli("build", str(seed_and_bad_pdfs), "--store", str(store), "--out",
                  str(tmp_path / "out"), "--fail-fast", "-q")
    err = res.stderr.decode()
    assert res.returncode == 3, err
    assert len(err.strip().splitlines()) == 1 and ".pdf: " in err
    assert not (tmp_path / "out" / "rightsgraph.ttl").exists()
    assert not store.exists() or _graphs(store) == set()


def test_folder_of_html_and_docx_builds_and_lists_what_it_does_not_read(tmp_path):
    folder = tmp_path / "web"
    folder.mkdir()
    (folder / "one.html").write_bytes(to_html(GENRE_REPORTS[0]))
    (folder / "two.docx").write_bytes(to_docx(GENRE_REPORTS[1]))
    (folder / "three").write_bytes(to_html(GENRE_REPORTS[2]))  # no extension: content decides
    (folder / ".DS_Store").write_bytes(b"\x00\x01junk")
    (folder / "nested").mkdir()
    store = tmp_path / "store"
    res = run_cli("build", str(folder), "--store", str(store), "--out", str(tmp_path / "out"))
    err = res.stderr.decode()
    assert res.returncode == 0, err
    assert f"not read: {folder / '.DS_Store'}: hidden file" in err
    assert f"not read: {folder / 'nested'}: a folder" in err
    assert len(_report_graphs(store)) == 3, _graphs(store)


def test_validate_reads_a_web_page_as_a_report(tmp_path):
    page = tmp_path / "report.html"
    page.write_bytes(to_html(GENRE_REPORTS[0]))
    res = run_cli("validate", str(page))
    assert res.returncode == 0, res.stderr.decode()
    assert b"report.html" in res.stdout + res.stderr


def test_document_past_its_time_limit_is_refused_and_the_others_published(tmp_path):
    big = tmp_path / "big.md"
    big.write_bytes(hostile.pad_to(hostile.seed_bytes(), 32 * 1024 * 1024))  # minutes of work
    store = tmp_path / "store"
    res = run_cli("build", str(big), str(GENRE_REPORTS[0]), "--store", str(store), "--out",
                  str(tmp_path / "out"), "--time-limit", "30", "-q")
    err = res.stderr.decode()
    assert res.returncode == 3, err
    assert f"refused: {big}: took more than 30 s (the time limit per document)" in err
    assert len(_report_graphs(store)) == 1


def test_document_past_its_memory_limit_is_refused_in_one_line(tmp_path):
    big = tmp_path / "big.md"
    big.write_bytes(hostile.pad_to(hostile.seed_bytes(), 4 * 1024 * 1024))
    res = run_cli("build", str(big), "--store", str(tmp_path / "store"), "--out",
                  str(tmp_path / "out"), "--memory-limit", "64", "-q")
    err = res.stderr.decode()
    assert res.returncode == 3, err
    line = next(line for line in err.splitlines() if line.startswith("refused: "))
    assert "memory" in line, err
    assert err.strip().splitlines()[-1] == ("rightsgraph: 1 of 1 files refused (listed above); "
                                            "nothing was published")
    assert not (tmp_path / "out" / "rightsgraph.ttl").exists()
