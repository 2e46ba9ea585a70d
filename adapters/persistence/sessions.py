from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import and_, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.tables.accounts import auth_sessions, oauth_states, refresh_tokens, users
from adapters.persistence.users import user_from_row
from core.ports.clock import Clock
from core.ports.oauth_state_store import OAuthStateStore
from core.ports.refresh_token_store import RefreshTokenStore
from core.ports.session_users import SessionUser, SessionUsers


class SqlRefreshTokenStore(RefreshTokenStore):
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def open_family(self, *, family: str, user_id: int) -> None:
        await self._session.execute(
            auth_sessions.insert().values(
                family=family, user_id=user_id, created_at=self._clock.now()
            )
        )

    async def add(self, *, jti: str, family: str, user_id: int, expires_at: datetime) -> None:
        await self._session.execute(
            refresh_tokens.insert().values(
                jti=jti,
                family=family,
                user_id=user_id,
                issued_at=self._clock.now(),
                expires_at=expires_at,
            )
        )

    async def use(self, jti: str, now: datetime) -> bool:
        # One conditional UPDATE: of two concurrent refreshes with the same token, one wins.
        result = await self._session.execute(
            update(refresh_tokens)
            .where(
                refresh_tokens.c.jti == jti,
                refresh_tokens.c.used_at.is_(None),
                refresh_tokens.c.revoked_at.is_(None),
                refresh_tokens.c.expires_at > now,
            )
            .values(used_at=now)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    async def is_live(self, jti: str, now: datetime) -> bool:
        row = await self._session.execute(
            select(refresh_tokens.c.jti).where(
                refresh_tokens.c.jti == jti,
                refresh_tokens.c.used_at.is_(None),
                refresh_tokens.c.revoked_at.is_(None),
                refresh_tokens.c.expires_at > now,
            )
        )
        return row.first() is not None

    async def revoke_family(self, family: str, now: datetime) -> None:
        await self._session.execute(
            update(auth_sessions)
            .where(auth_sessions.c.family == family, auth_sessions.c.ended_at.is_(None))
            .values(ended_at=now)
        )
        await self._session.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.family == family, refresh_tokens.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )

    async def revoke_all_for_user(self, user_id: int, now: datetime) -> None:
        await self._session.execute(
            update(auth_sessions)
            .where(auth_sessions.c.user_id == user_id, auth_sessions.c.ended_at.is_(None))
            .values(ended_at=now)
        )
        await self._session.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.user_id == user_id, refresh_tokens.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )


class SqlSessionUsers(SessionUsers):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def user_in_session(self, user_id: int, family: str) -> SessionUser | None:
        row = (
            await self._session.execute(
                select(
                    users,
                    auth_sessions.c.family.label("session_family"),
                    auth_sessions.c.ended_at.label("session_ended_at"),
                )
                .outerjoin(
                    auth_sessions,
                    and_(auth_sessions.c.family == family, auth_sessions.c.user_id == users.c.id),
                )
                .where(users.c.id == user_id)
            )
        ).first()
        if row is None:
            return None
        return SessionUser(
            user=user_from_row(row),
            session_open=row.session_family is not None and row.session_ended_at is None,
        )


def _hash(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()


class SqlOAuthStateStore(OAuthStateStore):
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def add(self, state: str, expires_at: datetime) -> None:
        await self._session.execute(
            oauth_states.insert().values(
                state_hash=_hash(state),
                created_at=self._clock.now(),
                expires_at=expires_at,
            )
        )

    async def consume(self, state: str, now: datetime) -> bool:
        result = await self._session.execute(
            delete(oauth_states).where(
                oauth_states.c.state_hash == _hash(state), oauth_states.c.expires_at > now
            )
        )
        # Expired ones are garbage either way.
        await self._session.execute(delete(oauth_states).where(oauth_states.c.expires_at <= now))
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]
