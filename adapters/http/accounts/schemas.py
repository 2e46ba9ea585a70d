"""Request and response bodies of the accounts API, exactly as the guide writes them.

Request Structs refuse unknown fields, so a client cannot slip ``is_active`` or ``user_type``
into an update and believe it took effect.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec

from core.domain.accounts import passwords
from core.domain.accounts.identifiers import (
    EMAIL_MAX_LENGTH,
    USERNAME_MAX_LENGTH,
    USERNAME_MIN_LENGTH,
)
from core.domain.accounts.profile_fields import LIMITS
from core.domain.accounts.user import SELF_REGISTRABLE_TYPES, User
from core.domain.schema import documented

#: A new password: the rules (passwords.py) enforce these bounds and say which one is broken.
NewPassword = Annotated[
    str, documented(minLength=passwords.MIN_LENGTH, maxLength=passwords.MAX_LENGTH)
]
Username = Annotated[str, documented(minLength=USERNAME_MIN_LENGTH, maxLength=USERNAME_MAX_LENGTH)]
Email = Annotated[str, documented(maxLength=EMAIL_MAX_LENGTH)]


class _Request(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    pass


class LoginRequest(_Request, kw_only=True):
    #: A username or an e-mail address.
    username: str
    password: str


class TokenPairResponse(msgspec.Struct, kw_only=True):
    access: str
    refresh: str


class RefreshRequest(_Request, kw_only=True):
    refresh: str


class VerifyRequest(_Request, kw_only=True):
    token: str


class DetailResponse(msgspec.Struct, kw_only=True):
    detail: str


class VerifyResponse(msgspec.Struct, kw_only=True):
    detail: str
    #: Which kind of token it is: "access" or "refresh".
    token_type: str


class MessageResponse(msgspec.Struct, kw_only=True):
    message: str


class PasswordResetRequest(_Request, kw_only=True):
    email: str


class PasswordResetConfirmRequest(_Request, kw_only=True):
    token: str
    password: NewPassword
    password_confirm: str


class CheckEmailRequest(_Request, kw_only=True):
    email: str


class CheckUsernameRequest(_Request, kw_only=True):
    username: str


class AvailabilityResponse(msgspec.Struct, kw_only=True):
    available: bool
    message: str
    suggestions: list[str] | msgspec.UnsetType = msgspec.UNSET


class RegisterRequest(_Request, kw_only=True):
    username: Username
    email: Email
    password: NewPassword
    password2: str
    first_name: Annotated[str, documented(maxLength=LIMITS["first_name"])] = ""
    last_name: Annotated[str, documented(maxLength=LIMITS["last_name"])] = ""
    user_type: Annotated[str, documented(enum=sorted(SELF_REGISTRABLE_TYPES))]
    phone: Annotated[str, documented(maxLength=LIMITS["phone"])] = ""
    location: Annotated[str, documented(maxLength=LIMITS["location"])] = ""
    bio: Annotated[str, documented(maxLength=LIMITS["bio"])] = ""
    #: Recruiters: the name of the company created for them.
    company_name: Annotated[str, documented(maxLength=LIMITS["company_name"])] | None = None


class RegisteredResponse(msgspec.Struct, kw_only=True):
    id: int
    username: str
    email: str
    first_name: str
    last_name: str
    user_type: str
    is_active: bool
    created_at: datetime
    message: str


class VerificationStatusResponse(msgspec.Struct, kw_only=True):
    is_verified: bool
    is_active: bool
    message: str


class ResendRequest(_Request, kw_only=True):
    email: str | None = None


class ConfirmEmailRequest(_Request, kw_only=True):
    token: str


class ConfirmedUser(msgspec.Struct, kw_only=True, omit_defaults=True):
    id: int
    username: str | msgspec.UnsetType = msgspec.UNSET
    email: str | msgspec.UnsetType = msgspec.UNSET
    is_active: bool


class ConfirmEmailResponse(msgspec.Struct, kw_only=True):
    message: str
    user: ConfirmedUser


class MeResponse(msgspec.Struct, kw_only=True):
    id: int
    username: str
    email: str
    first_name: str
    last_name: str
    user_type: str
    phone: str
    profile_picture: str
    bio: str
    location: str
    is_active: bool
    email_verified: bool
    created_at: datetime
    updated_at: datetime
    last_login: datetime | None

    @classmethod
    def of(cls, user: User) -> MeResponse:
        return cls(
            id=user.require_id(),
            username=user.username,
            email=user.email,
            first_name=user.first_name,
            last_name=user.last_name,
            user_type=str(user.user_type),
            phone=user.phone,
            profile_picture=user.profile_picture,
            bio=user.bio,
            location=user.location,
            is_active=user.is_active,
            email_verified=user.email_verified,
            created_at=user.created_at,
            updated_at=user.updated_at,
            last_login=user.last_login,
        )


class LinkedInStartResponse(msgspec.Struct, kw_only=True):
    authorization_url: str
    state: str


class LinkedInCallbackResponse(msgspec.Struct, kw_only=True):
    access: str
    refresh: str
    created: bool
    user: MeResponse
