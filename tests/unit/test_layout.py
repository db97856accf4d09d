"""The logic packages stay free of Dagster, so every rule can be tested without starting it."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOGIC_PACKAGES = ["pipelines/parse", "pipelines/extract", "pipelines/publish", "schemas"]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", LOGIC_PACKAGES)
def test_logic_package_does_not_import_dagster(package):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package} has no modules"
    offenders = {
        str(f.relative_to(ROOT)): sorted(m for m in imported_modules(f) if m.split(".")[0] == "dagster")
        for f in files
    }
    assert {f: m for f, m in offenders.items() if m} == {}


def test_import_scanner_sees_dagster(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import dagster as dg\nfrom dagster import asset\n")
    assert imported_modules(module) == {"dagster"}
