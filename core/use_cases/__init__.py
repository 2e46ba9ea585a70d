"""Use cases: one class per file, ports in through ``__init__``, one ``__call__``."""
