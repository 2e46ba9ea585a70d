"""The hexagon stays honest: the core imports only the standard library, msgspec and itself."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ALLOWED_THIRD_PARTY = {"msgspec"}


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def test_core_imports_no_framework_driver_or_adapter() -> None:
    leaks = []
    for path in sorted((ROOT / "core").rglob("*.py")):
        for line, module in _imports(path):
            top = module.split(".")[0]
            if top == "core" or top in sys.stdlib_module_names or top in ALLOWED_THIRD_PARTY:
                continue
            leaks.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert leaks == []


def test_import_linter_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
