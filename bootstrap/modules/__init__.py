"""The modules of Hireflow, in one list. Adding a module is: its folder in each layer
(``core/domain/<m>/``, ``core/use_cases/<m>/``, ``adapters/...``, ``bootstrap/modules/<m>.py``)
and one line here. ``create_app``, the worker and the settings collect everything from it
(the migrations environment loads every table module by itself). See docs/adding-a-module.md.
"""

from __future__ import annotations

from bootstrap.modules import (
    accounts,
    applications,
    companies,
    jobs,
    matching,
    notifications,
    profiles,
)
from bootstrap.modules._module import Module

MODULES: tuple[Module, ...] = (
    accounts.MODULE,
    profiles.MODULE,
    companies.MODULE,
    jobs.MODULE,
    applications.MODULE,
    notifications.MODULE,
    matching.MODULE,
)

__all__ = ["MODULES", "Module"]
