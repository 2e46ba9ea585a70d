"""In-memory companies, teams, invitations and recruiter profiles, sharing their rows the way
the tables do (unique company names ignoring case and spacing; a deleted company cascades to
its invitations and followers and frees its members)."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import TYPE_CHECKING

from core.domain.companies.company import Company, CompanyNameTaken, company_name_key
from core.domain.companies.team import (
    AlreadyInvited,
    CompanyFootprint,
    InvitationStatus,
    TeamInvitation,
)
from core.domain.companies.views import (
    ActiveJobRef,
    CompanyBadge,
    CompanyDetail,
    CompanyFilters,
    CompanySummary,
    InvitationView,
    TeamMember,
)
from core.domain.jobs.views import RecruiterRef
from core.domain.pages import Listing, Page
from core.domain.profiles.recruiter import RecruiterProfile
from core.domain.slugs import slugify
from core.ports.clock import Clock
from core.ports.company_repository import CompanyQueries, CompanyRepository
from core.ports.recruiter_profiles import RecruiterProfileRepository
from core.ports.team_invitations import TeamInvitationRepository
from core.ports.user_repository import UserRepository
from tests.fakes.accounts import display_name

if TYPE_CHECKING:
    from tests.fakes.jobs import InMemoryJobs


class InMemoryRecruiterProfiles(RecruiterProfileRepository):
    def __init__(self) -> None:
        self.rows: dict[int, RecruiterProfile] = {}  # by user id
        #: (user id, company id, active) of the jobs they posted: set by InMemoryJobs.
        self.jobs_posted: list[tuple[int, int, bool]] = []
        self.hires: dict[int, int] = {}

    def add(self, user_id: int, company_id: int | None, role: str = "") -> RecruiterProfile:
        profile = RecruiterProfile(
            id=len(self.rows) + 1, user_id=user_id, company_id=company_id, role=role
        )
        self.rows[user_id] = profile
        return copy.copy(profile)

    async def by_user(self, user_id: int) -> RecruiterProfile | None:
        profile = self.rows.get(user_id)
        return copy.copy(profile) if profile else None

    async def update(self, profile: RecruiterProfile) -> None:
        self.rows[profile.user_id] = copy.copy(profile)

    async def member_profile(self, company_id: int, user_id: int) -> RecruiterProfile | None:
        profile = await self.by_user(user_id)
        return profile if profile and profile.company_id == company_id else None

    async def hires_and_active_jobs(self, user_id: int, company_id: int | None) -> tuple[int, int]:
        active = sum(
            1 for u, c, live in self.jobs_posted if u == user_id and c == company_id and live
        )
        return self.hires.get(user_id, 0), active

    def members(self, company_id: int) -> list[int]:
        return [p.user_id for p in self.rows.values() if p.company_id == company_id]


class InMemoryCompanies(CompanyRepository):
    def __init__(self, profiles: InMemoryRecruiterProfiles, clock: Clock) -> None:
        self.rows: dict[int, Company] = {}
        self.keys: dict[int, str] = {}
        #: (company id, user id) -> when they followed.
        self.followers: dict[tuple[int, int], datetime] = {}
        #: company id -> jobs ever posted (kept by InMemoryJobs).
        self.job_counts: dict[int, int] = {}
        self.deleted: list[int] = []
        #: slug a company had before a rename -> the company
        self.former_slugs: dict[str, int] = {}
        self._profiles = profiles
        self._clock = clock
        self._next = 1

    def _check_name(self, name: str, company_id: int | None) -> None:
        key = company_name_key(name)
        if any(k == key and cid != company_id for cid, k in self.keys.items()):
            raise CompanyNameTaken()

    async def get(self, company_id: int) -> Company | None:
        company = self.rows.get(company_id)
        return copy.copy(company) if company else None

    async def update(self, company: Company) -> None:
        stored = self.rows[company.id]
        if company_name_key(company.name) != company_name_key(stored.name):
            self._check_name(company.name, company.id)
            self.keys[company.id] = company_name_key(company.name)
        updated = copy.copy(company)
        updated.slug, updated.admin_id = stored.slug, stored.admin_id  # never rewritten
        self.rows[company.id] = updated

    def _free_slug(self, name: str, mine: int | None) -> str:
        taken = {c.slug for c in self.rows.values() if c.id != mine}
        taken |= {slug for slug, owner in self.former_slugs.items() if owner != mine}
        slug = base = slugify(name) or "company"
        attempt = 1
        while slug in taken:
            attempt += 1
            slug = f"{base}-{attempt}"
        return slug

    async def reslug(self, company_id: int, name: str) -> str:
        company = self.rows[company_id]
        slug = self._free_slug(name, company_id)
        if slug != company.slug:
            self.former_slugs.setdefault(company.slug, company_id)
            self.former_slugs.pop(slug, None)
            company.slug = slug
        return slug

    async def create(self, admin_user_id: int, name: str) -> int:
        self._check_name(name, None)
        company_id = self._next
        self._next += 1
        slug = self._free_slug(name, None)
        self.rows[company_id] = Company(
            id=company_id,
            name=name,
            slug=slug,
            admin_id=admin_user_id,
            updated_at=self._clock.now(),
        )
        self.keys[company_id] = company_name_key(name)
        return company_id

    async def delete(self, company_id: int) -> None:
        self.rows.pop(company_id, None)
        self.keys.pop(company_id, None)
        self.followers = {k: t for k, t in self.followers.items() if k[0] != company_id}
        for profile in self._profiles.rows.values():  # ON DELETE SET NULL
            if profile.company_id == company_id:
                profile.company_id = None
        self.former_slugs = {s: c for s, c in self.former_slugs.items() if c != company_id}
        self.deleted.append(company_id)

    async def footprint(self, company_id: int) -> CompanyFootprint:
        return CompanyFootprint(
            members=len(self._profiles.members(company_id)),
            jobs=self.job_counts.get(company_id, 0),
            followers=sum(1 for c, _ in self.followers if c == company_id),
        )

    async def follow(self, company_id: int, user_id: int) -> bool:
        if (company_id, user_id) in self.followers:
            return False
        self.followers[(company_id, user_id)] = self._clock.now()
        return True

    async def unfollow(self, company_id: int, user_id: int) -> bool:
        if (company_id, user_id) not in self.followers:
            return False
        del self.followers[(company_id, user_id)]
        return True


class InMemoryTeamInvitations(TeamInvitationRepository):
    def __init__(self, companies: InMemoryCompanies, users: UserRepository) -> None:
        self.rows: dict[int, TeamInvitation] = {}
        self._companies = companies
        self._users = users
        self._next = 1

    def _live_rows(self) -> list[TeamInvitation]:
        # Invitations of a deleted company are gone with it (ON DELETE CASCADE).
        return [i for i in self.rows.values() if i.company_id in self._companies.rows]

    async def add(self, invitation: TeamInvitation) -> TeamInvitation:
        for other in self._live_rows():
            if (
                other.company_id == invitation.company_id
                and other.user_id == invitation.user_id
                and other.status is InvitationStatus.PENDING
            ):
                raise AlreadyInvited()
        invitation.id = self._next
        self._next += 1
        self.rows[invitation.id] = copy.copy(invitation)
        return invitation

    async def get(self, invitation_id: int) -> TeamInvitation | None:
        found = next((i for i in self._live_rows() if i.id == invitation_id), None)
        return copy.copy(found) if found else None

    async def update(self, invitation: TeamInvitation) -> None:
        assert invitation.id is not None
        self.rows[invitation.id] = copy.copy(invitation)

    async def pending(self, company_id: int, user_id: int) -> TeamInvitation | None:
        for invitation in self._live_rows():
            if (
                invitation.company_id == company_id
                and invitation.user_id == user_id
                and invitation.status is InvitationStatus.PENDING
            ):
                return copy.copy(invitation)
        return None

    async def _ref(self, user_id: int) -> RecruiterRef:
        user = await self._users.get(user_id)
        assert user is not None
        return RecruiterRef(id=user_id, username=user.username, full_name=display_name(user))

    async def _view(self, invitation: TeamInvitation, now: datetime) -> InvitationView:
        company = self._companies.rows[invitation.company_id]
        assert invitation.id is not None
        return InvitationView(
            id=invitation.id,
            company=CompanyBadge(id=company.id, name=company.name, logo=company.logo),
            user=await self._ref(invitation.user_id),
            invited_by=await self._ref(invitation.invited_by),
            role=invitation.role,
            status=invitation.status_at(now).value,
            created_at=invitation.created_at,
            expires_at=invitation.expires_at,
            responded_at=invitation.responded_at,
        )

    async def view(self, invitation_id: int, now: datetime) -> InvitationView | None:
        invitation = await self.get(invitation_id)
        return None if invitation is None else await self._view(invitation, now)

    async def _open(self, now: datetime, **match: int) -> list[InvitationView]:
        rows = [
            i
            for i in self._live_rows()
            if i.is_open(now) and all(getattr(i, k) == v for k, v in match.items())
        ]
        rows.sort(key=lambda i: (i.created_at, i.id or 0), reverse=True)
        return [await self._view(i, now) for i in rows]

    async def open_for_user(self, user_id: int, now: datetime) -> list[InvitationView]:
        return await self._open(now, user_id=user_id)

    async def open_for_company(self, company_id: int, now: datetime) -> list[InvitationView]:
        return await self._open(now, company_id=company_id)


class InMemoryCompanyQueries(CompanyQueries):
    """Company lists and details read from the fakes above (and the jobs, once given)."""

    def __init__(
        self,
        companies: InMemoryCompanies,
        profiles: InMemoryRecruiterProfiles,
        users: UserRepository,
        jobs: InMemoryJobs | None = None,
    ) -> None:
        self._companies = companies
        self._profiles = profiles
        self._users = users
        self.jobs = jobs

    def _active_jobs(self, company_id: int) -> list[ActiveJobRef]:
        rows = [] if self.jobs is None else list(self.jobs.rows.values())
        live = [j for j in rows if j.company_id == company_id and j.is_active]
        live.sort(key=lambda j: j.created_at, reverse=True)
        return [ActiveJobRef(id=j.id or 0, title=j.title, location=j.location) for j in live]

    async def list(self, filters: CompanyFilters, page: Page) -> Listing[CompanySummary]:
        def wanted(c: Company) -> bool:
            if filters.search and not any(
                filters.search.lower() in text.lower() for text in (c.name, c.description)
            ):
                return False
            if filters.industry and c.industry.lower() != filters.industry.lower():
                return False
            return not (filters.location and filters.location.lower() not in c.location.lower())

        found = sorted(
            (c for c in self._companies.rows.values() if wanted(c)), key=lambda c: (c.name, c.id)
        )
        items = [
            CompanySummary(
                id=c.id,
                name=c.name,
                slug=c.slug,
                logo=c.logo,
                description=c.description,
                industry=c.industry,
                location=c.location,
                website=c.website,
                employee_count=c.employee_count,
                active_jobs_count=len(self._active_jobs(c.id)),
            )
            for c in found[page.offset : page.offset + page.size]
        ]
        return Listing(count=len(found), items=items)

    async def by_slug(self, slug: str) -> int | None:
        for company in self._companies.rows.values():
            if company.slug == slug:
                return company.id
        return self._companies.former_slugs.get(slug)

    async def detail(self, company_id: int) -> CompanyDetail | None:
        company = self._companies.rows.get(company_id)
        if company is None:
            return None
        members = []
        for profile in sorted(self._profiles.rows.values(), key=lambda p: p.id):
            if profile.company_id != company_id:
                continue
            user = await self._users.get(profile.user_id)
            assert user is not None
            members.append(
                TeamMember(
                    id=profile.id,
                    user=RecruiterRef(
                        id=user.require_id(), username=user.username, full_name=display_name(user)
                    ),
                    role=profile.role,
                    is_admin=company.is_admin(profile.user_id),
                )
            )
        return CompanyDetail(
            id=company.id,
            name=company.name,
            slug=company.slug,
            logo=company.logo,
            description=company.description,
            industry=company.industry,
            location=company.location,
            website=company.website,
            employee_count=company.employee_count,
            founded_year=company.founded_year,
            active_jobs=self._active_jobs(company_id),
            team_members=members,
            followers_count=sum(1 for c, _ in self._companies.followers if c == company_id),
        )
