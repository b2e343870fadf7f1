"""Docs are tested: doctests run, every command has --help with an example and is in the README."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import rightsgraph
from rightsgraph.cli import main

ROOT = Path(__file__).resolve().parents[1]
MODULES = [m.name for m in pkgutil.walk_packages(rightsgraph.__path__, "rightsgraph.")
           if not m.name.endswith("__main__")]


@pytest.mark.parametrize("name", ["rightsgraph", *MODULES])
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def _commands(group, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        yield (*prefix, name), cmd
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, (*prefix, name))


@pytest.mark.parametrize("path", [p for p, _ in _commands(main)], ids=" ".join)
def test_every_command_has_help_with_example_and_readme_entry(path):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert f"rightsgraph {' '.join(path)}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_top_level_help():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0 and "Example" in result.output
