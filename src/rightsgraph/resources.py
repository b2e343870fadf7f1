"""Where the project's own files live: ontology/, shapes/, queries/, corpus/."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import OntologyError


def project_root() -> Path:
    """$RIGHTSGRAPH_HOME, else the checkout this package was installed from (editable)."""
    env = os.environ.get("RIGHTSGRAPH_HOME")
    root = Path(env) if env else Path(__file__).resolve().parents[2]
    if not (root / "ontology").is_dir():
        raise OntologyError(
            f"cannot find the ontology/ folder under {root}; set RIGHTSGRAPH_HOME to the project"
        )
    return root


def ontology_dir() -> Path:
    return project_root() / "ontology"


def shapes_dir() -> Path:
    return project_root() / "shapes"


def queries_dir() -> Path:
    return project_root() / "queries"


def ontology_files() -> list[Path]:
    """The core ontology first, then every vocabulary, in a stable order."""
    root = ontology_dir()
    return [root / "rightsgraph.ttl", *sorted((root / "vocab").glob("*.ttl"))]
