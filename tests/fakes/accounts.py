"""Accounts: users (unique e-mail, username and LinkedIn id, ignoring case), what sign-up
creates, sessions and their refresh tokens (single use), OAuth states (single use), passwords
and LinkedIn."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import datetime

from core.domain.accounts.errors import DuplicateIdentifier, InvalidOAuthCode
from core.domain.accounts.identifiers import email_key, username_key
from core.domain.accounts.user import User
from core.domain.companies.company import CompanyNameTaken, company_name_key
from core.ports.account_setup import AccountSetup
from core.ports.linkedin import LinkedInClient, LinkedInIdentity
from core.ports.oauth_state_store import OAuthStateStore
from core.ports.password_hasher import PasswordHasher
from core.ports.refresh_token_store import RefreshTokenStore
from core.ports.session_users import SessionUser, SessionUsers
from core.ports.user_repository import UserRepository


def display_name(user: User) -> str:
    """A user's name as the SQL views show it: the full name, else the username."""
    return user.full_name or user.username


class InMemoryUsers(UserRepository):
    def __init__(self) -> None:
        self.rows: dict[int, User] = {}
        self._next = 1

    def _check_unique(self, user: User) -> None:
        for other in self.rows.values():
            if other.id == user.id:
                continue
            if email_key(other.email) == email_key(user.email):
                raise DuplicateIdentifier("email")
            if username_key(other.username) == username_key(user.username):
                raise DuplicateIdentifier("username")
            if user.linkedin_sub and other.linkedin_sub == user.linkedin_sub:
                raise DuplicateIdentifier("linkedin")

    async def add(self, user: User) -> User:
        self._check_unique(user)
        user.id = self._next
        self._next += 1
        self.rows[user.id] = copy.deepcopy(user)
        return user

    async def update(self, user: User) -> None:
        self._check_unique(user)
        self.rows[user.require_id()] = copy.deepcopy(user)

    async def get(self, user_id: int) -> User | None:
        user = self.rows.get(user_id)
        return copy.deepcopy(user) if user else None

    async def by_login(self, login: str) -> User | None:
        key = login.strip().casefold()
        for user in self.rows.values():
            if key in (username_key(user.username), email_key(user.email)):
                return copy.deepcopy(user)
        return None

    async def by_email(self, email: str) -> User | None:
        for user in self.rows.values():
            if email_key(user.email) == email_key(email):
                return copy.deepcopy(user)
        return None

    async def by_linkedin_sub(self, sub: str) -> User | None:
        for user in self.rows.values():
            if user.linkedin_sub == sub:
                return copy.deepcopy(user)
        return None

    async def email_taken(self, email: str) -> bool:
        return await self.by_email(email) is not None

    async def taken_usernames(self, candidates: Iterable[str]) -> set[str]:
        keys = {username_key(u.username) for u in self.rows.values()}
        return {c.casefold() for c in candidates} & keys


class FakeAccountSetup(AccountSetup):
    """What sign-up creates, recorded; company names are unique ignoring case and spacing,
    as the companies table's ``name_key`` makes them."""

    def __init__(self) -> None:
        self.candidate_profiles: set[int] = set()
        self.companies: dict[int, tuple[int, str]] = {}
        self.recruiter_profiles: dict[int, int] = {}

    async def create_candidate_profile(self, user_id: int) -> None:
        assert user_id not in self.candidate_profiles, "one profile per user"
        self.candidate_profiles.add(user_id)

    async def company_name_taken(self, name: str) -> bool:
        key = company_name_key(name)
        return any(company_name_key(n) == key for _, n in self.companies.values())

    async def create_company_for(self, admin_user_id: int, company_name: str) -> int:
        if await self.company_name_taken(company_name):
            raise CompanyNameTaken()
        company_id = len(self.companies) + 1
        self.companies[company_id] = (admin_user_id, company_name)
        return company_id

    async def create_recruiter_profile(self, user_id: int, company_id: int) -> None:
        assert company_id in self.companies
        self.recruiter_profiles[user_id] = company_id


class InMemoryRefreshTokens(RefreshTokenStore):
    def __init__(self) -> None:
        # jti -> [family, user_id, expires_at, used, revoked]
        self.rows: dict[str, list[object]] = {}
        # family -> [user_id, ended]
        self.families: dict[str, list[object]] = {}
        #: family -> when it ended (the ``ended_at`` the SQL store writes).
        self.ended_at: dict[str, datetime] = {}

    async def open_family(self, *, family: str, user_id: int) -> None:
        assert family not in self.families, "a session is opened once"
        self.families[family] = [user_id, False]

    async def add(self, *, jti: str, family: str, user_id: int, expires_at: datetime) -> None:
        self.rows[jti] = [family, user_id, expires_at, False, False]

    def _live(self, jti: str, now: datetime) -> bool:
        row = self.rows.get(jti)
        return bool(row) and not row[3] and not row[4] and row[2] > now  # type: ignore[index,operator]

    async def use(self, jti: str, now: datetime) -> bool:
        if not self._live(jti, now):
            return False
        self.rows[jti][3] = True
        return True

    async def is_live(self, jti: str, now: datetime) -> bool:
        return self._live(jti, now)

    async def revoke_family(self, family: str, now: datetime) -> None:
        if family in self.families:
            self.families[family][1] = True
            self.ended_at.setdefault(family, now)
        for row in self.rows.values():
            if row[0] == family:
                row[4] = True

    async def revoke_all_for_user(self, user_id: int, now: datetime) -> None:
        for family, session in self.families.items():
            if session[0] == user_id:
                session[1] = True
                self.ended_at.setdefault(family, now)
        for row in self.rows.values():
            if row[1] == user_id:
                row[4] = True


class InMemorySessionUsers(SessionUsers):
    """Reads the users and sessions of the two fakes above, as the SQL join does."""

    def __init__(self, users: InMemoryUsers, tokens: InMemoryRefreshTokens) -> None:
        self._users = users
        self._tokens = tokens

    async def user_in_session(self, user_id: int, family: str) -> SessionUser | None:
        user = await self._users.get(user_id)
        if user is None:
            return None
        session = self._tokens.families.get(family)
        return SessionUser(
            user=user, session_open=session is not None and session == [user_id, False]
        )


class InMemoryOAuthStates(OAuthStateStore):
    def __init__(self) -> None:
        self.states: dict[str, datetime] = {}

    async def add(self, state: str, expires_at: datetime) -> None:
        self.states[state] = expires_at

    async def consume(self, state: str, now: datetime) -> bool:
        expires = self.states.pop(state, None)
        return expires is not None and expires > now


class FakePasswordHasher(PasswordHasher):
    """Reversible on purpose (tests only): ``fake$<password>``."""

    def __init__(self) -> None:
        self.burned = 0
        #: The passwords hashed for nothing (the time an unknown login must cost).
        self.burned_passwords: list[str] = []

    async def hash(self, password: str) -> str:
        return f"fake${password}"

    async def verify(self, password_hash: str, password: str) -> bool:
        return password_hash == f"fake${password}"

    def needs_rehash(self, password_hash: str) -> bool:
        return False

    async def burn(self, password: str) -> None:
        self.burned += 1
        self.burned_passwords.append(password)


class FakeLinkedInClient(LinkedInClient):
    """LinkedIn as the core sees it: each code (set in ``codes``) works once."""

    def __init__(self) -> None:
        self.codes: dict[str, LinkedInIdentity] = {}

    def authorization_url(self, state: str) -> str:
        return f"https://linkedin.test/authorize?state={state}"

    async def identity_for_code(self, code: str) -> LinkedInIdentity:
        identity = self.codes.pop(code, None)
        if identity is None:
            raise InvalidOAuthCode()
        return identity
