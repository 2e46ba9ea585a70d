"""Activation and password-reset tokens: compact, URL-safe, HMAC-signed, expiring.

Format: ``base64url(payload) "." base64url(hmac_sha256(key_for_purpose, payload))`` where the
payload is ``{"u": user_id, "f": fingerprint, "e": expires_at_unix}``. The key is derived per
purpose, so an activation token is worthless as a reset token.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from datetime import timedelta

import msgspec

from adapters.security.jwt_tokens import derive_key
from core.ports.action_tokens import ActionClaims, ActionPurpose, ActionTokens
from core.ports.clock import Clock


class _Payload(msgspec.Struct, frozen=True):
    u: int
    f: str
    e: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SignedActionTokens(ActionTokens):
    def __init__(self, *, secret_key: str, clock: Clock) -> None:
        self._secret = secret_key
        self._clock = clock
        self._fingerprint_key = derive_key(secret_key, "fingerprint")

    def _key(self, purpose: ActionPurpose) -> bytes:
        return derive_key(self._secret, f"action:{purpose}")

    def make(
        self, *, purpose: ActionPurpose, user_id: int, fingerprint: str, ttl: timedelta
    ) -> str:
        expires = int((self._clock.now() + ttl).timestamp())
        payload = msgspec.json.encode(_Payload(u=user_id, f=fingerprint, e=expires))
        signature = hmac.new(self._key(purpose), payload, hashlib.sha256).digest()
        return f"{_b64(payload)}.{_b64(signature)}"

    def read(self, token: str, *, purpose: ActionPurpose) -> ActionClaims | None:
        if not isinstance(token, str) or token.count(".") != 1 or len(token) > 1024:
            return None
        encoded, _, sig = token.partition(".")
        try:
            payload = _unb64(encoded)
            signature = _unb64(sig)
        except (binascii.Error, ValueError):
            return None
        expected = hmac.new(self._key(purpose), payload, hashlib.sha256).digest()
        if not hmac.compare_digest(signature, expected):
            return None
        try:
            data = msgspec.json.decode(payload, type=_Payload)
        except msgspec.DecodeError:
            return None
        if data.e <= self._clock.now().timestamp():
            return None
        return ActionClaims(user_id=data.u, fingerprint=data.f)

    def fingerprint(self, *parts: str) -> str:
        digest = hmac.new(self._fingerprint_key, "\x1f".join(parts).encode(), hashlib.sha256)
        return digest.hexdigest()[:32]
