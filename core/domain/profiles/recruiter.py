from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import msgspec

from core.domain.schema import documented

UNSET = msgspec.UNSET
Unset = msgspec.UnsetType


@dataclass(slots=True, kw_only=True)
class RecruiterProfile:
    id: int
    user_id: int
    company_id: int | None
    hiring_needs: str = ""
    #: The recruiter's role in the company's team, e.g. "HR Manager".
    role: str = ""


#: The recruiter profile's texts (``bio`` lives on the user).
LIMITS = {"hiring_needs": 5000, "role": 100, "bio": 5000}


class RecruiterProfileChanges(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True
):
    hiring_needs: Annotated[str, documented(maxLength=LIMITS["hiring_needs"])] | Unset = UNSET
    #: Lives on the user; shown on the recruiter profile.
    bio: Annotated[str, documented(maxLength=LIMITS["bio"])] | Unset = UNSET
    #: The recruiter's role in the company's team, e.g. "HR Manager".
    role: Annotated[str, documented(maxLength=LIMITS["role"])] | Unset = UNSET
