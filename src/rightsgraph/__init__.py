"""RightsGraph: UN human-rights reports as a validated linked-data knowledge graph.

>>> from rightsgraph import parse
>>> doc = parse("I. Background\\n\\n1. The Council met.\\n")
>>> [p.text for p in doc.paragraphs]
['The Council met.']
"""

from __future__ import annotations

__version__ = "0.1.0"

import importlib
import sys
import types

from .errors import (
    InputError,
    OntologyError,
    RightsGraphError,
    StoreError,
    UsageError,
    ValidationFailed,
)

# The public API is imported on first use, so that `rightsgraph --help` does not pay for
# rdflib, pyoxigraph and pyshacl. Several stage functions share their names with their stage
# modules (rightsgraph.parse, rightsgraph.validate ...): the function must win, also after the
# import system binds the submodule to the package, hence properties on the module's class.
_LAZY = {
    "Converted": ".pipeline",
    "build": ".pipeline",
    "convert": ".pipeline",
    "publish": ".pipeline",
    "extract": ".extract",
    "ingest": ".ingest",
    "parse": ".parse",
    "open_store": ".store",
    "ValidationReport": ".validate",
    "validate": ".validate",
    "apply_reviews": ".review",
    "read_reviews": ".review",
}


def _lazy(name: str, module: str) -> property:
    def get(self):
        return getattr(importlib.import_module(module, __name__), name)

    def bind(self, value) -> None:
        if not isinstance(value, types.ModuleType):
            raise AttributeError(f"{__name__}.{name} is part of the public API; not reassigned")

    return property(get, bind)


class _Package(types.ModuleType):
    def __dir__(self):
        return sorted(set(super().__dir__()) | set(_LAZY))


for _name, _module in _LAZY.items():
    setattr(_Package, _name, _lazy(_name, _module))
sys.modules[__name__].__class__ = _Package

__all__ = [
    "Converted",
    "InputError",
    "OntologyError",
    "RightsGraphError",
    "StoreError",
    "UsageError",
    "ValidationFailed",
    "ValidationReport",
    "apply_reviews",
    "build",
    "convert",
    "extract",
    "ingest",
    "open_store",
    "parse",
    "publish",
    "read_reviews",
    "validate",
]
