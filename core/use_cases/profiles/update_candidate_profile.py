from __future__ import annotations

from typing import Any

import msgspec

from core.domain.accounts.user import User
from core.domain.errors import ValidationFailed
from core.domain.money import currency_problem
from core.domain.numbers import MAX_SALARY
from core.domain.patches import sent
from core.domain.profiles.candidate import (
    BIO_MAX_LENGTH,
    HEADLINE_MAX_LENGTH,
    MAX_PREFERENCES,
    MAX_SCORE,
    MAX_YEARS,
    CandidateProfileChanges,
    ContractType,
    RemotePreference,
)
from core.domain.profiles.events import CandidateProfileChanged
from core.domain.profiles.skills import dedupe_skills, skill_problems
from core.domain.profiles.views import CandidateProfileView
from core.ports.candidate_profiles import CandidateProfileRepository, ProfileEntryRepository
from core.ports.clock import Clock
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager
from core.ports.user_repository import UserRepository
from core.use_cases.profiles._candidate import own_profile, profile_view

LIST_FIELDS = ("preferred_contract_types", "preferred_locations", "industries")


class UpdateCandidateProfileCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    changes: CandidateProfileChanges


def _problems(changes: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if "skills" in changes and (problems := skill_problems(changes["skills"])):
        errors["skills"] = problems
    for name, limit in (("headline", HEADLINE_MAX_LENGTH), ("bio", BIO_MAX_LENGTH)):
        if len(changes.get(name) or "") > limit:
            errors[name] = [f"Ensure this field has no more than {limit} characters."]
    years = changes.get("years_of_experience")
    if years is not None and not (0 <= years <= MAX_YEARS):
        errors["years_of_experience"] = [f"Enter a number of years between 0 and {MAX_YEARS}."]
    low, high = changes.get("expected_salary_min"), changes.get("expected_salary_max")
    for name, value in (("expected_salary_min", low), ("expected_salary_max", high)):
        if value is not None and value < 0:
            errors[name] = ["Salary cannot be negative."]
        elif value is not None and value > MAX_SALARY:
            errors[name] = [f"Ensure this value is at most {MAX_SALARY}."]
    if low is not None and high is not None and low > high:
        errors.setdefault("expected_salary_min", []).append(
            "The minimum cannot exceed the maximum."
        )
    threshold = changes.get("alert_threshold")
    if threshold is not None and not (0 <= threshold <= MAX_SCORE):
        errors["alert_threshold"] = [f"Enter a score between 0 and {MAX_SCORE}."]
    currency = changes.get("salary_currency")
    if currency is not None and (problem := currency_problem(currency)):
        errors["salary_currency"] = [problem]
    contracts = {c.value for c in ContractType}
    if bad := [c for c in changes.get("preferred_contract_types") or [] if c not in contracts]:
        errors["preferred_contract_types"] = [
            f"Unknown contract types {bad}; choose from {sorted(contracts)}."
        ]
    remote = changes.get("remote_preference")
    if remote is not None and remote not in {r.value for r in RemotePreference}:
        errors["remote_preference"] = [f"Choose one of {[r.value for r in RemotePreference]}."]
    for name in LIST_FIELDS:
        if len(changes.get(name) or []) > MAX_PREFERENCES:
            errors[name] = [f"Ensure there are no more than {MAX_PREFERENCES} items."]
    return errors


class UpdateCandidateProfile:
    """Change what the candidate says about themselves. ``bio`` lives on the user; the rest on
    the profile. The matching issue listens to this change."""

    def __init__(
        self,
        tx: TransactionManager,
        tasks: TaskQueue,
        profiles: CandidateProfileRepository,
        entries: ProfileEntryRepository,
        users: UserRepository,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._tasks = tasks
        self._profiles = profiles
        self._entries = entries
        self._users = users
        self._clock = clock

    async def __call__(self, cmd: UpdateCandidateProfileCommand) -> CandidateProfileView:
        profile = await own_profile(cmd.actor, self._profiles)
        changes = sent(cmd.changes)
        if errors := _problems(changes):
            raise ValidationFailed(errors)
        now = self._clock.now()
        actor = cmd.actor
        if "bio" in changes:
            actor.bio = (changes.pop("bio") or "").strip()
            actor.updated_at = now
            await self._users.update(actor)
        if "skills" in changes:
            changes["skills"] = dedupe_skills(changes["skills"])
        for name in LIST_FIELDS:
            if name in changes:
                changes[name] = dedupe_skills(changes[name] or [])
        if "salary_currency" in changes:
            changes["salary_currency"] = changes["salary_currency"].upper()
        for name, value in changes.items():
            setattr(profile, name, value.strip() if isinstance(value, str) else value)
        profile.updated_at = now
        await self._profiles.update(profile)
        await self._tasks.enqueue(CandidateProfileChanged(candidate_id=cmd.actor.require_id()))
        await self._tx.commit()
        return await profile_view(
            actor, profile, self._entries, now.date(), profile.cv_file or None
        )
