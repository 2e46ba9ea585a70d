"""Matching: the background recalculations, recalculating on demand, and reading matches. What
is kept is exactly what ``score_match`` says is worth acting on; a job's matches are for its
managers; only the background announces new matches."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.matching.pairwise import PairwiseBatchScorer
from core.domain.errors import NotFound, PermissionDenied
from core.domain.errors import ValidationFailed as Invalid
from core.domain.jobs.events import JobPosted, JobUpdated
from core.domain.jobs.job import JobChanges
from core.domain.matching.events import CandidatesMatched, MatchAlert
from core.domain.matching.explain import summaries
from core.domain.matching.policy import FLOOR
from core.domain.matching.score import CandidateFeatures, JobFeatures, MatchScore, score_match
from core.domain.matching.views import CandidateMatchFilters, JobMatchFilters
from core.domain.pages import Page
from core.domain.profiles.events import CandidateProfileChanged
from core.use_cases.jobs.delete_job import DeleteJobCommand
from core.use_cases.jobs.update_job import UpdateJobCommand
from core.use_cases.matching._engine import MatchEngine
from core.use_cases.matching.list_candidate_matches import CandidateMatchesCommand
from core.use_cases.matching.list_job_matches import JobMatchesCommand
from core.use_cases.matching.recalculate_matches import RecalculateCommand
from tests.unit.hiring import PYTHON_JOB, PYTHON_PROFILE, Cast, Hiring


def _kept(h: Hiring, job_id: int) -> dict[int, float]:
    return {c: r.match.score.total for (j, c), r in h.matches.rows.items() if j == job_id}


# --- the background ------------------------------------------------------------------------


async def test_a_posted_job_keeps_its_worthwhile_matches_and_announces_the_due_alerts(
    h: Hiring, cast: Cast
) -> None:
    commits = h.tx.commits
    await h.recalculate_job(JobPosted(job_id=cast.job_id), "k1")
    assert h.tx.commits == commits + 1 and h.tasks.pending == []
    kept = _kept(h, cast.job_id)
    assert set(kept) == {cast.john.id, cast.max.id}  # both at least FLOOR
    assert kept[cast.john.require_id()] >= 70 > kept[cast.max.require_id()] >= FLOOR
    assert h.tasks.committed[-1] == CandidatesMatched(
        job_id=cast.job_id,
        job_title="Python Developer",
        company_name="Company One",
        alerts=[
            MatchAlert(candidate_id=cast.john.require_id(), score=kept[cast.john.require_id()])
        ],
    )


async def test_no_announcement_without_due_alerts_nor_for_a_closed_job(
    h: Hiring, cast: Cast
) -> None:
    await h.applied(cast.john, cast.job_id)  # applied: nothing to alert him of
    announced = len(h.tasks.of(CandidatesMatched))
    await h.recalculate_job(JobUpdated(job_id=cast.job_id), "k1")
    assert cast.john.id in _kept(h, cast.job_id)
    assert len(h.tasks.of(CandidatesMatched)) == announced
    await h.delete_job(DeleteJobCommand(actor=cast.bob, job_id=cast.job_id))
    await h.recalculate_job(JobUpdated(job_id=cast.job_id), "k2")
    assert _kept(h, cast.job_id) == {}  # a closed job matches nobody
    assert len(h.tasks.of(CandidatesMatched)) == announced
    await h.recalculate_job(JobUpdated(job_id=999), "k3")  # a job that is gone: nothing
    assert len(h.tasks.of(CandidatesMatched)) == announced


async def test_a_changed_profile_moves_the_candidates_matches(h: Hiring, cast: Cast) -> None:
    chef = await h.post(cast.carl, "Chef", requirements=["Cooking"], location="Lyon, France")
    john = cast.john.require_id()

    def scores() -> dict[int, float]:
        return {j: r.match.score.total for (j, c), r in h.matches.rows.items() if c == john}

    await h.recalculate_candidate(CandidateProfileChanged(candidate_id=john), "k1")
    before = scores()
    assert before[cast.job_id] > before.get(chef, 0)
    h.profile_of(cast.john).skills = ["Cooking"]
    commits = h.tx.commits
    await h.recalculate_candidate(CandidateProfileChanged(candidate_id=john), "k2")
    assert h.tx.commits == commits + 1
    after = scores()
    assert after.get(cast.job_id, 0) < before[cast.job_id]
    assert after[chef] > before.get(chef, 0)
    assert h.tasks.of(CandidatesMatched) == []  # only a job's recalculation announces


async def test_a_job_recalculation_drops_candidates_whose_account_was_disabled(
    h: Hiring, cast: Cast
) -> None:
    await h.recalculate_job(JobPosted(job_id=cast.job_id), "k1")
    h.users.rows[cast.john.require_id()].is_active = False
    await h.recalculate_job(JobUpdated(job_id=cast.job_id), "k2")
    assert set(_kept(h, cast.job_id)) == {cast.max.id}


async def test_a_candidate_recalculation_drops_the_matches_of_a_disabled_account(
    h: Hiring, cast: Cast
) -> None:
    await h.recalculate_job(JobPosted(job_id=cast.job_id), "k1")
    h.users.rows[cast.john.require_id()].is_active = False
    await h.recalculate_candidate(CandidateProfileChanged(candidate_id=cast.john.require_id()), "k")
    listing = await h.job_matches(
        JobMatchesCommand(
            actor=cast.bob, job_id=cast.job_id, filters=JobMatchFilters(), page=Page()
        )
    )
    assert [m.candidate.username for m in listing.items] == ["max"]


@settings(max_examples=30, deadline=None)
@given(
    skills=st.lists(
        st.frozensets(st.sampled_from(["Python", "Django", "PostgreSQL", "Java", "Excel"])),
        min_size=1,
        max_size=6,
    ),
    years=st.lists(st.one_of(st.none(), st.floats(0, 15)), min_size=6, max_size=6),
)
def test_a_job_keeps_exactly_the_pairs_scoring_at_least_the_floor_with_their_score(
    skills: list[frozenset[str]], years: list[float | None]
) -> None:
    async def scenario() -> None:
        h = Hiring()
        jane = await h.recruiter("jane")
        people = [
            await h.candidate(f"c{i}", skills=sorted(s), years_of_experience=years[i])
            for i, s in enumerate(skills)
        ]
        job = await h.post(jane, "Python Developer", **PYTHON_JOB)
        await h.recalculate_job(JobPosted(job_id=job), "k")
        expected = {}
        job_features = await h.features.job(job)
        assert job_features is not None
        for person in people:
            features = await h.features.candidate(person.require_id())
            assert features is not None
            total = score_match(features, job_features).total
            if total >= FLOOR:
                expected[person.require_id()] = total
        assert _kept(h, job) == expected

    asyncio.run(scenario())


async def test_the_features_are_read_in_bulk(h: Hiring, cast: Cast) -> None:
    for i in range(5):
        await h.candidate(f"extra{i}", skills=["Python"])
    await h.recalculate_job(JobPosted(job_id=cast.job_id), "k")
    assert h.features.reads["candidates"] == 1  # one read for every candidate


# --- on demand -----------------------------------------------------------------------------


async def test_a_jobs_managers_recalculate_it_and_nobody_is_alerted(h: Hiring, cast: Cast) -> None:
    for manager in (cast.bob, cast.jane, cast.root):
        commits = h.tx.commits
        done = await h.recalculate(RecalculateCommand(actor=manager, job_id=cast.job_id))
        assert done.matches_updated == 2 and h.tx.commits == commits + 1
    assert h.tasks.of(CandidatesMatched) == []


@pytest.mark.parametrize("who", ["carl", "eve", "john", "max"])
async def test_others_may_not_recalculate_a_job(h: Hiring, cast: Cast, who: str) -> None:
    with h.refused(PermissionDenied):
        await h.recalculate(RecalculateCommand(actor=getattr(cast, who), job_id=cast.job_id))
    assert _kept(h, cast.job_id) == {}


async def test_who_recalculates_what(h: Hiring, cast: Cast) -> None:
    mine = await h.recalculate(RecalculateCommand(actor=cast.john))
    assert mine.matches_updated == 1  # the one job
    assert await h.recalculate(RecalculateCommand(actor=cast.john, candidate_id=cast.john.id))
    with h.refused(PermissionDenied):
        await h.recalculate(RecalculateCommand(actor=cast.john, candidate_id=cast.max.id))
    assert (
        await h.recalculate(RecalculateCommand(actor=cast.root, candidate_id=cast.max.id))
    ).matches_updated == 1
    with h.refused(Invalid):
        await h.recalculate(RecalculateCommand(actor=cast.root))
    with h.refused(Invalid):
        await h.recalculate(RecalculateCommand(actor=cast.bob))  # recruiters name a job
    for who in (cast.bob, cast.root):
        with h.refused(NotFound):
            await h.recalculate(RecalculateCommand(actor=who, job_id=999))


async def test_warming_up_reads_every_active_candidate(h: Hiring, cast: Cast) -> None:
    await h.candidate("asleep", active=False)
    assert await h.warm_up() == 2  # John and Max
    assert h.features.reads == {"candidates": 1, "active_jobs": 1}


# --- reading -------------------------------------------------------------------------------


async def test_a_jobs_managers_read_its_best_candidates(h: Hiring, cast: Cast) -> None:
    await h.recalculate_job(JobPosted(job_id=cast.job_id), "k")
    application = await h.applied(cast.max, cast.job_id)

    async def listed(actor: object, **filters: object) -> list[tuple[str, bool, int | None]]:
        listing = await h.job_matches(
            JobMatchesCommand(
                actor=actor,  # type: ignore[arg-type]
                job_id=cast.job_id,
                filters=JobMatchFilters(**filters),  # type: ignore[arg-type]
                page=Page(),
            )
        )
        return [(m.candidate.username, m.has_applied, m.application_id) for m in listing.items]

    for manager in (cast.bob, cast.jane):
        assert await listed(manager) == [("john", False, None), ("max", True, application)]
    assert await listed(cast.bob, ordering="match_score") == [
        ("max", True, application),
        ("john", False, None),
    ]
    assert await listed(cast.bob, min_score=70) == [("john", False, None)]
    assert await listed(cast.bob, has_applied=True) == [("max", True, application)]
    match = (
        await h.job_matches(
            JobMatchesCommand(
                actor=cast.bob, job_id=cast.job_id, filters=JobMatchFilters(), page=Page()
            )
        )
    ).items[0]
    assert match.skills_match == 100.0 and match.recruiter_summary.startswith("Excellent match")
    for who in (cast.carl, cast.eve, cast.john, cast.root):
        with pytest.raises(PermissionDenied):
            await listed(who)
    with pytest.raises(NotFound):
        await h.job_matches(
            JobMatchesCommand(actor=cast.bob, job_id=999, filters=JobMatchFilters(), page=Page())
        )


async def test_a_candidate_reads_the_live_jobs_that_suit_them(h: Hiring, cast: Cast) -> None:
    lyon = await h.post(
        cast.carl, "Django Developer", requirements=["Django"], location="Lyon, France"
    )
    await h.recalculate_candidate(CandidateProfileChanged(candidate_id=cast.john.require_id()), "k")

    async def listed(**filters: Any) -> list[int]:
        listing = await h.candidate_matches(
            CandidateMatchesCommand(
                actor=cast.john, filters=CandidateMatchFilters(**filters), page=Page()
            )
        )
        return [m.job.id for m in listing.items]

    assert await listed() == [cast.job_id, lyon]  # best first
    assert await listed(location="lyon") == [lyon]
    await h.delete_job(DeleteJobCommand(actor=cast.bob, job_id=cast.job_id))
    assert await listed() == [lyon]  # live jobs only, unless asked
    assert await listed(is_active=None) == [cast.job_id, lyon]
    for who in (cast.bob, cast.root):
        with h.refused(PermissionDenied):
            await h.candidate_matches(
                CandidateMatchesCommand(actor=who, filters=CandidateMatchFilters(), page=Page())
            )


async def test_reopening_a_job_announces_its_matches_again_without_telling_twice(
    h: Hiring,
) -> None:
    jane = await h.recruiter("jane", "Company One")
    john = await h.candidate("john", location="Paris, France", **PYTHON_PROFILE)
    job = await h.post(jane, "Python Developer", **PYTHON_JOB)
    await h.worker.run()
    await h.delete_job(DeleteJobCommand(actor=jane, job_id=job))
    await h.update_job(UpdateJobCommand(actor=jane, job_id=job, changes=JobChanges(is_active=True)))
    await h.worker.run()
    assert len(h.tasks.of(CandidatesMatched)) == 2
    assert [n.type for n in h.notified(john)] == ["new_job_match"]


async def test_a_recruiter_who_left_loses_the_matches_of_the_jobs_they_posted(
    h: Hiring, cast: Cast
) -> None:
    job = await h.left_behind(cast)
    with h.refused(PermissionDenied):
        await h.recalculate(RecalculateCommand(actor=cast.eve, job_id=job))
    with pytest.raises(PermissionDenied):
        await h.job_matches(
            JobMatchesCommand(actor=cast.eve, job_id=job, filters=JobMatchFilters(), page=Page())
        )
    assert (await h.recalculate(RecalculateCommand(actor=cast.jane, job_id=job))).matches_updated
    listing = await h.job_matches(
        JobMatchesCommand(actor=cast.jane, job_id=job, filters=JobMatchFilters(), page=Page())
    )
    assert listing.count > 0


# --- refusals, as the API words them -------------------------------------------------------


async def test_an_admin_recalculating_a_job_that_is_gone_is_told_so(h: Hiring, cast: Cast) -> None:
    with h.refused(NotFound) as caught:
        await h.recalculate(RecalculateCommand(actor=cast.root, job_id=999))
    assert str(caught.value) == "Job not found."


async def test_a_candidate_recalculating_someone_elses_matches_is_told_why(
    h: Hiring, cast: Cast
) -> None:
    with h.refused(PermissionDenied) as caught:
        await h.recalculate(RecalculateCommand(actor=cast.john, candidate_id=cast.max.id))
    assert str(caught.value) == "You can only recalculate your own matches."
    assert h.matches.rows == {}


async def test_an_admin_naming_nobody_is_asked_for_a_job_or_a_candidate(
    h: Hiring, cast: Cast
) -> None:
    with h.refused(Invalid) as caught:
        await h.recalculate(RecalculateCommand(actor=cast.root))
    assert caught.value.errors == {"job_id": ["Give a job_id or a candidate_id."]}


@pytest.mark.parametrize("who", ["bob", "jane"])
async def test_a_recruiter_naming_no_job_is_told_to_name_one(
    h: Hiring, cast: Cast, who: str
) -> None:
    with h.refused(Invalid) as caught:
        await h.recalculate(RecalculateCommand(actor=getattr(cast, who), candidate_id=cast.john.id))
    assert caught.value.errors == {"job_id": ["Recruiters recalculate one of their jobs."]}
    assert h.matches.rows == {}


async def test_a_recalculation_says_how_long_it_took(
    h: Hiring, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.use_cases.matching import recalculate_matches

    ticks = iter([100.0, 102.5])  # a stopwatch read when it starts and when it is done
    stopwatch = SimpleNamespace(perf_counter=lambda: next(ticks))
    monkeypatch.setattr(recalculate_matches, "time", stopwatch)
    done = await h.recalculate(RecalculateCommand(actor=cast.bob, job_id=cast.job_id))
    assert done.seconds == 2.5 and done.matches_updated == 2


# --- the engine ----------------------------------------------------------------------------


async def test_a_candidate_recalculation_drops_the_jobs_that_closed(h: Hiring, cast: Cast) -> None:
    john, max_ = cast.john.require_id(), cast.max.require_id()
    await h.recalculate_job(JobPosted(job_id=cast.job_id), "k1")
    assert {(cast.job_id, john), (cast.job_id, max_)} <= set(h.matches.rows)
    await h.delete_job(DeleteJobCommand(actor=cast.bob, job_id=cast.job_id))
    await h.recalculate_candidate(CandidateProfileChanged(candidate_id=john), "k2")
    assert (cast.job_id, john) not in h.matches.rows
    assert (cast.job_id, max_) in h.matches.rows  # only John's side was recalculated


class _Recording(PairwiseBatchScorer):
    """The reference scorer, noting which candidates it was asked to prepare."""

    def __init__(self) -> None:
        self.prepared: list[list[int]] = []

    def prepare(self, candidates: Sequence[CandidateFeatures]) -> None:
        self.prepared.append([c.candidate_id for c in candidates])


async def test_warming_up_prepares_the_scorer_for_every_active_candidate(
    h: Hiring, cast: Cast
) -> None:
    await h.candidate("asleep", active=False)
    scorer = _Recording()
    engine = MatchEngine(h.features, scorer, h.matches, h.clock)
    assert await engine.warm_up() == 2
    assert scorer.prepared == [[cast.john.require_id(), cast.max.require_id()]]


class _Lossy(PairwiseBatchScorer):
    """A batch scorer breaking its contract: one of its answers has a pair too few."""

    def __init__(self, short: str) -> None:
        self.short = short

    def _cut(self, name: str, values: list[Any]) -> list[Any]:
        return values[:-1] if name == self.short else values

    def job_totals(self, job: JobFeatures, candidates: Sequence[CandidateFeatures]) -> list[float]:
        return self._cut("job_totals", super().job_totals(job, candidates))

    def job_against(
        self, job: JobFeatures, candidates: Sequence[CandidateFeatures]
    ) -> list[MatchScore]:
        return self._cut("job_against", super().job_against(job, candidates))

    def candidate_totals(
        self, candidate: CandidateFeatures, jobs: Sequence[JobFeatures]
    ) -> list[float]:
        return self._cut("candidate_totals", super().candidate_totals(candidate, jobs))

    def candidate_against(
        self, candidate: CandidateFeatures, jobs: Sequence[JobFeatures]
    ) -> list[MatchScore]:
        return self._cut("candidate_against", super().candidate_against(candidate, jobs))


@pytest.mark.parametrize("short", ["job_totals", "job_against"])
async def test_a_scorer_losing_a_candidate_fails_the_job_recalculation(
    h: Hiring, cast: Cast, short: str
) -> None:
    engine = MatchEngine(h.features, _Lossy(short), h.matches, h.clock)
    with pytest.raises(ValueError, match="zip"):
        await engine.job(cast.job_id)
    assert h.matches.rows == {}  # not silently fewer matches


@pytest.mark.parametrize("short", ["candidate_totals", "candidate_against"])
async def test_a_scorer_losing_a_job_fails_the_candidate_recalculation(
    h: Hiring, cast: Cast, short: str
) -> None:
    await h.post(cast.carl, "Django Developer", requirements=["Django"], location="Paris")
    engine = MatchEngine(h.features, _Lossy(short), h.matches, h.clock)
    with pytest.raises(ValueError, match="zip"):
        await engine.candidate(cast.john.require_id())
    assert h.matches.rows == {}


async def test_each_kept_match_carries_both_explanations_of_its_score(
    h: Hiring, cast: Cast
) -> None:
    await h.recalculate_job(JobPosted(job_id=cast.job_id), "k")
    for row in h.matches.rows.values():
        stored = row.match
        assert (stored.summary, stored.recruiter_summary) == summaries(stored.score)
    listing = await h.candidate_matches(
        CandidateMatchesCommand(actor=cast.john, filters=CandidateMatchFilters(), page=Page())
    )
    (john,) = listing.items
    assert john.summary.startswith(f"Excellent match ({john.match_score:g}/100). Your ")
