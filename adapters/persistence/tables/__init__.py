"""SQLAlchemy Core tables, one module per Hireflow module (``accounts``, ``companies``, ...),
all on one ``metadata``. Migrations in ``migrations/`` create exactly these (a test compares
them). Importing this package loads every table module, so ``metadata`` is whole: a new
module's ``tables/<module>.py`` is part of the schema without being listed anywhere.
"""

from __future__ import annotations

import importlib
import pkgutil

from adapters.persistence.tables._base import metadata

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")

__all__ = ["metadata"]
