"""Candidate and recruiter profiles: a candidate changes their own profile and entries (each
change announced to matching once committed), CVs are uploaded, generated and read by whom the
rules allow; a recruiter changes their profile. Someone else's entry is a 404, another role a
403, and a refused call commits nothing."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from typing import Any

import pytest

from core.domain.accounts.user import User, UserType
from core.domain.errors import NotFound, PermissionDenied
from core.domain.errors import ValidationFailed as Invalid
from core.domain.profiles.candidate import CandidateProfileChanges
from core.domain.profiles.entries import (
    EducationChanges,
    EducationDetails,
    ProjectChanges,
    ProjectDetails,
    WorkExperienceChanges,
    WorkExperienceDetails,
)
from core.domain.profiles.events import CandidateProfileChanged
from core.domain.profiles.recruiter import RecruiterProfileChanges
from core.domain.profiles.views import (
    CandidateProfileView,
    CompanyBrief,
    RecruiterProfileView,
    UserRef,
)
from core.ports.cv_renderer import CvDocument
from core.ports.file_storage import StoredFile
from core.use_cases.applications.apply_to_job import ApplyToJobCommand
from core.use_cases.profiles.add_profile_entry import AddProfileEntry, AddProfileEntryCommand
from core.use_cases.profiles.delete_profile_entry import (
    DeleteProfileEntry,
    DeleteProfileEntryCommand,
)
from core.use_cases.profiles.generate_cv import GenerateCv, GenerateCvCommand
from core.use_cases.profiles.get_candidate_profile import (
    GetCandidateProfile,
    GetCandidateProfileCommand,
)
from core.use_cases.profiles.get_recruiter_profile import (
    GetRecruiterProfile,
    GetRecruiterProfileCommand,
)
from core.use_cases.profiles.list_profile_entries import (
    ListProfileEntries,
    ListProfileEntriesCommand,
)
from core.use_cases.profiles.read_cv import ReadCv, ReadCvCommand
from core.use_cases.profiles.update_candidate_profile import (
    UpdateCandidateProfile,
    UpdateCandidateProfileCommand,
)
from core.use_cases.profiles.update_profile_entry import (
    UpdateProfileEntry,
    UpdateProfileEntryCommand,
)
from core.use_cases.profiles.update_recruiter_profile import (
    UpdateRecruiterProfile,
    UpdateRecruiterProfileCommand,
)
from core.use_cases.profiles.upload_cv import UploadCv, UploadCvCommand
from tests.fakes.platform import InMemoryFileStorage
from tests.fakes.profiles import FakeCvRenderer
from tests.unit.hiring import Cast, Hiring

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


class Profiles:
    """The profile use cases on the world's stores."""

    def __init__(self, h: Hiring) -> None:
        self.h = h
        self.storage = InMemoryFileStorage()
        self.renderer = FakeCvRenderer()
        tx, tasks, clock = h.tx, h.tasks, h.clock
        self.get = GetCandidateProfile(h.candidates, h.entries, clock)
        self.update = UpdateCandidateProfile(tx, tasks, h.candidates, h.entries, h.users, clock)
        self.add = AddProfileEntry(tx, tasks, h.candidates, h.entries, clock)
        self.change = UpdateProfileEntry(tx, tasks, h.candidates, h.entries, clock)
        self.delete = DeleteProfileEntry(tx, tasks, h.candidates, h.entries, clock)
        self.list = ListProfileEntries(h.candidates, h.entries)
        self.upload = UploadCv(tx, h.candidates, self.storage, clock)
        self.generate = GenerateCv(tx, h.candidates, h.entries, self.renderer, self.storage, clock)
        self.read = ReadCv(h.candidates, h.profiles, self.storage)
        self.recruiter = GetRecruiterProfile(h.profiles, h.companies)
        self.update_recruiter = UpdateRecruiterProfile(tx, h.profiles, h.companies, h.users, clock)

    async def patch(self, actor: User, **changes: Any) -> Any:
        return await self.update(
            UpdateCandidateProfileCommand(actor=actor, changes=CandidateProfileChanges(**changes))
        )

    async def work(self, actor: User, **fields: Any) -> dict[str, Any]:
        values: dict[str, Any] = {
            "company": "Acme",
            "position": "Developer",
            "start_date": date(2020, 1, 1),
        }
        values.update(fields)
        return await self.add(
            AddProfileEntryCommand(actor=actor, entry=WorkExperienceDetails(**values))
        )

    def announced(self) -> list[int]:
        return [m.candidate_id for m in self.h.tasks.of(CandidateProfileChanged)]


async def content(stored: StoredFile) -> bytes:
    """The bytes of a CV as the use case hands them out (streamed in chunks)."""
    return b"".join([chunk async for chunk in stored.chunks])


@pytest.fixture
def p(h: Hiring) -> Profiles:
    return Profiles(h)


# --- the candidate's profile ---------------------------------------------------------------


async def test_a_candidate_sees_their_profile(p: Profiles, cast: Cast) -> None:
    view = await p.get(GetCandidateProfileCommand(actor=cast.john))
    assert view.user.username == "john" and view.user.email == "john@example.com"
    assert view.skills == ["Python", "Django", "PostgreSQL"]
    assert view.years_of_experience == 4.0 and not view.years_of_experience_is_derived
    assert view.headline == "Backend developer"
    assert view.alert_threshold == 70.0  # the platform's default
    assert view.cv_file is None
    assert (view.work_experiences, view.educations, view.projects) == ([], [], [])


@pytest.mark.parametrize("who", ["bob", "jane", "root"])
async def test_only_candidates_have_a_candidate_profile(p: Profiles, cast: Cast, who: str) -> None:
    with pytest.raises(PermissionDenied, match="Only candidates"):
        await p.get(GetCandidateProfileCommand(actor=getattr(cast, who)))
    with p.h.refused(PermissionDenied):
        await p.patch(getattr(cast, who), headline="Boss")


async def test_a_candidate_without_a_profile_is_told_so(p: Profiles, h: Hiring) -> None:
    orphan = await h.user("orphan", UserType.CANDIDATE)
    with pytest.raises(NotFound, match="Candidate profile not found"):
        await p.get(GetCandidateProfileCommand(actor=orphan))


async def test_a_candidate_changes_their_profile_and_matching_hears_of_it(
    p: Profiles, cast: Cast
) -> None:
    commits = p.h.tx.commits
    p.h.clock.advance(hours=1)
    view = await p.patch(
        cast.john,
        headline="  Senior backend developer  ",
        bio="  I like APIs  ",
        skills=["Go", "go ", "Rust"],
        preferred_locations=["Lyon", "lyon", "Paris"],
        industries=["FinTech"],
        preferred_contract_types=["contract", "full_time"],
        salary_currency="usd",
        expected_salary_min=50_000,
        expected_salary_max=70_000,
        remote_preference="remote",
        years_of_experience=None,
        alert_threshold=85,
    )
    assert p.h.tx.commits == commits + 1
    assert p.announced()[-1] == cast.john.require_id()
    assert view.headline == "Senior backend developer"
    assert view.bio == "I like APIs"
    assert view.skills == ["Go", "Rust"]
    assert view.preferred_locations == ["Lyon", "Paris"]
    assert view.salary_currency == "USD"
    assert view.alert_threshold == 85
    assert view.years_of_experience_is_derived and view.years_of_experience == 0.0
    stored = p.h.profile_of(cast.john)
    assert stored.updated_at == p.h.clock.now()
    assert p.h.users.rows[cast.john.require_id()].bio == "I like APIs"
    # Only what was sent changes.
    again = await p.patch(cast.john, headline="Backend")
    assert (again.skills, again.bio, again.salary_currency) == (
        ["Go", "Rust"],
        "I like APIs",
        "USD",
    )


async def test_null_alert_threshold_restores_the_default(p: Profiles, cast: Cast) -> None:
    await p.patch(cast.john, alert_threshold=90)
    assert (await p.patch(cast.john, alert_threshold=None)).alert_threshold == 70.0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"headline": "h" * 201}, "headline"),
        ({"bio": "b" * 5001}, "bio"),
        ({"skills": ["s"] * 101}, "skills"),
        ({"skills": ["s" * 61]}, "skills"),
        ({"years_of_experience": -0.5}, "years_of_experience"),
        ({"years_of_experience": 70.5}, "years_of_experience"),
        ({"expected_salary_min": -1}, "expected_salary_min"),
        ({"expected_salary_max": 100_000_001}, "expected_salary_max"),
        ({"expected_salary_min": 2, "expected_salary_max": 1}, "expected_salary_min"),
        ({"alert_threshold": -1}, "alert_threshold"),
        ({"alert_threshold": 100.5}, "alert_threshold"),
        ({"salary_currency": "EURO"}, "salary_currency"),
        ({"salary_currency": "ÉUR"}, "salary_currency"),
        ({"preferred_contract_types": ["gig"]}, "preferred_contract_types"),
        ({"remote_preference": "mars"}, "remote_preference"),
        ({"preferred_locations": ["x"] * 51}, "preferred_locations"),
        ({"industries": ["x"] * 51}, "industries"),
        ({"preferred_contract_types": ["full_time"] * 51}, "preferred_contract_types"),
    ],
)
async def test_a_profile_change_breaking_a_rule_is_refused(
    p: Profiles, cast: Cast, changes: dict[str, Any], field: str
) -> None:
    before = dataclasses.asdict(p.h.profile_of(cast.john))
    with p.h.refused(Invalid) as refused:
        await p.patch(cast.john, **changes)
    assert list(refused.value.errors) == [field]
    assert dataclasses.asdict(p.h.profile_of(cast.john)) == before


@pytest.mark.parametrize(
    "changes",
    [
        {"headline": "h" * 200},
        {"bio": "b" * 5000},
        {"skills": ["s" * 60] * 1 + [f"s{i}" for i in range(99)]},
        {"years_of_experience": 0},
        {"years_of_experience": 70},
        {"expected_salary_min": 0, "expected_salary_max": 0},
        {"expected_salary_min": 100_000_000},
        {"alert_threshold": 0},
        {"alert_threshold": 100},
        {"preferred_locations": [f"City {i}" for i in range(50)]},
        {"industries": [f"Industry {i}" for i in range(50)]},
        {"remote_preference": "onsite"},
        {"remote_preference": "hybrid"},
        {"remote_preference": "any"},
    ],
)
async def test_a_profile_change_at_the_limits_is_kept(
    p: Profiles, cast: Cast, changes: dict[str, Any]
) -> None:
    view = await p.patch(cast.john, **changes)
    for name, value in changes.items():
        if name != "bio":
            assert getattr(view, name) == value, name


# --- dated entries -------------------------------------------------------------------------


async def test_a_candidate_adds_changes_and_removes_entries(p: Profiles, cast: Cast) -> None:
    p.h.clock.advance(days=1)
    added = await p.work(cast.john, description="  Built APIs  ", end_date=date(2022, 1, 1))
    assert added["description"] == "Built APIs" and added["company"] == "Acme"
    assert p.announced()[-1] == cast.john.require_id()
    assert p.h.profile_of(cast.john).updated_at == p.h.clock.now()
    entry_id = added["id"]
    p.h.clock.advance(days=1)
    changed = await p.change(
        UpdateProfileEntryCommand(
            actor=cast.john,
            entry_id=entry_id,
            changes=WorkExperienceChanges(position="  Lead developer "),
        )
    )
    assert changed["position"] == "Lead developer" and changed["company"] == "Acme"
    assert p.h.profile_of(cast.john).updated_at == p.h.clock.now()
    listed = await p.list(ListProfileEntriesCommand(actor=cast.john, kind="work_experience"))
    assert [e["id"] for e in listed] == [entry_id]
    announced = len(p.announced())
    p.h.clock.advance(days=1)
    await p.delete(
        DeleteProfileEntryCommand(actor=cast.john, kind="work_experience", entry_id=entry_id)
    )
    assert len(p.announced()) == announced + 1
    assert p.h.profile_of(cast.john).updated_at == p.h.clock.now()
    assert await p.list(ListProfileEntriesCommand(actor=cast.john, kind="work_experience")) == []


async def test_years_are_derived_from_work_entries_when_not_given(p: Profiles, cast: Cast) -> None:
    await p.patch(cast.john, years_of_experience=None)
    today = p.h.clock.now().date()
    await p.work(cast.john, start_date=today - timedelta(days=round(2 * 365.25)), end_date=None)
    view = await p.get(GetCandidateProfileCommand(actor=cast.john))
    assert view.years_of_experience == 2.0 and view.years_of_experience_is_derived
    assert [e["position"] for e in view.work_experiences] == ["Developer"]


async def test_education_and_projects(p: Profiles, cast: Cast) -> None:
    school = await p.add(
        AddProfileEntryCommand(
            actor=cast.john,
            entry=EducationDetails(institution="EPITA", start_date=date(2015, 9, 1), gpa=3.5),
        )
    )
    project = await p.add(
        AddProfileEntryCommand(
            actor=cast.john,
            entry=ProjectDetails(name="Hireflow", technologies=["Python", "python", " SQL "]),
        )
    )
    assert project["technologies"] == ["Python", "SQL"]
    await p.change(
        UpdateProfileEntryCommand(
            actor=cast.john, entry_id=school["id"], changes=EducationChanges(degree="MSc")
        )
    )
    await p.change(
        UpdateProfileEntryCommand(
            actor=cast.john, entry_id=project["id"], changes=ProjectChanges(url="https://x.io")
        )
    )
    view = await p.get(GetCandidateProfileCommand(actor=cast.john))
    assert [e["degree"] for e in view.educations] == ["MSc"]
    assert [e["url"] for e in view.projects] == ["https://x.io"]


async def test_an_entry_breaking_a_rule_is_refused(p: Profiles, cast: Cast) -> None:
    with p.h.refused(Invalid) as refused:
        await p.work(cast.john, start_date=p.h.clock.now().date() + timedelta(days=1))
    assert list(refused.value.errors) == ["start_date"]
    added = await p.work(cast.john)
    with p.h.refused(Invalid) as refused:
        await p.change(
            UpdateProfileEntryCommand(
                actor=cast.john,
                entry_id=added["id"],
                changes=WorkExperienceChanges(end_date=date(2019, 1, 1)),
            )
        )
    assert list(refused.value.errors) == ["end_date"]
    assert p.h.entries.rows[("work_experience", added["id"])][1]["end_date"] is None


async def test_someone_elses_entry_does_not_exist(p: Profiles, h: Hiring, cast: Cast) -> None:
    added = await p.work(cast.john)
    with h.refused(NotFound, match="Work experience not found"):
        await p.change(
            UpdateProfileEntryCommand(
                actor=cast.max, entry_id=added["id"], changes=WorkExperienceChanges(company="X")
            )
        )
    with h.refused(NotFound):
        await p.delete(
            DeleteProfileEntryCommand(actor=cast.max, kind="work_experience", entry_id=added["id"])
        )
    with h.refused(NotFound, match="Education not found"):
        await p.change(
            UpdateProfileEntryCommand(
                actor=cast.john, entry_id=added["id"], changes=EducationChanges(degree="X")
            )
        )
    with h.refused(NotFound, match="Project not found"):
        await p.delete(DeleteProfileEntryCommand(actor=cast.john, kind="project", entry_id=999))
    assert h.entries.rows[("work_experience", added["id"])][1]["company"] == "Acme"


# --- CVs -----------------------------------------------------------------------------------


async def test_a_candidate_uploads_a_pdf_cv_and_a_new_one_replaces_it(
    p: Profiles, cast: Cast
) -> None:
    first = await p.upload(UploadCvCommand(actor=cast.john, data=PDF))
    assert first.startswith(f"cvs/{cast.john.require_id()}/") and first.endswith(".pdf")
    assert p.storage.files[first] == (PDF, "application/pdf")
    assert p.h.profile_of(cast.john).cv_file == first
    second = await p.upload(UploadCvCommand(actor=cast.john, data=PDF + b"\n"))
    assert second != first
    assert list(p.storage.files) == [second]  # the old file is gone
    view = await p.get(GetCandidateProfileCommand(actor=cast.john))
    assert view.cv_file == second


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"GIF89a" + b"x" * 2000, "Only PDF files are accepted"),
        (b"%PDF-1.4 no end", "truncated or damaged"),
    ],
)
async def test_only_whole_pdfs_are_accepted(
    p: Profiles, cast: Cast, data: bytes, message: str
) -> None:
    with p.h.refused(Invalid, match=message) as refused:
        await p.upload(UploadCvCommand(actor=cast.john, data=data))
    assert list(refused.value.errors) == ["cv_file"]
    assert p.storage.files == {} and p.h.profile_of(cast.john).cv_file == ""


async def test_a_generated_cv_is_the_profile_as_a_pdf(p: Profiles, cast: Cast) -> None:
    await p.work(cast.john, position="Backend developer")
    old = await p.upload(UploadCvCommand(actor=cast.john, data=PDF))
    key = await p.generate(GenerateCvCommand(actor=cast.john))
    [document] = p.renderer.rendered
    assert document.full_name == "John"
    assert document.email == "john@example.com"
    assert document.skills == ["Python", "Django", "PostgreSQL"]
    assert document.years_of_experience == 4.0
    assert [w["position"] for w in document.work_experiences] == ["Backend developer"]
    assert p.storage.files[key][0].startswith(b"%PDF-")
    assert old not in p.storage.files
    assert p.h.profile_of(cast.john).cv_file == key


async def test_a_generated_cv_derives_years_and_falls_back_to_the_username(
    p: Profiles, h: Hiring
) -> None:
    nameless = await h.candidate("nameless")
    h.users.rows[nameless.require_id()].first_name = ""
    nameless.first_name = ""
    await p.generate(GenerateCvCommand(actor=nameless))
    [document] = p.renderer.rendered
    assert document.full_name == "nameless"
    assert document.years_of_experience == 0.0


async def test_who_may_read_a_cv(p: Profiles, h: Hiring, cast: Cast) -> None:
    await p.upload(UploadCvCommand(actor=cast.john, data=PDF))
    john = cast.john.require_id()
    assert (
        await content(await p.read(ReadCvCommand(actor=cast.john, candidate_user_id=john))) == PDF
    )
    assert (
        await content(await p.read(ReadCvCommand(actor=cast.root, candidate_user_id=john))) == PDF
    )
    for stranger in (cast.bob, cast.jane, cast.carl, cast.eve, cast.max):
        with pytest.raises(PermissionDenied, match="only see the CVs of candidates who applied"):
            await p.read(ReadCvCommand(actor=stranger, candidate_user_id=john))
    await h.apply(ApplyToJobCommand(actor=cast.john, job_id=cast.job_id))
    for manager in (cast.bob, cast.jane):  # Company One's team
        assert (
            await content(await p.read(ReadCvCommand(actor=manager, candidate_user_id=john))) == PDF
        )
    for stranger in (cast.carl, cast.eve, cast.max):
        with pytest.raises(PermissionDenied):
            await p.read(ReadCvCommand(actor=stranger, candidate_user_id=john))


async def test_no_cv_is_a_404(p: Profiles, cast: Cast) -> None:
    with pytest.raises(NotFound, match="no CV"):
        await p.read(ReadCvCommand(actor=cast.john, candidate_user_id=cast.john.require_id()))
    with pytest.raises(NotFound, match="no CV"):
        await p.read(ReadCvCommand(actor=cast.root, candidate_user_id=4242))


# --- the recruiter's profile -------------------------------------------------------------


async def test_a_recruiter_sees_and_changes_their_profile(p: Profiles, cast: Cast) -> None:
    view = await p.recruiter(GetRecruiterProfileCommand(actor=cast.bob))
    assert view.company is not None and view.company.id == cast.one
    assert view.role == "Tech lead"
    assert (view.total_hires, view.active_jobs) == (0, 1)
    commits = p.h.tx.commits
    p.h.clock.advance(minutes=5)
    changed = await p.update_recruiter(
        UpdateRecruiterProfileCommand(
            actor=cast.bob,
            changes=RecruiterProfileChanges(
                hiring_needs="  Two backend developers ", role=" CTO ", bio=" Hiring! "
            ),
        )
    )
    assert p.h.tx.commits == commits + 1
    assert (changed.hiring_needs, changed.role, changed.bio) == (
        "Two backend developers",
        "CTO",
        "Hiring!",
    )
    user = p.h.users.rows[cast.bob.require_id()]
    assert user.bio == "Hiring!" and user.updated_at == p.h.clock.now()
    eve = await p.recruiter(GetRecruiterProfileCommand(actor=cast.eve))
    assert eve.company is None and eve.active_jobs == 0


@pytest.mark.parametrize(("field", "limit"), [("hiring_needs", 5000), ("role", 100), ("bio", 5000)])
async def test_recruiter_profile_texts_at_their_limits(
    p: Profiles, cast: Cast, field: str, limit: int
) -> None:
    for length in (limit - 1, limit):
        await p.update_recruiter(
            UpdateRecruiterProfileCommand(
                actor=cast.bob, changes=RecruiterProfileChanges(**{field: "x" * length})
            )
        )
    with p.h.refused(Invalid) as refused:
        await p.update_recruiter(
            UpdateRecruiterProfileCommand(
                actor=cast.bob, changes=RecruiterProfileChanges(**{field: "x" * (limit + 1)})
            )
        )
    assert refused.value.errors == {
        field: [f"Ensure this field has no more than {limit} characters."]
    }


@pytest.mark.parametrize("who", ["john", "root"])
async def test_only_recruiters_have_a_recruiter_profile(p: Profiles, cast: Cast, who: str) -> None:
    with pytest.raises(PermissionDenied, match="Only recruiters"):
        await p.recruiter(GetRecruiterProfileCommand(actor=getattr(cast, who)))
    with p.h.refused(PermissionDenied):
        await p.update_recruiter(
            UpdateRecruiterProfileCommand(
                actor=getattr(cast, who), changes=RecruiterProfileChanges(role="Boss")
            )
        )


# --- what the views and documents hold, in full --------------------------------------------


async def test_a_candidate_profile_view_in_full(p: Profiles, h: Hiring, cast: Cast) -> None:
    stored = h.profile_of(cast.john)
    stored.reputation_score, stored.expected_salary_max = 4.5, 65_000
    stored.preferred_locations, stored.industries = ["Paris"], ["FinTech"]
    await p.work(cast.john)
    await p.add(
        AddProfileEntryCommand(
            actor=cast.john,
            entry=EducationDetails(institution="EPITA", start_date=date(2015, 9, 1)),
        )
    )
    await p.add(AddProfileEntryCommand(actor=cast.john, entry=ProjectDetails(name="Hireflow")))
    view = await p.get(GetCandidateProfileCommand(actor=cast.john))
    entries = {
        kind: await h.entries.list(kind, stored.id)
        for kind in ("work_experience", "education", "project")
    }
    assert view == CandidateProfileView(
        id=stored.id,
        user=UserRef(id=cast.john.require_id(), username="john", email="john@example.com"),
        headline="Backend developer",
        bio="",
        work_experiences=entries["work_experience"],
        educations=entries["education"],
        projects=entries["project"],
        skills=["Python", "Django", "PostgreSQL"],
        years_of_experience=4.0,
        years_of_experience_is_derived=False,
        expected_salary_min=45_000,
        expected_salary_max=65_000,
        salary_currency="EUR",
        preferred_contract_types=["full_time"],
        preferred_locations=["Paris"],
        remote_preference="any",
        industries=["FinTech"],
        cv_file=None,
        reputation_score=4.5,
        alert_threshold=70.0,
    )
    assert stored.id != cast.john.require_id()  # the view shows the profile's id, not the user's
    assert [len(e) for e in entries.values()] == [1, 1, 1]


async def test_derived_years_count_an_ended_job_up_to_its_end(p: Profiles, cast: Cast) -> None:
    await p.patch(cast.john, years_of_experience=None)
    await p.work(cast.john, start_date=date(2016, 1, 1), end_date=date(2018, 1, 1))
    view = await p.get(GetCandidateProfileCommand(actor=cast.john))
    assert (view.years_of_experience, view.years_of_experience_is_derived) == (2.0, True)
    # Counted once more with a job held since 2024-01-15 (the clock's 2026-01-15).
    await p.work(cast.john, start_date=date(2024, 1, 15))
    changed = await p.patch(cast.john, headline="Backend")
    assert changed.years_of_experience == 4.0
    await p.generate(GenerateCvCommand(actor=cast.john))
    assert p.renderer.rendered[-1].years_of_experience == 4.0


async def test_a_profile_change_answers_with_the_cv_it_has(p: Profiles, cast: Cast) -> None:
    assert (await p.patch(cast.john, headline="No CV yet")).cv_file is None
    key = await p.upload(UploadCvCommand(actor=cast.john, data=PDF))
    assert (await p.patch(cast.john, headline="With a CV")).cv_file == key


async def test_a_bio_change_is_kept_on_the_user_with_its_time(p: Profiles, cast: Cast) -> None:
    await p.patch(cast.john, bio="Hello")
    p.h.clock.advance(hours=3)
    view = await p.patch(cast.john, bio="")  # cleared, not replaced by anything
    user = p.h.users.rows[cast.john.require_id()]
    assert (view.bio, user.bio, user.updated_at) == ("", "", p.h.clock.now())


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"expected_salary_min": -1}, {"expected_salary_min": ["Salary cannot be negative."]}),
        ({"expected_salary_max": -1}, {"expected_salary_max": ["Salary cannot be negative."]}),
        (
            {"expected_salary_min": 2, "expected_salary_max": 1},
            {"expected_salary_min": ["The minimum cannot exceed the maximum."]},
        ),
    ],
)
async def test_salary_refusals_say_why(
    p: Profiles, cast: Cast, changes: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    with p.h.refused(Invalid) as refused:
        await p.patch(cast.john, **changes)
    assert refused.value.errors == errors


async def test_a_generated_cv_holds_the_whole_profile(p: Profiles, h: Hiring, cast: Cast) -> None:
    user = h.users.rows[cast.john.require_id()]
    user.phone, user.bio, cast.john.phone, cast.john.bio = "+33 1 23", "Hi", "+33 1 23", "Hi"
    await p.work(cast.john)
    await p.add(
        AddProfileEntryCommand(
            actor=cast.john,
            entry=EducationDetails(institution="EPITA", start_date=date(2015, 9, 1)),
        )
    )
    await p.add(AddProfileEntryCommand(actor=cast.john, entry=ProjectDetails(name="Hireflow")))
    profile_id = h.profile_of(cast.john).id
    await p.generate(GenerateCvCommand(actor=cast.john))
    assert p.renderer.rendered == [
        CvDocument(
            full_name="John",
            headline="Backend developer",
            email="john@example.com",
            phone="+33 1 23",
            location="Paris, France",
            bio="Hi",
            skills=["Python", "Django", "PostgreSQL"],
            work_experiences=await h.entries.list("work_experience", profile_id),
            educations=await h.entries.list("education", profile_id),
            projects=await h.entries.list("project", profile_id),
            years_of_experience=4.0,
        )
    ]
    assert [
        len(e) for e in (p.renderer.rendered[0].educations, p.renderer.rendered[0].projects)
    ] == [1, 1]


@pytest.mark.parametrize("make", ["upload", "generate"])
async def test_a_cv_is_stored_as_a_pdf_under_an_unguessable_key(
    p: Profiles, cast: Cast, make: str
) -> None:
    """``cvs/<user id>/<16 hex digits: 64 random bits>.pdf``; the profile's change is timed."""
    p.h.clock.advance(hours=1)
    if make == "upload":
        key = await p.upload(UploadCvCommand(actor=cast.john, data=PDF))
    else:
        key = await p.generate(GenerateCvCommand(actor=cast.john))
    assert re.fullmatch(rf"cvs/{cast.john.require_id()}/[0-9a-f]{{16}}\.pdf", key), key
    assert p.storage.files[key][1] == "application/pdf"
    stored = p.h.profile_of(cast.john)
    assert (stored.cv_file, stored.updated_at) == (key, p.h.clock.now())


async def test_a_profile_missing_is_said_so(p: Profiles, h: Hiring) -> None:
    orphan = await h.user("orphan", UserType.CANDIDATE)
    with pytest.raises(NotFound) as refused:
        await p.get(GetCandidateProfileCommand(actor=orphan))
    assert str(refused.value) == "Candidate profile not found."
    lone = await h.user("lone", UserType.RECRUITER)  # no recruiter profile row
    with pytest.raises(NotFound) as refused:
        await p.recruiter(GetRecruiterProfileCommand(actor=lone))
    assert str(refused.value) == "Recruiter profile not found."


async def test_a_recruiter_profile_view_in_full(p: Profiles, h: Hiring, cast: Cast) -> None:
    h.companies.rows[cast.one].logo = "logos/one.png"
    h.profiles.hires[cast.bob.require_id()] = 3
    view = await p.recruiter(GetRecruiterProfileCommand(actor=cast.bob))
    profile = h.profiles.rows[cast.bob.require_id()]
    assert view == RecruiterProfileView(
        id=profile.id,
        user=UserRef(id=cast.bob.require_id(), username="bob", email="bob@example.com"),
        company=CompanyBrief(id=cast.one, name="Company One", logo="logos/one.png"),
        hiring_needs="",
        role="Tech lead",
        bio="",
        total_hires=3,
        active_jobs=1,
    )


async def test_cv_refusals_say_why(p: Profiles, h: Hiring, cast: Cast) -> None:
    john = cast.john.require_id()
    with pytest.raises(PermissionDenied) as refused:
        await p.read(ReadCvCommand(actor=cast.max, candidate_user_id=john))
    assert str(refused.value) == "You may only see the CVs of candidates who applied."
    with pytest.raises(NotFound) as missing:
        await p.read(ReadCvCommand(actor=cast.john, candidate_user_id=john))
    assert str(missing.value) == "This candidate has no CV."


async def test_only_a_recruiter_reads_cvs_through_a_company(
    p: Profiles, h: Hiring, cast: Cast
) -> None:
    """A recruiter-profile row does not make a candidate a recruiter of its company."""
    await p.upload(UploadCvCommand(actor=cast.john, data=PDF))
    await h.apply(ApplyToJobCommand(actor=cast.john, job_id=cast.job_id))
    h.profiles.add(cast.max.require_id(), cast.one)
    with pytest.raises(PermissionDenied):
        await p.read(ReadCvCommand(actor=cast.max, candidate_user_id=cast.john.require_id()))
