from __future__ import annotations

import secrets

import msgspec

from core.domain.accounts.policy import AccountsPolicy
from core.ports.clock import Clock
from core.ports.linkedin import LinkedInClient
from core.ports.oauth_state_store import OAuthStateStore
from core.ports.transaction_manager import TransactionManager


class LinkedInAuthorization(msgspec.Struct, frozen=True, kw_only=True):
    authorization_url: str
    state: str


class StartLinkedInSignIn:
    def __init__(
        self,
        tx: TransactionManager,
        states: OAuthStateStore,
        linkedin: LinkedInClient,
        clock: Clock,
        policy: AccountsPolicy,
    ) -> None:
        self._tx = tx
        self._states = states
        self._linkedin = linkedin
        self._clock = clock
        self._policy = policy

    async def __call__(self) -> LinkedInAuthorization:
        state = secrets.token_urlsafe(32)
        # The address first: a server that cannot send anyone to LinkedIn stores no state.
        url = self._linkedin.authorization_url(state)
        await self._states.add(state, self._clock.now() + self._policy.oauth_state_ttl)
        await self._tx.commit()
        return LinkedInAuthorization(authorization_url=url, state=state)
