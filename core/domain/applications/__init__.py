"""Applications and the hiring pipeline."""
