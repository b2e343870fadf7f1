"""Readers whose cost is bounded by their input: HTML in one linear pass however deep it nests,
zipped documents checked for what they would inflate to before any part is inflated."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, SEED
from renderings import to_html
from rightsgraph.errors import InputError
from rightsgraph.readers.html import read_html

HANG_GUARD = 120  # seconds: a hang guard only (the old tree walk took > 300 s here)


def _nested(page: bytes, depth: int) -> bytes:
    text = page.decode()
    i = text.index("<main>") + len("<main>")
    j = text.index("</section></body>")
    return (text[:i] + "<div>" * depth + text[i:j] + "</div>" * depth + text[j:]).encode()


def test_html_100000_nested_divs_reads_as_the_flat_page(tmp_path):
    flat = to_html(SEED)
    deep = tmp_path / "deep.html"
    deep.write_bytes(_nested(flat, 100_000))
    res = subprocess.run([sys.executable, "-c", "import sys; from rightsgraph.readers.html import "
                          "read_html; sys.stdout.write(read_html(open(sys.argv[1], 'rb').read()).text)",
                          str(deep)], cwd=ROOT, capture_output=True, timeout=HANG_GUARD)
    assert res.returncode == 0, res.stderr.decode()[-2000:]
    assert res.stdout.decode() == read_html(flat).text


def test_html_streaming_nests_as_a_tree_builder_would():
    page = (b"<html><body><nav><p>menu</p></nav>"
            b"<div>outer<p>1. First &amp; para<sup>1</sup> here<br>next</p>tail</div>"
            b"<p>2. Second <sup>[2]</sup> <!-- a comment --> x<sup>a</sup></span></p>"
            b"<ul><li>item<li>inner</ul><script>var p = '<p>no</p>';</script>"
            b"<aside class='footnotes'><ol><li>First note</li></ol></aside>"
            b"</body></html><p>after the body</p>")
    assert read_html(page).text == (
        "1. First & para<sup>1</sup> here next\n\n2. Second <sup>2</sup> xa\n\ninner\n\n"
        "<sup>1</sup> First note\n")


def test_html_page_of_unclosed_and_stray_tags_is_linear():
    page = b"<html><body>" + b"<p>1. Text <span>" * 20_000 + b"</b>" * 20_000 + b"</body></html>"
    assert read_html(page).text.count("1. Text") == 1  # nested <p>: only the innermost holds text


def test_html_without_text_blocks_is_refused():
    with pytest.raises(InputError, match="no text blocks"):
        read_html(b"<html><body><script>x()</script><nav><p>menu</p></nav></body></html>")


def _bomb(size: int) -> bytes:
    """A real Word file whose word/document.xml inflates to `size` bytes."""
    import docx

    d = docx.Document()
    d.add_paragraph("1. A paragraph.")
    template = io.BytesIO()
    d.save(template)
    out = io.BytesIO()
    with zipfile.ZipFile(template) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info.filename, src.read(info.filename))
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.'
                     b'org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
            chunk = b"a" * (1 << 20)
            for _ in range(size >> 20):
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return out.getvalue()


def test_docx_zip_bomb_is_refused_before_it_inflates(tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(_bomb(128 << 20))  # 128 MiB of XML in ~130 kB
    env = {k: v for k, v in os.environ.items() if k != "RIGHTSGRAPH_DEBUG"}
    proc = subprocess.Popen([sys.executable, "-m", "rightsgraph", "convert", str(path), "-o",
                             str(tmp_path / "out.ttl")], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # the child's own high-water mark, sampled while it runs: ru_maxrss from wait4 counts the
    # test process's pages too on Linux (the child is forked from it before exec)
    peak = 0
    while proc.poll() is None:
        try:
            status = Path(f"/proc/{proc.pid}/status").read_text()
            peak = max(peak, int(status.split("VmHWM:")[1].split()[0]))
        except (OSError, IndexError, ValueError):
            pass
        time.sleep(0.005)
    err = proc.stderr.read().decode()
    assert proc.returncode == 3, err
    assert "word/document.xml would inflate" in err and len(err.strip().splitlines()) == 1
    assert 0 < peak < 128 * 1024  # KB: the 128 MiB part was never inflated
    assert not (tmp_path / "out.ttl").exists()


def test_zip_of_too_many_bytes_in_all_is_refused():
    from rightsgraph.readers import check_archive

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:  # stored: ratio 1, sizes count
        for i in range(3):
            z.writestr(f"word/media/image{i}.bin", os.urandom(1 << 20))
    check_archive(buf.getvalue(), "ok.docx", limit=4 << 20)
    with pytest.raises(InputError, match="would inflate to 3145728 bytes"):
        check_archive(buf.getvalue(), "big.docx", limit=2 << 20)
