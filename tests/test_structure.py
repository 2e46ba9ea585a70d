"""The module shape holds: what every module declares is wired, every message has a handler,
and no module reaches into another's private helpers."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from dramatiq.brokers.stub import StubBroker

import core.domain
from adapters.messaging.dramatiq_tasks import TaskSystem
from bootstrap.container import make_worker_container, routes
from bootstrap.modules import MODULES
from bootstrap.settings import make_settings
from core.domain.messages import Message

ROOT = Path(__file__).resolve().parents[1]


def _message_types() -> set[type[Message]]:
    for info in pkgutil.walk_packages(core.domain.__path__, "core.domain."):
        importlib.import_module(info.name)
    found: set[type[Message]] = set()
    pending = [Message]
    while pending:
        for sub in pending.pop().__subclasses__():
            if sub.__module__.startswith("core."):  # not a test's own message type
                found.add(sub)
            pending.append(sub)
    return found


def test_every_message_has_a_handler() -> None:
    """An event or command nobody handles would sit in the outbox forever: a new message type
    fails here until a module registers its reaction."""
    handled = routes().message_types
    missing = sorted(t.__qualname__ for t in _message_types() - handled)
    assert missing == []


async def test_every_handler_and_use_case_resolves_from_the_container(tmp_path: Path) -> None:
    settings = make_settings(data_dir=tmp_path, secret_key="structure-test-secret-0123456789")
    tasks = TaskSystem(StubBroker())
    container = make_worker_container(settings, tasks)
    try:
        async with container() as scope:
            for route in routes():
                handler = await scope.get(route.handler)
                assert inspect.iscoroutinefunction(handler.__call__), route.key
    finally:
        await container.close()
        tasks.close()


def test_route_keys_name_their_module() -> None:
    for module in MODULES:
        for route in module.routes:
            prefix = route.key.split(".")[0]
            assert prefix in (module.name, "email"), route.key


def test_every_table_module_belongs_to_a_module() -> None:
    names = {m.name for m in MODULES} | {"_base", "outbox"}
    tables = ROOT / "adapters" / "persistence" / "tables"
    strays = sorted(p.stem for p in tables.glob("*.py") if p.stem not in names | {"__init__"})
    assert strays == []


def _private_imports() -> list[str]:
    leaks = []
    for path in sorted((ROOT / "core").rglob("*.py")) + sorted((ROOT / "adapters").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        here = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.ImportFrom) and node.module and node.level == 0):
                continue
            parts = node.module.split(".")
            if parts[0] not in ("core", "adapters", "bootstrap"):
                continue
            private = next((i for i, p in enumerate(parts) if p.startswith("_")), None)
            if private is None:
                continue
            owner = ".".join(parts[:private])  # the package the private module lives in
            if not here.startswith(owner + "."):
                leaks.append(f"{here} imports {node.module}")
    return leaks


def test_modules_do_not_import_each_others_private_helpers() -> None:
    """``core/use_cases/<m>/_helper.py`` is for module ``m`` only; another module needing it
    means it should be a public use case or service (as JobAccess is)."""
    assert _private_imports() == []


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.name)
def test_a_module_lives_in_its_own_folders(module: object) -> None:
    name = module.name  # type: ignore[attr-defined]
    assert (ROOT / "core" / "use_cases" / name).is_dir()
    assert (ROOT / "core" / "domain" / name).is_dir()
    assert (ROOT / "bootstrap" / "modules" / f"{name}.py").is_file()
