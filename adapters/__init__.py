"""Adapters: every technology Hireflow talks to, each behind a port of ``core.ports``."""
