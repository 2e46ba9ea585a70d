from __future__ import annotations

import secrets

import msgspec

from core.domain.accounts.user import User
from core.domain.profiles.cv import cv_key
from core.ports.candidate_profiles import CandidateProfileRepository, ProfileEntryRepository
from core.ports.clock import Clock
from core.ports.cv_renderer import CvDocument, CvRenderer
from core.ports.file_storage import FileStorage
from core.ports.transaction_manager import TransactionManager
from core.use_cases.profiles._candidate import own_profile, years_from


class GenerateCvCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User


class GenerateCv:
    """Build a PDF CV from the profile, store it, and make it the profile's CV."""

    def __init__(
        self,
        tx: TransactionManager,
        profiles: CandidateProfileRepository,
        entries: ProfileEntryRepository,
        renderer: CvRenderer,
        storage: FileStorage,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._profiles = profiles
        self._entries = entries
        self._renderer = renderer
        self._storage = storage
        self._clock = clock

    async def __call__(self, cmd: GenerateCvCommand) -> str:
        actor = cmd.actor
        profile = await own_profile(actor, self._profiles)
        work = await self._entries.list("work_experience", profile.id)
        today = self._clock.now().date()
        document = CvDocument(
            full_name=actor.full_name or actor.username,
            headline=profile.headline,
            email=actor.email,
            phone=actor.phone,
            location=actor.location,
            bio=actor.bio,
            skills=profile.skills,
            work_experiences=work,
            educations=await self._entries.list("education", profile.id),
            projects=await self._entries.list("project", profile.id),
            years_of_experience=(
                profile.years_of_experience
                if profile.years_of_experience is not None
                else years_from(work, profile.id, today)
            ),
        )
        pdf = self._renderer.render(document)
        key = cv_key(actor.require_id(), secrets.token_hex(8))
        await self._storage.save(key, pdf, "application/pdf")
        previous = profile.cv_file
        profile.cv_file = key
        profile.updated_at = self._clock.now()
        await self._profiles.update(profile)
        await self._tx.commit()
        if previous and previous != key:
            await self._storage.delete(previous)
        return key
