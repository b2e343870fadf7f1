"""How every regular expression of the package scales on hostile lines (ReDoS audit).

For each compiled module-level pattern and each adversarial line shape, time ``finditer``/``sub``
over a line of N and 4N characters: a linear pattern takes ~4x longer, a quadratic one ~16x.
Run: ``.venv/bin/python bench/regex_scaling.py [N]`` (default N = 20000). Results in RESULTS.md.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
import time

import rightsgraph

SHAPES = {
    "spaces": " ", "tabs-spaces": " \t", "stars": "*a", "double-stars": "**a ",
    "open-brackets": "[", "link-openers": "[a](", "empty-links": "[](", "sup-openers": "<sup>1",
    "autolink-openers": "<http://a", "urls": "http://a", "backslashes": "\\", "digits": "1",
    "digits-dots": "1.", "hashes": "#", "words": "word ", "dash-words": "a-", "dots": ".",
    "roman": "I", "caps-dots": "A.", "held-on": "was held on 1 ", "resolution": "resolution 1",
    "at-signs": "@", "underscores": "_a", "quotes": "\"'", "angle": "<", "parens": "(",
    "newline-spaces": " \n", "space-x": " x", "sup-tags": "<sup>", "carets": "[^1",
}
PREFIXES = ("1. ", "# ", "<sup>1</sup> ", "Distr.: ", "Agenda items ", "I. ", "")


def patterns():
    for info in pkgutil.walk_packages(rightsgraph.__path__, "rightsgraph."):
        if ".tools" in info.name or info.name.endswith(("cli", "__main__", "server.app")):
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception:  # optional dependencies of a module under construction
            continue
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                yield f"{info.name}.{name}", value


def cost(pattern: re.Pattern, text: str) -> float:
    """Seconds to scan the line (finditer) plus to match at its start (how `.match` is used)."""
    start = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    pattern.match(text)
    return time.perf_counter() - start


def main(n: int = 20000) -> None:
    seen = set()
    worst = []
    for name, pattern in patterns():
        if pattern.pattern in seen:
            continue
        seen.add(pattern.pattern)
        for shape, unit in SHAPES.items():
            for prefix in PREFIXES:
                small = cost(pattern, prefix + unit * (n // len(unit)) + "x")
                if small < 0.01:
                    continue
                big = cost(pattern, prefix + unit * (4 * n // len(unit)) + "x")
                worst.append((big, name, f"{prefix!r}+{shape}", small, big / max(small, 1e-9)))
    worst.sort(reverse=True)
    print(f"{'pattern':55} {'line shape':30} {'N s':>8} {'4N s':>8} {'ratio':>6}")
    for big, name, shape, small, ratio in worst[:30]:
        print(f"{name:55} {shape:30} {small:8.3f} {big:8.3f} {ratio:6.1f}")
    if not worst:
        print(f"every pattern takes under 10 ms on every {n}-character hostile line")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
