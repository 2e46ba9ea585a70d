"""Ports: the narrow interfaces the use cases depend on. Adapters implement them."""
