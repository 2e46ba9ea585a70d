"""Matching use cases: recalculation (background and on demand) and reading matches."""
