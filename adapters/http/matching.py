from __future__ import annotations

from typing import Annotated, Any

import msgspec
from dishka.integrations.litestar import FromDishka
from litestar import Controller, Request, get, post
from litestar.params import FromPath, JSONBody, QueryParameter

from adapters.http.current_user import CurrentUser
from adapters.http.openapi import errors
from adapters.http.pagination import Paginated, page_of, paginate
from adapters.http.query import bool_param, choice_param
from core.domain.errors import ValidationFailed
from core.domain.matching.views import (
    CandidateMatchFilters,
    JobMatchFilters,
    JobMatchForCandidate,
    JobMatchForRecruiter,
)
from core.domain.numbers import Id
from core.use_cases.matching.list_candidate_matches import (
    CandidateMatchesCommand,
    ListCandidateMatches,
)
from core.use_cases.matching.list_job_matches import JobMatchesCommand, ListJobMatches
from core.use_cases.matching.recalculate_matches import RecalculateCommand, RecalculateMatches

Req = Request[Any, Any, Any]
Q = Annotated[str | None, QueryParameter(max_length=100)]


class RecalculateIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    job_id: Id | None = None
    candidate_id: Id | None = None
    force: bool = True


class RecalculateOut(msgspec.Struct, kw_only=True):
    message: str
    matches_updated: int
    calculation_time: str


def _score(raw: str | None) -> float | None:
    if raw in (None, ""):
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ValidationFailed.single("min_score", "A number between 0 and 100.") from None
    if not 0 <= value <= 100:
        raise ValidationFailed.single("min_score", "A number between 0 and 100.")
    return value


class MatchingController(Controller):
    path = "/matching/api/v1/job-matches"
    tags = ["Matching"]

    @get(
        "/job/{job_id:int}/",
        summary="A job's best candidates (its recruiter and the company admin)",
        responses=errors(400, 401, 403, 404),
    )
    async def for_job(
        self,
        request: Req,
        job_id: FromPath[int],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[ListJobMatches],
        min_score: Q = None,
        has_applied: Q = None,
        ordering: Q = None,
        page: Q = None,
        limit: Q = None,
    ) -> Paginated[JobMatchForRecruiter]:
        pagination = page_of(request)
        choice_param("ordering", ordering, ("match_score", "-match_score"))
        found = await use_case(
            JobMatchesCommand(
                actor=me.user,
                job_id=job_id,
                filters=JobMatchFilters(
                    min_score=_score(min_score),
                    has_applied=bool_param("has_applied", has_applied),
                    ordering=ordering or "-match_score",
                ),
                page=pagination,
            )
        )
        return paginate(request, pagination, found)

    @get(
        "/candidate/me/",
        summary="The jobs that suit the current candidate best",
        responses=errors(400, 401, 403),
    )
    async def for_me(
        self,
        request: Req,
        me: FromDishka[CurrentUser],
        use_case: FromDishka[ListCandidateMatches],
        min_score: Q = None,
        is_active: Q = None,
        location: Q = None,
        page: Q = None,
        limit: Q = None,
    ) -> Paginated[JobMatchForCandidate]:
        pagination = page_of(request)
        active = bool_param("is_active", is_active)
        found = await use_case(
            CandidateMatchesCommand(
                actor=me.user,
                filters=CandidateMatchFilters(
                    min_score=_score(min_score),
                    is_active=True if active is None else active,
                    location=location or None,
                ),
                page=pagination,
            )
        )
        return paginate(request, pagination, found)

    @post(
        "/recalculate/",
        status_code=200,
        summary="Recalculate matches now: a job (its recruiter/company admin), your own "
        "profile (candidates), or anything (admins)",
        responses=errors(400, 401, 403, 404),
    )
    async def recalculate(
        self,
        me: FromDishka[CurrentUser],
        use_case: FromDishka[RecalculateMatches],
        data: JSONBody[RecalculateIn | None] = None,
    ) -> RecalculateOut:
        body = data or RecalculateIn()
        result = await use_case(
            RecalculateCommand(actor=me.user, job_id=body.job_id, candidate_id=body.candidate_id)
        )
        return RecalculateOut(
            message="Matches recalculated successfully",
            matches_updated=result.matches_updated,
            calculation_time=f"{result.seconds:.3f}s",
        )
