"""Shared by the candidate-profile use cases: find the caller's profile, build its view."""

from __future__ import annotations

from datetime import date
from typing import Any

from core.domain.accounts.roles import require_type
from core.domain.accounts.user import User, UserType
from core.domain.errors import NotFound
from core.domain.matching.policy import DEFAULT_ALERT_THRESHOLD
from core.domain.profiles.candidate import CandidateProfile, WorkExperience, derived_years
from core.domain.profiles.views import CandidateProfileView, UserRef
from core.ports.candidate_profiles import CandidateProfileRepository, ProfileEntryRepository


async def own_profile(actor: User, profiles: CandidateProfileRepository) -> CandidateProfile:
    require_type(actor, UserType.CANDIDATE)
    profile = await profiles.by_user(actor.require_id())
    if profile is None:  # every candidate gets one at registration
        raise NotFound("Candidate profile not found.")
    return profile


def years_from(entries: list[dict[str, Any]], profile_id: int, today: date) -> float:
    return derived_years(
        [
            WorkExperience(
                profile_id=profile_id,
                company=e["company"],
                position=e["position"],
                start_date=e["start_date"],
                end_date=e.get("end_date"),
            )
            for e in entries
        ],
        today,
    )


async def profile_view(
    actor: User,
    profile: CandidateProfile,
    entries: ProfileEntryRepository,
    today: date,
    cv_key: str | None,
) -> CandidateProfileView:
    work = await entries.list("work_experience", profile.id)
    derived = profile.years_of_experience is None
    return CandidateProfileView(
        id=profile.id,
        user=UserRef(id=actor.require_id(), username=actor.username, email=actor.email),
        headline=profile.headline,
        bio=actor.bio,
        work_experiences=work,
        educations=await entries.list("education", profile.id),
        projects=await entries.list("project", profile.id),
        skills=profile.skills,
        years_of_experience=(
            years_from(work, profile.id, today)
            if profile.years_of_experience is None
            else profile.years_of_experience
        ),
        years_of_experience_is_derived=derived,
        expected_salary_min=profile.expected_salary_min,
        expected_salary_max=profile.expected_salary_max,
        salary_currency=profile.salary_currency,
        preferred_contract_types=profile.preferred_contract_types,
        preferred_locations=profile.preferred_locations,
        remote_preference=profile.remote_preference,
        industries=profile.industries,
        cv_file=cv_key,
        reputation_score=profile.reputation_score,
        alert_threshold=(
            DEFAULT_ALERT_THRESHOLD if profile.alert_threshold is None else profile.alert_threshold
        ),
    )
