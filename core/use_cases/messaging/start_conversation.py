from __future__ import annotations

import msgspec

from core.domain.accounts.user import User, UserType
from core.domain.errors import NotFound, PermissionDenied, ValidationFailed
from core.domain.messaging.contacts import CompanyTies, recruiter_and_candidate, start_refusal
from core.domain.messaging.conversation import Conversation, ConversationExists, message_content
from core.domain.messaging.views import StartedConversation
from core.domain.numbers import fits_int64
from core.ports.candidate_ties import CandidateTies
from core.ports.clock import Clock
from core.ports.conversations import ConversationQueries, ConversationRepository
from core.ports.job_repository import JobRepository
from core.ports.recruiter_profiles import RecruiterProfileRepository
from core.ports.transaction_manager import TransactionManager
from core.ports.user_repository import UserRepository
from core.use_cases.jobs.job_access import member_company
from core.use_cases.messaging._conversations import MessagePoster


class StartConversationCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    participant_id: int
    #: The job it is about (optional).
    job_id: int | None = None
    #: A first message (optional), sent as ``SendMessage`` sends one.
    content: str | None = None


class StartConversation:
    """Start a conversation between the caller and another user, or answer the one they
    already share (two people have one conversation, however many times either starts it,
    also at the same moment). Who may start one is ``contacts.start_refusal``; two who share a
    conversation keep it whatever became of what linked them."""

    def __init__(
        self,
        tx: TransactionManager,
        users: UserRepository,
        recruiters: RecruiterProfileRepository,
        jobs: JobRepository,
        ties: CandidateTies,
        conversations: ConversationRepository,
        queries: ConversationQueries,
        poster: MessagePoster,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._users = users
        self._recruiters = recruiters
        self._jobs = jobs
        self._ties = ties
        self._conversations = conversations
        self._queries = queries
        self._poster = poster
        self._clock = clock

    async def __call__(self, cmd: StartConversationCommand) -> StartedConversation:
        actor_id = cmd.actor.require_id()
        content = None if cmd.content is None else message_content(cmd.content)
        if cmd.participant_id == actor_id:
            raise ValidationFailed.single(
                "participant_id", "You cannot start a conversation with yourself."
            )
        other = (
            await self._users.get(cmd.participant_id) if fits_int64(cmd.participant_id) else None
        )
        if other is None or not other.is_active:
            raise NotFound("User not found.")
        other_id = other.require_id()

        company, ties = await self._link(cmd.actor, other)
        conversation = await self._conversations.by_pair(actor_id, other_id)
        created = conversation is None
        if conversation is None and (
            refusal := start_refusal(cmd.actor, other, company=company, ties=ties)
        ):
            raise PermissionDenied(refusal)
        job_id = await self._job_context(cmd.job_id, cmd.actor, company)
        if conversation is None:
            now = self._clock.now()
            try:
                conversation = await self._conversations.add(
                    Conversation(
                        participant_ids=(actor_id, other_id),
                        job_id=job_id,
                        created_at=now,
                        updated_at=now,
                    ),
                    started_by=actor_id,
                )
            except ConversationExists:  # started by the other at the same moment
                conversation = await self._conversations.by_pair(actor_id, other_id)
                if conversation is None:  # pragma: no cover - the store just said it exists
                    raise
                created = False
        message = None
        if content is not None:
            message = await self._poster.post(conversation, cmd.actor, content)
        await self._tx.commit()
        view = await self._queries.view(conversation.require_id(), actor_id)
        assert view is not None  # just stored, and the caller takes part in it
        return StartedConversation(conversation=view, created=created, message=message)

    async def _link(self, actor: User, other: User) -> tuple[int | None, CompanyTies | None]:
        """When the two are a recruiter and a candidate: the company whose team the recruiter
        is in, and what links the candidate to it."""
        pair = recruiter_and_candidate(actor, other)
        if pair is None:
            return None, None
        recruiter, candidate = pair
        company = await member_company(recruiter, self._recruiters)
        if company is None:
            return None, None
        return company, await self._ties.to_company(candidate.require_id(), company)

    async def _job_context(
        self, job_id: int | None, actor: User, company: int | None
    ) -> int | None:
        """The job a conversation is about: any job for a site admin, else one of the
        company of its recruiter. Checked also when the conversation exists already (it keeps
        the job it was started about)."""
        if job_id is None:
            return None
        job = await self._jobs.get(job_id) if fits_int64(job_id) else None
        if job is None:
            raise ValidationFailed.single("job_id", "No job has this id.")
        if actor.user_type is not UserType.ADMIN and job.company_id != company:
            raise ValidationFailed.single(
                "job_id", "The job must be one of the recruiter's company's jobs."
            )
        return job_id
