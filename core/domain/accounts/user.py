from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Annotated

import msgspec

from core.domain.accounts.profile_fields import LIMITS
from core.domain.schema import documented

UNSET = msgspec.UNSET
Unset = msgspec.UnsetType


class UserType(StrEnum):
    CANDIDATE = "candidate"
    RECRUITER = "recruiter"
    NGO_MANAGER = "ngo_manager"
    ADMIN = "admin"


#: Only these may sign themselves up; the others are created by site admins.
SELF_REGISTRABLE_TYPES = frozenset({UserType.CANDIDATE, UserType.RECRUITER})


@dataclass(slots=True, kw_only=True)
class User:
    """A person who signs in.

    ``email_verified`` and ``is_active`` are kept apart: a new account is neither; confirming the
    e-mail sets both; a site admin disabling an account clears only ``is_active`` (so an old
    activation link cannot switch it back on).
    """

    id: int | None = None
    username: str
    email: str
    password_hash: str | None
    first_name: str = ""
    last_name: str = ""
    user_type: UserType
    phone: str = ""
    location: str = ""
    bio: str = ""
    profile_picture: str = ""
    is_active: bool = False
    email_verified: bool = False
    #: Bumped whenever every existing session must end (password reset, disabling).
    token_version: int = 0
    linkedin_sub: str | None = None
    created_at: datetime
    updated_at: datetime
    last_login: datetime | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def has_usable_password(self) -> bool:
        return self.password_hash is not None

    def require_id(self) -> int:
        if self.id is None:  # pragma: no cover - a persisted user always has one
            raise RuntimeError("user has not been saved yet")
        return self.id

    def verify_email(self, now: datetime) -> None:
        self.email_verified = True
        self.is_active = True
        self.updated_at = now

    def set_password(self, password_hash: str, now: datetime) -> None:
        """Replace the password and end every session opened with the old one."""
        self.password_hash = password_hash
        self.token_version += 1
        self.updated_at = now

    def set_active(self, active: bool, now: datetime) -> None:
        if self.is_active and not active:
            self.token_version += 1
        self.is_active = active
        self.updated_at = now


class UserChanges(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """What a user may change about themselves (``users/me/``). E-mail, type, activity, ids
    and timestamps are not here and never change this way."""

    first_name: Annotated[str, documented(maxLength=LIMITS["first_name"])] | Unset = UNSET
    last_name: Annotated[str, documented(maxLength=LIMITS["last_name"])] | Unset = UNSET
    phone: Annotated[str, documented(maxLength=LIMITS["phone"])] | Unset = UNSET
    location: Annotated[str, documented(maxLength=LIMITS["location"])] | Unset = UNSET
    bio: Annotated[str, documented(maxLength=LIMITS["bio"])] | Unset = UNSET
    profile_picture: Annotated[str, documented(maxLength=LIMITS["profile_picture"])] | Unset = UNSET
