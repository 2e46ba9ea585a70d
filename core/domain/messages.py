"""Messages: what the core asks to happen once a change has committed.

An *event* says what happened (``ApplicationSubmitted``); any number of modules may react to it.
A *command* asks for one piece of background work (``SendEmail``). Both are tagged, frozen
``msgspec.Struct``s, stored as JSON in the outbox with the change that produced them, and
decoded back into the same type by whichever process runs the reaction. Each module defines
its own messages next to its domain (``core/domain/<module>/events.py``); which handlers react
to which message is declared by each module in the composition root.
"""

from __future__ import annotations

from typing import TypeVar

import msgspec


class Message(msgspec.Struct, frozen=True, kw_only=True):
    """Base of every event and command. Subclasses give a stable ``tag`` (it is stored)."""


M = TypeVar("M", bound=Message)

_encoder = msgspec.json.Encoder()


def encode_message(message: Message) -> bytes:
    return _encoder.encode(message)


def decode_message(payload: bytes | str, kind: type[M]) -> M:
    return msgspec.json.decode(payload, type=kind)


def message_tag(kind: type[Message]) -> str:
    return str(kind.__struct_config__.tag)
