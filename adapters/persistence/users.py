from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.integrity import violated_constraint
from adapters.persistence.tables.accounts import users
from core.domain.accounts.errors import DuplicateIdentifier
from core.domain.accounts.identifiers import email_key, login_key, username_key
from core.domain.accounts.user import User, UserType
from core.ports.user_repository import UserRepository

_COLUMNS = (
    "username",
    "email",
    "password_hash",
    "first_name",
    "last_name",
    "user_type",
    "phone",
    "location",
    "bio",
    "profile_picture",
    "is_active",
    "email_verified",
    "token_version",
    "linkedin_sub",
    "created_at",
    "updated_at",
    "last_login",
)


def _values(user: User) -> dict[str, Any]:
    values = {name: getattr(user, name) for name in _COLUMNS}
    values["user_type"] = str(user.user_type)
    values["username_key"] = username_key(user.username)
    values["email_key"] = email_key(user.email)
    return values


def user_from_row(row: Row[Any]) -> User:
    data = row._mapping
    return User(
        id=data["id"],
        **{name: data[name] for name in _COLUMNS if name != "user_type"},
        user_type=UserType(data["user_type"]),
    )


def _duplicate(error: IntegrityError) -> DuplicateIdentifier | None:
    text = violated_constraint(error)
    for field in ("email", "username"):
        if f"{field}_key" in text:
            return DuplicateIdentifier(field)
    if "linkedin_sub" in text:
        return DuplicateIdentifier("linkedin")
    return None


class SqlUserRepository(UserRepository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, user: User) -> User:
        try:
            # A savepoint: a refused row must not poison the rest of the transaction.
            async with self._session.begin_nested():
                result = await self._session.execute(
                    users.insert().values(**_values(user)).returning(users.c.id)
                )
        except IntegrityError as exc:
            duplicate = _duplicate(exc)
            if duplicate is None:
                raise
            raise duplicate from exc
        user.id = int(result.scalar_one())
        return user

    async def update(self, user: User) -> None:
        try:
            async with self._session.begin_nested():
                await self._session.execute(
                    update(users).where(users.c.id == user.require_id()).values(**_values(user))
                )
        except IntegrityError as exc:
            duplicate = _duplicate(exc)
            if duplicate is None:
                raise
            raise duplicate from exc

    async def _one(self, *criteria: Any) -> User | None:
        row = (await self._session.execute(select(users).where(*criteria))).first()
        return None if row is None else user_from_row(row)

    async def get(self, user_id: int) -> User | None:
        return await self._one(users.c.id == user_id)

    async def by_login(self, login: str) -> User | None:
        key = login_key(login)
        return await self._one(or_(users.c.username_key == key, users.c.email_key == key))

    async def by_email(self, email: str) -> User | None:
        return await self._one(users.c.email_key == email_key(email))

    async def by_linkedin_sub(self, sub: str) -> User | None:
        return await self._one(users.c.linkedin_sub == sub)

    async def email_taken(self, email: str) -> bool:
        row = await self._session.execute(
            select(users.c.id).where(users.c.email_key == email_key(email)).limit(1)
        )
        return row.first() is not None

    async def taken_usernames(self, candidates: Iterable[str]) -> set[str]:
        keys = sorted({c.casefold() for c in candidates})
        if not keys:
            return set()
        rows = await self._session.execute(
            select(users.c.username_key).where(users.c.username_key.in_(keys))
        )
        return {row[0] for row in rows}
