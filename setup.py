"""The project's data goes inside the wheel: ontology/, shapes/ and queries/ (where people edit
them, at the top of the checkout) and the query editor's YASGUI files (from npm, at build time)
are copied to ``rightsgraph/assets/``, where `rightsgraph.resources` finds them. Everything
else is in pyproject.toml."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
FOLDERS = ("ontology", "shapes", "queries")
YASGUI_PACKAGE = "@zazuko/yasgui@^4.6"
YASGUI_FILES = ("yasgui.min.js", "yasgui.min.css")


def yasgui_build(web: Path) -> Path:
    return web / "node_modules" / "@zazuko" / "yasgui" / "build"


def find_yasgui() -> Path | None:
    """YASGUI's build folder: $RIGHTSGRAPH_YASGUI_DIR, else build/web (`make web`), else npm
    installs it there now; None when npm cannot (the wheel then has no editor files)."""
    given = os.environ.get("RIGHTSGRAPH_YASGUI_DIR")
    candidates = [Path(given)] if given else []
    candidates.append(yasgui_build(ROOT / "build" / "web"))
    for folder in candidates:
        if all((folder / name).is_file() for name in YASGUI_FILES):
            return folder
    web = ROOT / "build" / "web"
    web.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent", YASGUI_PACKAGE],
                       cwd=web, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"warning: YASGUI not installed ({exc}): the wheel has no query editor files",
              file=sys.stderr)
        return None
    return yasgui_build(web)


class BuildWithAssets(build_py):
    def run(self):
        super().run()
        assets = Path(self.build_lib) / "rightsgraph" / "assets"
        for name in FOLDERS:
            shutil.copytree(ROOT / name, assets / name, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        yasgui = find_yasgui()
        if yasgui is not None:
            (assets / "web").mkdir(parents=True, exist_ok=True)
            for name in YASGUI_FILES:
                shutil.copy2(yasgui / name, assets / "web" / name)


setup(cmdclass={"build_py": BuildWithAssets})
