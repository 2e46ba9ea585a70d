"""Messaging use cases: starting a conversation, sending, reading, and the reactions to a
message (its recipient's notification)."""
