"""Notification use cases (e-mail delivery for now)."""
