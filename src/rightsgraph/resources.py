"""Where the project's own files live: ontology/, shapes/, queries/ and the editor's files.

An installed wheel carries them inside the package (``rightsgraph/assets/``, copied there by
setup.py at build time) and they are found through `importlib.resources`; an editable install
of a checkout reads them where people edit them, at the top of the checkout.
``$RIGHTSGRAPH_HOME`` (a checkout, or any folder with those folders) comes before both.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from .errors import OntologyError

HOME_VARIABLE = "RIGHTSGRAPH_HOME"
YASGUI_FILES = ("yasgui.min.js", "yasgui.min.css")


def _packaged() -> Path:
    return Path(str(resources.files(__package__) / "assets"))


def _checkout() -> Path:
    return Path(__file__).resolve().parents[2]


def project_root() -> Path:
    """$RIGHTSGRAPH_HOME, else the data inside the installed package, else the checkout this
    package was installed from (editable)."""
    env = os.environ.get(HOME_VARIABLE)
    if env:
        if not (Path(env) / "ontology").is_dir():
            raise OntologyError(f"cannot find the ontology/ folder under {env} (from ${HOME_VARIABLE})")
        return Path(env)
    for root in (_packaged(), _checkout()):
        if (root / "ontology").is_dir():
            return root
    raise OntologyError("the package's data (ontology/, shapes/, queries/) is missing: reinstall "
                        f"rightsgraph, or set {HOME_VARIABLE} to a checkout of the project")


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


def yasgui_dir() -> Path:
    """The query editor's YASGUI files: inside the installed package, else where `make web`
    puts them in the checkout (``build/web``, from npm)."""
    packaged = _packaged() / "web"
    if all((packaged / name).is_file() for name in YASGUI_FILES):
        return packaged
    return project_root() / "build" / "web" / "node_modules" / "@zazuko" / "yasgui" / "build"
