"""Session tokens: HS256 JWTs signed with a key derived from the secret key.

Decoding pins the algorithm and requires every claim we rely on, so ``alg: none``, a token
signed with another key or algorithm, an expired token and a token of the other type all fail
the same way: ``InvalidToken`` (401).

A token must hold exactly the claims this issuer writes (``CLAIMS``): one without ``fam`` or
``ver`` would escape the session checks, and one with a claim we never write (``role``,
``is_admin``, ``nbf``, ...) was not made by this code: a forgery with a leaked key or a
tampered token. Refusing it costs nothing and means no later reader can honour such a claim by
accident. (Adding a claim is therefore a two-step change: readers accept it first, then the
issuer writes it.)
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from core.domain.accounts.errors import InvalidToken
from core.ports.clock import Clock
from core.ports.token_issuer import IssuedTokens, TokenClaims, TokenIssuer, TokenType

ALGORITHM = "HS256"
ISSUER = "hireflow"
#: Every claim of a session token, access and refresh alike: no more, no fewer.
CLAIMS = frozenset({"iss", "sub", "iat", "exp", "jti", "type", "ver", "fam"})


def derive_key(secret_key: str, purpose: str) -> bytes:
    """A separate key per purpose, so a token of one kind can never pass for another."""
    return hmac.new(secret_key.encode(), f"hireflow:{purpose}".encode(), hashlib.sha256).digest()


class JwtTokenIssuer(TokenIssuer):
    def __init__(
        self,
        *,
        secret_key: str,
        clock: Clock,
        access_ttl: timedelta = timedelta(minutes=60),
        refresh_ttl: timedelta = timedelta(days=7),
    ) -> None:
        self._key = derive_key(secret_key, "session-jwt")
        self._clock = clock
        self._access_ttl = access_ttl
        self._refresh_ttl = refresh_ttl

    def issue(self, *, user_id: int, version: int, family: str | None = None) -> IssuedTokens:
        now = self._clock.now()
        family = family or uuid.uuid4().hex
        refresh_jti = uuid.uuid4().hex
        # Both tokens name their session (``fam``): ending it refuses its access tokens too.
        base = {"iss": ISSUER, "sub": str(user_id), "iat": now, "ver": version, "fam": family}
        access = jwt.encode(
            {**base, "type": "access", "jti": uuid.uuid4().hex, "exp": now + self._access_ttl},
            self._key,
            algorithm=ALGORITHM,
        )
        refresh_expires_at = now + self._refresh_ttl
        refresh = jwt.encode(
            {
                **base,
                "type": "refresh",
                "jti": refresh_jti,
                "exp": refresh_expires_at,
            },
            self._key,
            algorithm=ALGORITHM,
        )
        return IssuedTokens(
            access=access,
            refresh=refresh,
            refresh_jti=refresh_jti,
            family=family,
            refresh_expires_at=refresh_expires_at,
        )

    def read(self, token: str, expected: TokenType | None = None) -> TokenClaims:
        try:
            payload: dict[str, Any] = jwt.decode(
                token,
                self._key,
                algorithms=[ALGORITHM],
                issuer=ISSUER,
                # Time claims are checked below against our Clock (tests move time).
                options={
                    "require": sorted(CLAIMS),
                    "verify_exp": False,
                    "verify_iat": False,
                    "verify_nbf": False,
                },
            )
            if extra := sorted(set(payload) - CLAIMS):
                raise InvalidToken(f"Token has a claim this server never issues: {extra[0]}.")
            kind = payload.get("type")
            if kind not in ("access", "refresh"):
                raise InvalidToken("Token has no valid type.")
            if expected is not None and kind != expected:
                article = "an" if expected == "access" else "a"
                raise InvalidToken(
                    f"Token has wrong type: expected {article} {expected} token, got {kind}."
                )
            exp = int(payload["exp"])
            if exp <= self._clock.now().timestamp():
                raise InvalidToken("Token is expired.")
            family, version, subject = payload["fam"], payload["ver"], payload["sub"]
            if not isinstance(family, str) or not family:
                raise InvalidToken("Token is invalid or expired.")
            if not isinstance(version, int) or isinstance(version, bool):
                raise InvalidToken("Token is invalid or expired.")
            if not isinstance(subject, str) or not subject.isdigit():
                raise InvalidToken("Token is invalid or expired.")
            return TokenClaims(
                user_id=int(subject),
                token_type=kind,
                jti=str(payload["jti"]),
                version=version,
                family=family,
                expires_at=datetime.fromtimestamp(exp, tz=UTC),
            )
        except InvalidToken:
            raise
        except (jwt.PyJWTError, ValueError, TypeError, KeyError) as exc:
            raise InvalidToken() from exc
