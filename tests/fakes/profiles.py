"""Candidate profiles (one per candidate, made at sign-up), their dated entries, and CVs.
Recruiter profiles live with the companies (``tests.fakes.companies``): they are the teams."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from core.domain.profiles.candidate import CandidateProfile
from core.domain.profiles.entries import FIELDS, EntryKind
from core.ports.candidate_profiles import CandidateProfileRepository, ProfileEntryRepository
from core.ports.clock import Clock
from core.ports.cv_renderer import CvDocument, CvRenderer

if TYPE_CHECKING:
    from tests.fakes.applications import InMemoryApplications
    from tests.fakes.jobs import InMemoryJobs

#: Column defaults of the entry tables for the fields a client did not give.
_DEFAULTS: dict[str, Any] = {
    "start_date": None,
    "end_date": None,
    "gpa": None,
    "technologies": [],
}
_ORDER = {"work_experience": "start_date", "education": "start_date", "project": "id"}


class InMemoryCandidateProfiles(CandidateProfileRepository):
    def __init__(self, clock: Clock) -> None:
        self.rows: dict[int, CandidateProfile] = {}  # by user id
        #: Set by the world once they exist (``applied_to_company`` reads them).
        self.applications: InMemoryApplications | None = None
        self.jobs: InMemoryJobs | None = None
        self._clock = clock

    def add(self, user_id: int, **fields: Any) -> CandidateProfile:
        assert user_id not in self.rows, "one profile per candidate (a unique user_id)"
        profile = CandidateProfile(
            id=len(self.rows) + 1, user_id=user_id, updated_at=self._clock.now(), **fields
        )
        self.rows[user_id] = profile
        return copy.deepcopy(profile)

    async def by_user(self, user_id: int) -> CandidateProfile | None:
        profile = self.rows.get(user_id)
        return copy.deepcopy(profile) if profile else None

    async def update(self, profile: CandidateProfile) -> None:
        assert self.rows[profile.user_id].id == profile.id
        self.rows[profile.user_id] = copy.deepcopy(profile)

    async def applied_to_company(self, candidate_user_id: int, company_id: int) -> bool:
        assert self.applications is not None and self.jobs is not None
        jobs = self.jobs.rows
        return any(
            a.candidate_id == candidate_user_id and jobs[a.job_id].company_id == company_id
            for a in self.applications.rows.values()
        )


class InMemoryProfileEntries(ProfileEntryRepository):
    def __init__(self) -> None:
        #: (kind, entry id) -> (profile id, values with their id).
        self.rows: dict[tuple[str, int], tuple[int, dict[str, Any]]] = {}
        self._next = 1

    async def add(self, kind: EntryKind, profile_id: int, values: dict[str, Any]) -> int:
        assert set(values) <= set(FIELDS[kind]), "no such column"
        entry_id = self._next
        self._next += 1
        row = {f: copy.deepcopy(values.get(f, _DEFAULTS.get(f, ""))) for f in FIELDS[kind]}
        self.rows[(kind, entry_id)] = (profile_id, {"id": entry_id, **row})
        return entry_id

    async def get(self, kind: EntryKind, entry_id: int) -> tuple[int, dict[str, Any]] | None:
        found = self.rows.get((kind, entry_id))
        return copy.deepcopy(found) if found else None

    async def update(self, kind: EntryKind, entry_id: int, values: dict[str, Any]) -> None:
        assert set(values) <= set(FIELDS[kind]), "no such column"
        if (kind, entry_id) in self.rows:
            self.rows[(kind, entry_id)][1].update(copy.deepcopy(values))

    async def delete(self, kind: EntryKind, entry_id: int) -> None:
        self.rows.pop((kind, entry_id), None)

    async def list(self, kind: EntryKind, profile_id: int) -> list[dict[str, Any]]:
        found = [v for (k, _), (p, v) in self.rows.items() if k == kind and p == profile_id]
        if _ORDER[kind] == "id":
            found.sort(key=lambda v: v["id"], reverse=True)
        else:  # ORDER BY start_date DESC, id (a start date is required for these kinds)
            found.sort(key=lambda v: v["id"])
            found.sort(key=lambda v: v["start_date"], reverse=True)
        return copy.deepcopy(found)


class FakeCvRenderer(CvRenderer):
    """Not a PDF reader's idea of a PDF, but bytes that start like one and name the person."""

    def __init__(self) -> None:
        self.rendered: list[CvDocument] = []

    def render(self, cv: CvDocument) -> bytes:
        self.rendered.append(cv)
        return b"%PDF-1.4 fake CV of " + cv.full_name.encode()
