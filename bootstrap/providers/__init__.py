"""dishka providers, one per concern."""
