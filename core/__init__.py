"""Hireflow's core: the recruitment domain, its use cases and the ports they need.

Nothing in here imports a framework, a driver or an adapter (tests/unit/test_architecture.py
and the import-linter contracts in pyproject.toml enforce it).
"""
