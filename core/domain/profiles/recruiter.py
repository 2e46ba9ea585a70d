from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True, kw_only=True)
class RecruiterProfile:
    id: int
    user_id: int
    company_id: int | None
    hiring_needs: str = ""
    #: The recruiter's role in the company's team, e.g. "HR Manager".
    role: str = ""
