from __future__ import annotations

from core.domain.accounts.user import User, UserType
from core.domain.errors import PermissionDenied


def require_type(user: User, *allowed: UserType) -> None:
    if user.user_type not in allowed:
        names = " or ".join(f"{t.value}s" for t in allowed)
        raise PermissionDenied(f"Only {names} can do this.")
