"""The modules of Hireflow, in one list. Adding a module is: its folder in each layer
(``core/domain/<m>/``, ``core/use_cases/<m>/``, ``adapters/...``, ``bootstrap/modules/<m>.py``)
and one line here, its name. ``create_app``, the worker and the settings collect everything
from it (the migrations environment loads every table module by itself). See
docs/adding-a-module.md.

The list names the modules rather than importing them one by one: an import and a list entry
would be two lines to add, and two places to forget.
"""

from __future__ import annotations

import importlib

from bootstrap.modules._module import Module


def _declared(*names: str) -> tuple[Module, ...]:
    """Each named module's declaration (``bootstrap/modules/<name>.py``: ``MODULE``)."""
    modules = []
    for name in names:
        declared = importlib.import_module(f"{__name__}.{name}").MODULE
        if not isinstance(declared, Module) or declared.name != name:
            raise TypeError(f"bootstrap/modules/{name}.py must declare MODULE = Module({name!r})")
        modules.append(declared)
    return tuple(modules)


MODULES: tuple[Module, ...] = _declared(
    "accounts",
    "profiles",
    "companies",
    "jobs",
    "applications",
    "notifications",
    "matching",
    "messaging",
)

__all__ = ["MODULES", "Module"]
