"""Application pipeline use cases."""
