"""What open sockets are told. A frame is a JSON object whose ``type`` names it: each module
defines its own (``chat_message``, ``notification``, ...) as a tagged subclass, and the tag is
what clients read, so never change it.

Frames are pushed to an *audience*: everyone with a socket open on a conversation, or every
socket a user has open for their notifications (``core.ports.live_updates``)."""

from __future__ import annotations

import msgspec


class LiveFrame(msgspec.Struct, frozen=True, kw_only=True, tag_field="type"):
    """Base of every frame; subclasses give the ``tag`` clients see as ``"type"``."""


_encoder = msgspec.json.Encoder()


def encode_frame(frame: LiveFrame) -> bytes:
    return _encoder.encode(frame)
