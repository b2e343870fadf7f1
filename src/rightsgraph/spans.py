"""Non-overlapping text spans with an O(log n) overlap test.

Extractors keep the first (or longest) of overlapping mentions. Testing each candidate against
every span kept so far was quadratic in the mentions of a paragraph: a long paragraph naming
the same State thousands of times took minutes. Kept spans never overlap, so sorted by start
they are sorted by end too, and only the two neighbours of a candidate can overlap it.
"""

from __future__ import annotations

from bisect import bisect_right


class Spans:
    """A set of non-overlapping ``[start, end)`` spans.

    >>> s = Spans()
    >>> s.add_if_free(0, 5), s.add_if_free(3, 8), s.add_if_free(5, 8), s.overlaps(7, 9)
    (True, False, True, True)
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, start)
        for j in (i - 1, i):
            if 0 <= j < len(self._starts) and self._starts[j] < end and start < self._ends[j]:
                return True
        return False

    def add(self, start: int, end: int) -> None:
        """Add a span; spans it overlaps are merged with it (an overlap with any of them is an
        overlap with their union, so later tests answer the same).

        >>> s = Spans(); s.add(0, 4); s.add(6, 9); s.add(3, 7); s.overlaps(4, 6), s.overlaps(9, 12)
        (True, False)
        """
        i = bisect_right(self._starts, start)
        lo = i - 1 if i and self._ends[i - 1] > start else i
        hi = i
        while hi < len(self._starts) and self._starts[hi] < end:
            hi += 1
        if lo < hi:
            start, end = min(start, self._starts[lo]), max(end, self._ends[hi - 1])
        self._starts[lo:hi] = [start]
        self._ends[lo:hi] = [end]

    def add_if_free(self, start: int, end: int) -> bool:
        """Keep the span unless it overlaps one already kept; say whether it was kept."""
        if self.overlaps(start, end):
            return False
        self.add(start, end)
        return True
