"""E-mail addresses and usernames: what is valid, and when two of them are "the same".

Uniqueness is case-insensitive. The database enforces it on a *key* column computed here
(``email_key`` / ``username_key``), so SQLite and PostgreSQL agree byte for byte and a race
between ``John@x.com`` and ``john@x.com`` is settled by a unique constraint, not by luck.
"""

from __future__ import annotations

import re
import unicodedata

EMAIL_MAX_LENGTH = 254
USERNAME_MIN_LENGTH = 3
USERNAME_MAX_LENGTH = 30

# Local part: dot-atom (RFC 5322 without quoted strings or comments).
_LOCAL_RE = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
# One domain label, after IDNA encoding: letters, digits, inner hyphens, 1..63 characters.
_LABEL_RE = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
_TLD_RE = re.compile(r"^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$")

_USERNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def normalize_email(email: str) -> str:
    """Trim and lower-case the domain (the part that is case-insensitive by the RFC)."""
    email = unicodedata.normalize("NFC", email.strip())
    local, sep, domain = email.rpartition("@")
    if not sep:
        return email
    return f"{local}@{domain.lower()}"


def email_key(email: str) -> str:
    """The value e-mail uniqueness is decided on: the whole address, case-folded."""
    return normalize_email(email).casefold()


def email_problem(email: str) -> str | None:
    """Why ``email`` is not an acceptable address, or ``None`` when it is."""
    email = normalize_email(email)
    if not email:
        return "This field may not be blank."
    if len(email) > EMAIL_MAX_LENGTH:
        return f"Ensure this address has at most {EMAIL_MAX_LENGTH} characters."
    # No "@", nothing before it or nothing after it: the local part or the domain is empty,
    # and neither matches its rule below.
    local, _, domain = email.rpartition("@")
    if len(local) > 64 or not _LOCAL_RE.match(local):
        return "Enter a valid email address."
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return "Enter a valid email address."
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_LABEL_RE.match(label) for label in labels):
        return "Enter a valid email address."
    if not _TLD_RE.match(labels[-1]):
        return "Enter a valid email address."
    return None


def username_key(username: str) -> str:
    return username.strip().casefold()


def login_key(login: str) -> str:
    """What a login (a username or an e-mail address, as typed) is looked up by: it is
    compared with both the ``username_key`` and the ``email_key`` of every account."""
    return login.strip().casefold()


def username_problem(username: str) -> str | None:
    """Why ``username`` is not acceptable, or ``None`` when it is."""
    if not username:
        return "This field may not be blank."
    if username != username.strip():
        return "Usernames may not start or end with spaces."
    if len(username) < USERNAME_MIN_LENGTH:
        return f"Ensure this field has at least {USERNAME_MIN_LENGTH} characters."
    if len(username) > USERNAME_MAX_LENGTH:
        return f"Ensure this field has at most {USERNAME_MAX_LENGTH} characters."
    if not _USERNAME_RE.match(username):
        return (
            "Use only letters, digits and the characters _ . - (starting with a letter or a digit)."
        )
    return None


def is_valid_username(username: str) -> bool:
    return username_problem(username) is None
