"""Split a report's text into typed blocks with source offsets.

A block is a run of non-blank lines; heading lines always form blocks of their own.
Kinds: ``rule`` (page rules), ``heading``, ``footnote`` (``<sup>N</sup> ...`` or ``[^N]: ...``),
``text`` (everything else: paragraph starts, continuations, front-matter lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|\f)\s*$")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*(.*?)\s*#*\s*$")
FOOTNOTE_START = re.compile(r"^\s*(?:<sup>\s*(\d{1,3})\s*</sup>|\[\^(\d{1,3})\]:)\s*")
_EMPHASIS = re.compile(r"(?<!\\)(\*\*|\*)(?=\S)(.+?)(?<=[^\s\\])\1")
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
    text = re.sub(r"[ \t]*\n[ \t]*", " ", text.strip())
    text = _EMPHASIS.sub(r"\2", text)
    text = _ESCAPE.sub(r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip()


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
        m = _HEADING.match(line)
        if m:
            flush()
            blocks.append(Block("heading", m.group(2), start + m.start(2), start + m.end(2), len(m.group(1))))
            continue
        if FOOTNOTE_START.match(line) and current:
            flush()  # a footnote line starts a new block even without a blank line before it
        current.append((line, start, end))
    flush()
    return blocks
