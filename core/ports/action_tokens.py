from __future__ import annotations

from datetime import timedelta
from typing import Literal, Protocol

import msgspec

ActionPurpose = Literal["activation", "password_reset"]


class ActionClaims(msgspec.Struct, frozen=True, kw_only=True):
    user_id: int
    fingerprint: str


class ActionTokens(Protocol):
    """Signed, expiring tokens e-mailed to a user to prove they can read their mailbox.

    ``fingerprint`` binds a token to the state it may change (for instance the current password
    hash), which makes a token single-use: once the state moves on, the token no longer matches.
    ``read`` returns ``None`` for a forged, expired or wrong-purpose token.
    """

    def make(
        self, *, purpose: ActionPurpose, user_id: int, fingerprint: str, ttl: timedelta
    ) -> str: ...

    def read(self, token: str, *, purpose: ActionPurpose) -> ActionClaims | None: ...

    def fingerprint(self, *parts: str) -> str:
        """A keyed digest of ``parts``; reveals nothing about them."""
        ...
