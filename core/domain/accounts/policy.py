from __future__ import annotations

from datetime import timedelta

import msgspec


class AccountsPolicy(msgspec.Struct, frozen=True, kw_only=True):
    """The knobs of the accounts module, set by the composition root from settings."""

    public_url: str
    activation_ttl: timedelta = timedelta(hours=48)
    reset_ttl: timedelta = timedelta(hours=1)
    oauth_state_ttl: timedelta = timedelta(minutes=10)
    default_locale: str = "en"

    def link(self, path: str, token: str) -> str:
        from urllib.parse import urlencode

        return f"{self.public_url.rstrip('/')}/{path.lstrip('/')}?{urlencode({'token': token})}"
