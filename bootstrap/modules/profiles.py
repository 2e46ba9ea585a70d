"""Candidate and recruiter profiles, profile entries and CVs."""

from __future__ import annotations

from dishka import Provider, Scope, provide, provide_all

from adapters.documents.cv_pdf import FpdfCvRenderer
from adapters.http.profiles.candidate import CandidateProfileController
from adapters.http.profiles.entries import (
    EducationController,
    ProjectController,
    WorkExperienceController,
)
from adapters.http.profiles.recruiter import RecruiterProfileController
from adapters.persistence.profiles import (
    SqlCandidateProfiles,
    SqlProfileEntries,
    SqlRecruiterProfiles,
)
from bootstrap.modules._module import Module
from core.ports.candidate_profiles import CandidateProfileRepository, ProfileEntryRepository
from core.ports.cv_renderer import CvRenderer
from core.ports.recruiter_profiles import RecruiterProfileRepository
from core.use_cases.profiles.add_profile_entry import AddProfileEntry
from core.use_cases.profiles.delete_profile_entry import DeleteProfileEntry
from core.use_cases.profiles.generate_cv import GenerateCv
from core.use_cases.profiles.get_candidate_profile import GetCandidateProfile
from core.use_cases.profiles.get_recruiter_profile import GetRecruiterProfile
from core.use_cases.profiles.list_profile_entries import ListProfileEntries
from core.use_cases.profiles.read_cv import ReadCv
from core.use_cases.profiles.update_candidate_profile import UpdateCandidateProfile
from core.use_cases.profiles.update_profile_entry import UpdateProfileEntry
from core.use_cases.profiles.update_recruiter_profile import UpdateRecruiterProfile
from core.use_cases.profiles.upload_cv import UploadCv


class ProfilesProvider(Provider):
    scope = Scope.REQUEST

    @provide(scope=Scope.APP)
    def cv_renderer(self) -> CvRenderer:
        return FpdfCvRenderer()

    candidates = provide(SqlCandidateProfiles, provides=CandidateProfileRepository)
    entries = provide(SqlProfileEntries, provides=ProfileEntryRepository)
    recruiters = provide(SqlRecruiterProfiles, provides=RecruiterProfileRepository)
    use_cases = provide_all(
        AddProfileEntry,
        DeleteProfileEntry,
        GenerateCv,
        GetCandidateProfile,
        GetRecruiterProfile,
        ListProfileEntries,
        ReadCv,
        UpdateCandidateProfile,
        UpdateProfileEntry,
        UpdateRecruiterProfile,
        UploadCv,
    )


MODULE = Module(
    name="profiles",
    providers=(ProfilesProvider,),
    controllers=(
        CandidateProfileController,
        WorkExperienceController,
        EducationController,
        ProjectController,
        RecruiterProfileController,
    ),
)
