"""srs/ is a pure core: no Flask, no database, no other area of Vaktaal."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import vaktaal.srs

SRS = Path(vaktaal.srs.__file__).parent
ALLOWED = {"fsrs", "vaktaal"}


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def test_srs_imports_only_the_standard_library_fsrs_and_itself() -> None:
    sources = sorted(SRS.glob("*.py"))
    assert sources
    for path in sources:
        for module in imported_modules(path):
            top = module.split(".")[0]
            assert top in sys.stdlib_module_names or top in ALLOWED, f"{path.name}: {module}"
            if top == "vaktaal":
                assert module.startswith("vaktaal.srs"), f"{path.name}: {module}"
