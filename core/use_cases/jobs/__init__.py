"""Job posting use cases."""
