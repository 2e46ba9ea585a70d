"""Request and response bodies of the accounts API, exactly as the guide writes them.

Request Structs refuse unknown fields, so a client cannot slip ``is_active`` or ``user_type``
into an update and believe it took effect.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from core.domain.accounts.user import User


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
    password: str
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
    username: str
    email: str
    password: str
    password2: str
    first_name: str = ""
    last_name: str = ""
    user_type: str
    phone: str = ""
    location: str = ""
    bio: str = ""
    #: Recruiters: the name of the company created for them.
    company_name: str | None = None


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
