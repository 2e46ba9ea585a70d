from __future__ import annotations

import msgspec

from core.domain.accounts.roles import require_type
from core.domain.accounts.user import User, UserType
from core.domain.errors import NotFound
from core.domain.profiles.recruiter import RecruiterProfile
from core.domain.profiles.views import CompanyBrief, RecruiterProfileView, UserRef
from core.ports.company_repository import CompanyRepository
from core.ports.recruiter_profiles import RecruiterProfileRepository


class GetRecruiterProfileCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User


async def own_recruiter_profile(
    actor: User, recruiters: RecruiterProfileRepository
) -> RecruiterProfile:
    require_type(actor, UserType.RECRUITER)
    profile = await recruiters.by_user(actor.require_id())
    if profile is None:
        raise NotFound("Recruiter profile not found.")
    return profile


async def recruiter_view(
    actor: User,
    profile: RecruiterProfile,
    recruiters: RecruiterProfileRepository,
    companies: CompanyRepository,
) -> RecruiterProfileView:
    company = await companies.get(profile.company_id) if profile.company_id else None
    hires, active = await recruiters.hires_and_active_jobs(actor.require_id(), profile.company_id)
    return RecruiterProfileView(
        id=profile.id,
        user=UserRef(id=actor.require_id(), username=actor.username, email=actor.email),
        company=CompanyBrief(id=company.id, name=company.name, logo=company.logo)
        if company
        else None,
        hiring_needs=profile.hiring_needs,
        role=profile.role,
        bio=actor.bio,
        total_hires=hires,
        active_jobs=active,
    )


class GetRecruiterProfile:
    def __init__(
        self, recruiters: RecruiterProfileRepository, companies: CompanyRepository
    ) -> None:
        self._recruiters = recruiters
        self._companies = companies

    async def __call__(self, cmd: GetRecruiterProfileCommand) -> RecruiterProfileView:
        profile = await own_recruiter_profile(cmd.actor, self._recruiters)
        return await recruiter_view(cmd.actor, profile, self._recruiters, self._companies)
