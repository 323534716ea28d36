"""The package's folders are its layers: each imports only the layers below it."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "src" / "helpers"
ORDER = ["corpus", "analysis", "report", "build"]  # lowest first; top-level modules are below them all


def layer_of(module: str) -> int:
    parts = module.split(".")
    if parts[0] != "helpers" or len(parts) < 2:
        return -1
    return ORDER.index(parts[1]) if parts[1] in ORDER else -1


def imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
            found += [f"{node.module}.{a.name}" for a in node.names if node.module == "helpers"]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names]
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__main__.py")


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_no_module_imports_a_layer_above_its_own(path):
    rel = path.relative_to(PACKAGE)
    own = ORDER.index(rel.parts[0]) if len(rel.parts) > 1 else -1
    above = [m for m in imports(path) if layer_of(m) > own]
    assert not above, f"{rel} imports {above}, a layer above its own"
