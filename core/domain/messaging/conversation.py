"""A conversation between two people and the rules of what they write in it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.domain.errors import Conflict, NotFound, ValidationFailed

#: The longest message, in characters, once trimmed.
MAX_CONTENT_LENGTH = 5000


def pair_key(one: int, other: int) -> str:
    """The same for both orders of the pair: two people share at most one conversation."""
    low, high = sorted((one, other))
    return f"{low}:{high}"


@dataclass(slots=True, kw_only=True)
class Conversation:
    id: int | None = None
    #: Both people, the one who started it first.
    participant_ids: tuple[int, int]
    #: The job it is about, if it was started about one.
    job_id: int | None = None
    created_at: datetime
    #: Its last activity: when it was started or when its last message was sent.
    updated_at: datetime

    @property
    def key(self) -> str:
        return pair_key(*self.participant_ids)

    def has(self, user_id: int) -> bool:
        return user_id in self.participant_ids

    def others(self, user_id: int) -> list[int]:
        return [p for p in self.participant_ids if p != user_id]

    def require_id(self) -> int:
        if self.id is None:  # pragma: no cover - a stored conversation always has one
            raise RuntimeError("conversation has not been saved yet")
        return self.id


def content_problems(content: str) -> list[str]:
    """What is wrong with a message's text, already trimmed; empty when nothing."""
    if not content:
        return ["This field may not be blank."]
    problems = []
    if len(content) > MAX_CONTENT_LENGTH:
        problems.append(f"Ensure this field has no more than {MAX_CONTENT_LENGTH} characters.")
    if any(ord(c) < 32 and c not in "\n\r\t" for c in content) or "\x7f" in content:
        problems.append("Control characters are not allowed.")
    return problems


def message_content(raw: str, field: str = "content") -> str:
    """A message's text as it is stored and shown: trimmed, plain text (never interpreted as
    markup), at most ``MAX_CONTENT_LENGTH`` characters. Raises ``ValidationFailed``."""
    content = raw.strip()
    if problems := content_problems(content):
        raise ValidationFailed({field: problems})
    return content


class ConversationNotFound(NotFound):
    """Unknown, or not one of the caller's: ids of others' conversations reveal nothing."""

    default_message = "Conversation not found."


class ConversationExists(Conflict):
    """The two already share a conversation (raised by the store on its unique pair)."""

    def __init__(self, existing_key: str) -> None:
        super().__init__("These two already share a conversation.")
        self.key = existing_key
