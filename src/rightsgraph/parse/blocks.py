"""Split a report's text into typed blocks with source offsets.

A block is a run of non-blank lines; heading lines always form blocks of their own.
Kinds: ``rule`` (page rules), ``heading``, ``footnote`` (``<sup>N</sup> ...`` or ``[^N]: ...``),
``text`` (everything else: paragraph starts, continuations, front-matter lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|\f)\s*$")
# Only the opening hashes are matched here; closing hashes are stripped in `_heading` (a lazy
# `(.*?)\s*#*\s*$` was quadratic on a long line of `#`).
_HEADING = re.compile(r"^\s{0,3}(#{1,6})(.*)$")
FOOTNOTE_START = re.compile(r"^\s*(?:<sup>\s*(\d{1,3})\s*</sup>|\[\^(\d{1,3})\]:)\s*")
# Emphasis spans stop at the next delimiter, so each character is scanned a bounded number of
# times (a lazy `.+?` up to a back-reference was quadratic on a long line of `**a `).
_EMPHASIS = re.compile(
    r"(?<!\\)(?:\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=[^\s\\])\*\*|\*(?=[^\s*])([^*]+?)(?<=[^\s\\])\*)"
)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")


@dataclass(frozen=True)
class Block:
    kind: str
    text: str  # raw text of the block (lines joined with "\n")
    start: int
    end: int
    level: int = 0  # heading level as written (#-count); unreliable in real files

    @property
    def plain(self) -> str:
        """The block's text as one line, markdown emphasis and hard breaks removed."""
        return plain_text(self.text)


def plain_text(text: str) -> str:
    # Lines are stripped one by one: the regex `[ \t]*\n[ \t]*` was quadratic on long blank runs.
    text = " ".join(line.strip(" \t") for line in text.strip().split("\n"))
    text = _EMPHASIS.sub(r"\1\2", text)
    text = _ESCAPE.sub(r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def _heading(line: str, start: int) -> Block | None:
    """An ATX heading line as a block: its text without the hashes around it.

    >>> _heading("## II. Summary ##", 10)
    Block(kind='heading', text='II. Summary', start=13, end=24, level=2)
    """
    m = _HEADING.match(line)
    if not m:
        return None
    rest = m.group(2)
    lead = len(rest) - len(rest.lstrip())
    title = rest.strip()
    title = title.rstrip("#").rstrip() if title.strip("#") else ""
    begin = start + m.start(2) + lead
    return Block("heading", title, begin, begin + len(title), len(m.group(1)))


def _line_spans(text: str):
    pos = 0
    for line in text.split("\n"):
        yield line, pos, pos + len(line)
        pos += len(line) + 1


def split_blocks(text: str) -> list[Block]:
    """Return the blocks of `text` in order, each with its [start, end) source offsets."""
    blocks: list[Block] = []
    current: list[tuple[str, int, int]] = []

    def flush():
        if current:
            start, end = current[0][1], current[-1][2]
            raw = text[start:end]
            kind = "footnote" if FOOTNOTE_START.match(raw) else "text"
            blocks.append(Block(kind, raw, start, end))
            current.clear()

    for line, start, end in _line_spans(text):
        if not line.strip():
            flush()
            continue
        if _RULE.match(line):
            flush()
            blocks.append(Block("rule", line, start, end))
            continue
        heading = _heading(line, start)
        if heading:
            flush()
            blocks.append(heading)
            continue
        if FOOTNOTE_START.match(line) and current:
            flush()  # a footnote line starts a new block even without a blank line before it
        current.append((line, start, end))
    flush()
    return blocks
