"""The wheel is a working tool outside the checkout: built from a copy of the project, installed
in a fresh venv, it builds a report in an empty folder, answers a library query and serves
pages and the query editor, with its ontology, shapes, queries and YASGUI files from inside the
package (regression: "cannot find the ontology/ folder", exit 1).

The fresh venv borrows the test environment's installed dependencies through a .pth line
(the wheel itself is installed with --no-deps --no-index), so the test needs no network; the
wheel is built by pip in its isolated build environment from pip's configured index.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import venv
from pathlib import Path

import httpx
import pytest

from conftest import ROOT, SEED, free_port

YASGUI = ROOT / "build" / "web" / "node_modules" / "@zazuko" / "yasgui" / "build"
IGNORED = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                                 ".pytest_cache", ".hypothesis", ".ruff_cache")


def _run(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, timeout=900, **kwargs)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("wheel")
    source, wheels = root / "source", root / "wheels"
    shutil.copytree(ROOT, source, ignore=IGNORED)
    env = {**os.environ}
    if (YASGUI / "yasgui.min.js").is_file():  # `make web` ran: no npm needed at build time
        env["RIGHTSGRAPH_YASGUI_DIR"] = str(YASGUI)
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels),
                 str(source), env=env)
    assert built.returncode == 0, built.stderr.decode()[-2000:]
    wheel = next(wheels.glob("rightsgraph-*.whl"))
    target = root / "venv"
    venv.EnvBuilder(with_pip=True).create(target)
    python = target / "bin" / "python"
    site = _run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    Path(site.stdout.decode().strip(), "borrowed-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    done = _run(str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel))
    assert done.returncode == 0, done.stderr.decode()
    return target / "bin"


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "RIGHTSGRAPH_HOME", "RIGHTSGRAPH_STORE", "VIRTUAL_ENV")}
    return env


def test_wheel_holds_the_data_and_the_editor(installed):
    python = installed / "python"
    where = _run(str(python), "-c", "import rightsgraph.resources as r; print(r.project_root()); "
                 "print(r.yasgui_dir())", cwd="/", env=_clean_env())
    assert where.returncode == 0, where.stderr.decode()
    root, yasgui = where.stdout.decode().split()
    assert "site-packages" in root and str(ROOT) not in root
    assert (Path(root) / "ontology" / "rightsgraph.ttl").is_file()
    assert (Path(yasgui) / "yasgui.min.js").is_file()


def test_installed_tool_builds_queries_and_serves_anywhere(installed, tmp_path):
    work = tmp_path / "anywhere"
    work.mkdir()
    shutil.copy(SEED, work / "report.md")
    tool = str(installed / "rightsgraph")
    env = _clean_env()
    built = _run(tool, "build", "report.md", cwd=work, env=env)
    assert built.returncode == 0, built.stderr.decode()
    assert (work / "build" / "rightsgraph.ttl").is_file()
    asked = _run(tool, "query", "report-structure", "--format", "csv", cwd=work, env=env)
    assert asked.returncode == 0 and len(asked.stdout.decode().splitlines()) > 5, asked.stderr
    port = free_port()
    server = subprocess.Popen([tool, "serve", "--port", str(port)], cwd=work, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(300):
            if server.poll() is not None:
                raise AssertionError(server.stderr.read().decode())
            try:
                home = httpx.get(url + "/", timeout=5)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        assert home.status_code == 200
        editor = httpx.get(url + "/editor", timeout=10)
        assert editor.status_code == 200 and "yasgui.min.js" in editor.text
        script = httpx.get(url + "/assets/yasgui/yasgui.min.js", timeout=10)
        assert script.status_code == 200 and len(script.content) > 100_000
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(5)


def test_missing_package_data_is_not_the_validation_exit_code(installed, tmp_path):
    """An ontology that cannot be loaded is exit 3 (unreadable input), never 1 (the code for
    "validation failed")."""
    broken = tmp_path / "home"
    (broken / "ontology").mkdir(parents=True)
    (broken / "ontology" / "rightsgraph.ttl").write_text("this is not turtle", encoding="utf-8")
    shutil.copytree(ROOT / "shapes", broken / "shapes")
    shutil.copytree(ROOT / "queries", broken / "queries")
    shutil.copy(SEED, tmp_path / "report.md")
    done = _run(str(installed / "rightsgraph"), "build", "report.md", cwd=tmp_path,
                env={**_clean_env(), "RIGHTSGRAPH_HOME": str(broken)})
    assert done.returncode == 3, (done.returncode, done.stderr.decode())
    assert "rightsgraph.ttl" in done.stderr.decode()


def test_every_data_file_of_the_package_is_in_the_wheel(installed):
    """Regression: server/static (CSS, the editor's script) was left out of the wheel."""
    source = ROOT / "src" / "rightsgraph"
    site = next((installed.parent / "lib").glob("python*/site-packages/rightsgraph"))
    data = {p.relative_to(source) for p in source.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts}
    assert data and {p for p in data if not (site / p).is_file()} == set()
