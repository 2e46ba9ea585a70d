"""Messaging: conversations, their messages, chat over WebSocket."""

from __future__ import annotations

from bootstrap.modules._module import Module

MODULE = Module(name="messaging")
