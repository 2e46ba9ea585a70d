"""Messaging over HTTP: conversations and messages (REST) and the chat socket."""
