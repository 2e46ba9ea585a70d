from __future__ import annotations

from core.domain.errors import DomainError, NotAuthenticated, PermissionDenied, ValidationFailed


class InvalidCredentials(NotAuthenticated):
    code = "invalid_credentials"
    default_message = "No active account found with the given credentials."


class EmailNotVerified(NotAuthenticated):
    code = "email_not_verified"
    default_message = (
        "Your e-mail address is not verified yet. Follow the activation link we sent you, "
        "or ask for a new one."
    )


class AccountDisabled(PermissionDenied):
    code = "account_disabled"
    default_message = "This account has been disabled."


class InvalidToken(NotAuthenticated):
    code = "token_not_valid"
    default_message = "Token is invalid or expired."


class InvalidActionToken(ValidationFailed):
    """An activation or password-reset token that is forged, expired or already used."""

    code = "invalid_token"

    def __init__(self, message: str) -> None:
        super().__init__({"token": [message]}, message)


class InvalidOAuthState(ValidationFailed):
    code = "invalid_oauth_state"

    def __init__(self, message: str = "Invalid, expired or already used OAuth state.") -> None:
        super().__init__({"state": [message]}, message)


class DuplicateIdentifier(ValidationFailed):
    """The store refused a user because the e-mail or username already belongs to someone."""

    code = "duplicate"

    MESSAGES = {
        "email": "A user with this email already exists.",
        "username": "A user with this username already exists.",
    }

    def __init__(self, field: str) -> None:
        self.field = field
        super().__init__({field: [self.MESSAGES.get(field, "This value is already used.")]})


class LinkedInUnavailable(DomainError):
    code = "linkedin_error"
    default_message = "LinkedIn sign-in failed. Please try again."


class LinkedInNotConfigured(DomainError):
    """The operator has not set up Sign In with LinkedIn (no client id): nothing to retry."""

    code = "linkedin_not_configured"
    default_message = (
        "Sign in with LinkedIn is not available on this server: sign in with a username or "
        "e-mail address and a password."
    )


class InvalidOAuthCode(ValidationFailed):
    code = "invalid_oauth_code"

    def __init__(self, message: str = "LinkedIn refused the authorization code.") -> None:
        super().__init__({"code": [message]}, message)
