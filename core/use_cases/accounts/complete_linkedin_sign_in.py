from __future__ import annotations

import msgspec

from core.domain.accounts.errors import AccountDisabled, InvalidOAuthState
from core.domain.accounts.identifiers import (
    email_problem,
    is_valid_username,
    normalize_email,
    username_key,
)
from core.domain.accounts.profile_fields import LIMITS
from core.domain.accounts.user import User, UserType
from core.domain.email import SendEmail
from core.domain.errors import Conflict, ValidationFailed
from core.ports.account_setup import AccountSetup
from core.ports.clock import Clock
from core.ports.linkedin import LinkedInClient, LinkedInIdentity
from core.ports.oauth_state_store import OAuthStateStore
from core.ports.refresh_token_store import RefreshTokenStore
from core.ports.task_queue import TaskQueue
from core.ports.token_issuer import TokenIssuer
from core.ports.transaction_manager import TransactionManager
from core.ports.user_repository import UserRepository
from core.use_cases.accounts._sessions import TokenPair, open_session
from core.use_cases.accounts.check_username import CheckUsername

NO_FREE_USERNAME = (
    "Every username made from your e-mail address is taken; sign up with e-mail instead."
)


class CompleteLinkedInSignInCommand(msgspec.Struct, frozen=True, kw_only=True):
    code: str
    state: str
    locale: str = "en"


class LinkedInSignIn(msgspec.Struct, frozen=True, kw_only=True):
    tokens: TokenPair
    user: User
    created: bool


class CompleteLinkedInSignIn:
    """LinkedIn sent the user back. Check the state, read who they are, then sign them in:
    the account already linked to this LinkedIn member, else the account with the same
    *verified* e-mail (now linked), else a new active candidate account."""

    def __init__(
        self,
        tx: TransactionManager,
        states: OAuthStateStore,
        linkedin: LinkedInClient,
        users: UserRepository,
        setup: AccountSetup,
        tokens: TokenIssuer,
        refresh_tokens: RefreshTokenStore,
        tasks: TaskQueue,
        usernames: CheckUsername,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._states = states
        self._linkedin = linkedin
        self._users = users
        self._setup = setup
        self._tokens = tokens
        self._refresh_tokens = refresh_tokens
        self._tasks = tasks
        self._usernames = usernames
        self._clock = clock

    async def __call__(self, cmd: CompleteLinkedInSignInCommand) -> LinkedInSignIn:
        if not cmd.state or not await self._states.consume(cmd.state, self._clock.now()):
            raise InvalidOAuthState()
        # The state is spent whatever happens next: commit that before calling LinkedIn.
        await self._tx.commit()
        if not cmd.code:
            raise ValidationFailed.single("code", "This field is required.")
        identity = await self._linkedin.identity_for_code(cmd.code)
        now = self._clock.now()
        created = False
        user = await self._users.by_linkedin_sub(identity.sub)
        if user is None:
            email = self._verified_email(identity)
            user = await self._users.by_email(email)
            if user is not None:
                user.linkedin_sub = identity.sub
                if not user.email_verified:
                    user.verify_email(now)
                user.updated_at = now
            else:
                user = await self._create(identity, email)
                created = True
        if not user.is_active:
            raise AccountDisabled()
        user.last_login = now
        await self._users.update(user)
        pair = await open_session(user, tokens=self._tokens, store=self._refresh_tokens)
        await self._tx.commit()
        return LinkedInSignIn(tokens=pair, user=user, created=created)

    @staticmethod
    def _verified_email(identity: LinkedInIdentity) -> str:
        if not identity.email or not identity.email_verified or email_problem(identity.email):
            raise ValidationFailed.single(
                "email",
                "LinkedIn did not share a verified e-mail address; sign up with e-mail instead.",
            )
        return normalize_email(identity.email)

    async def _create(self, identity: LinkedInIdentity, email: str) -> User:
        now = self._clock.now()
        wanted = email.partition("@")[0]
        username = wanted
        if not await self._is_free_and_valid(wanted):
            alternatives = await self._usernames.free_alternatives(wanted)
            if not alternatives:
                raise Conflict(NO_FREE_USERNAME)
            username = alternatives[0]
        user = await self._users.add(
            User(
                username=username,
                email=email,
                password_hash=None,
                # What users/me/ would accept: LinkedIn's values are not checked otherwise.
                first_name=identity.given_name[: LIMITS["first_name"]],
                last_name=identity.family_name[: LIMITS["last_name"]],
                user_type=UserType.CANDIDATE,
                profile_picture=identity.picture[: LIMITS["profile_picture"]],
                is_active=True,
                email_verified=True,
                linkedin_sub=identity.sub,
                created_at=now,
                updated_at=now,
            )
        )
        await self._setup.create_candidate_profile(user.require_id())
        locale = (identity.locale or "en")[:2]
        await self._tasks.enqueue(
            SendEmail(
                template="account_created_linkedin",
                to=user.email,
                locale=locale,
                context={"first_name": user.first_name, "username": user.username},
            )
        )
        return user

    async def _is_free_and_valid(self, username: str) -> bool:
        if not is_valid_username(username):
            return False
        return not await self._users.taken_usernames([username_key(username)])
