from __future__ import annotations

from dataclasses import dataclass

import msgspec


@dataclass(slots=True, kw_only=True)
class RecruiterProfile:
    id: int
    user_id: int
    company_id: int | None
    hiring_needs: str = ""
    #: The recruiter's role in the company's team, e.g. "HR Manager".
    role: str = ""


class RecruiterProfileChanges(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True
):
    hiring_needs: str | msgspec.UnsetType = msgspec.UNSET
    #: Lives on the user; shown on the recruiter profile.
    bio: str | msgspec.UnsetType = msgspec.UNSET
    #: The recruiter's role in the company's team, e.g. "HR Manager".
    role: str | msgspec.UnsetType = msgspec.UNSET
