import ast
import json
import shutil
import sys
import tomllib
from importlib import metadata

import pytest

from helpers import paths
from helpers.build.lockfile import (
    ENVIRONMENT,
    PROJECT,
    export,
    lock_packages,
    lock_pins,
    normalise,
    parse_pins,
    render_environment,
)

PYPROJECT = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
RUNTIME = [normalise(r.split(";")[0].split("[")[0].strip()) for r in PYPROJECT["project"]["dependencies"]]
GROUPS = {g: [normalise(r.split(";")[0].strip()) for r in reqs] for g, reqs in PYPROJECT["dependency-groups"].items()}
DEV_ONLY = {"pytest", "pytest-xdist", "playwright", "ruff"}
LOCAL_MODULES = {
    "helpers",
    "corpora",
    "page_collection",
    "ledger_eval",
    "conftest",
}  # this project's own, and tests/ helpers


def lock_text() -> str:
    return paths.LOCK_FILE.read_text(encoding="utf-8")


def test_the_one_lock_file_is_uvs():
    assert paths.LOCK_FILE.name == "uv.lock"
    assert not (paths.ROOT / "requirements.lock").exists()
    lock = tomllib.loads(lock_text())
    assert lock["requires-python"] == ">=3.11.5, <3.12"
    # Every package is pinned to one exact version with its files' hashes, from the public index.
    for p in lock_packages(lock_text()).values():
        assert p["source"] == {"registry": "https://pypi.org/simple"}, p["name"]
        files = p.get("wheels", []) + ([p["sdist"]] if "sdist" in p else [])
        assert files and all(f["hash"].startswith("sha256:") for f in files), p["name"]


def test_environment_yml_lists_exactly_the_lock_files_pins():
    env = parse_pins(ENVIRONMENT.read_text(encoding="utf-8"))
    assert env == lock_pins(lock_text())
    assert "python=3.11" in ENVIRONMENT.read_text(encoding="utf-8")


def uv_binary() -> str | None:
    found = sorted(paths.BUILD.glob("uv-*/bin/uv"))
    return str(found[-1]) if found else shutil.which("uv")


@pytest.mark.skipif(uv_binary() is None, reason="no uv (make env bootstraps it into build/)")
def test_environment_yml_is_what_make_lock_writes():
    assert ENVIRONMENT.read_text(encoding="utf-8") == render_environment(export(uv_binary()))


def test_every_direct_dependency_is_in_the_lock():
    lock = lock_pins(lock_text())
    for name in RUNTIME + [n for reqs in GROUPS.values() for n in reqs]:
        assert name in lock, f"{name} is a dependency but not in uv.lock: run `make lock`"
    assert all(v[0].isdigit() for v in lock.values())


def reachable(roots: list[str]) -> set[str]:
    """Every package the lock installs for these requirements (on any platform, with their extras)."""
    packages = lock_packages(lock_text())
    seen: set[str] = set()
    todo = [(name, ()) for name in roots]
    while todo:
        name, extras = todo.pop()
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        entry = packages[name]
        deps = list(entry.get("dependencies", []))
        for extra in extras:
            deps += entry.get("optional-dependencies", {}).get(extra, [])
        todo += [(normalise(d["name"]), tuple(d.get("extra", ()))) for d in deps]
    return {name for name, _ in seen}


def test_the_report_environment_holds_no_development_tool():
    # make report syncs the project's dependencies and the build group, never the dev group.
    assert set(GROUPS["dev"]) == DEV_ONLY
    assert not DEV_ONLY & reachable(RUNTIME + GROUPS["build"])
    assert reachable(GROUPS["dev"]) >= DEV_ONLY


def imported_modules(where: str) -> set[str]:
    """Top-level modules that the Python files (or notebooks' code cells) under ``where`` import."""
    found: set[str] = set()
    for path in sorted((paths.ROOT / where).rglob("*")):
        if path.suffix == ".py":
            sources = [path.read_text(encoding="utf-8")]
        elif path.suffix == ".ipynb" and ".ipynb_checkpoints" not in path.parts:
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            sources = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
        else:
            continue
        for source in sources:
            lines = [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
            for node in ast.walk(ast.parse("\n".join(lines))):
                if isinstance(node, ast.Import):
                    found |= {a.name.split(".")[0] for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - LOCAL_MODULES - {"__future__"}


@pytest.mark.parametrize(
    ("where", "declared"),
    [("src", RUNTIME), ("notebooks", RUNTIME), ("tests", RUNTIME + GROUPS["dev"])],
)
def test_every_imported_package_is_declared(where, declared):
    distributions = metadata.packages_distributions()
    for module in sorted(imported_modules(where)):
        assert module in distributions, f"{where}/ imports {module}, which no installed distribution provides"
        names = {normalise(d) for d in distributions[module]}
        assert names & set(declared), (
            f"{where}/ imports {module} ({', '.join(sorted(names))}): declare it in pyproject.toml"
        )
    assert PROJECT not in declared
