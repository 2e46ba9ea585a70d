"""Matching: scores of every candidate against every job, kept fresh in the background."""

from __future__ import annotations

from typing import ClassVar

from dishka import AsyncContainer, Provider, Scope, provide, provide_all

from adapters.geo.geonames import GeonamesGazetteer
from adapters.http.matching import MatchingController
from adapters.matching.feature_cache import FeatureCache
from adapters.matching.vectorized import VectorizedBatchScorer
from adapters.messaging.routes import Route
from adapters.persistence.matching import SqlMatchingFeatures, SqlMatchQueries, SqlMatchStore
from bootstrap.modules._module import Module
from bootstrap.settings import Settings, SettingsGroup
from core.domain.jobs.events import JobPosted, JobUpdated
from core.domain.profiles.events import CandidateProfileChanged
from core.ports.gazetteer import Gazetteer
from core.ports.matching import BatchScorer, MatchingFeatures, MatchQueries, MatchStore
from core.use_cases.matching._engine import MatchEngine
from core.use_cases.matching.list_candidate_matches import ListCandidateMatches
from core.use_cases.matching.list_job_matches import ListJobMatches
from core.use_cases.matching.recalculate_candidate_matches import RecalculateCandidateMatches
from core.use_cases.matching.recalculate_job_matches import RecalculateJobMatches
from core.use_cases.matching.recalculate_matches import RecalculateMatches
from core.use_cases.matching.warm_up_matching import WarmUpMatching


class MatchingSettings(SettingsGroup, frozen=True, kw_only=True):
    env_prefix: ClassVar[str] = "MATCHING_"
    #: A starting worker loads matching features before its first task needs them. Unset:
    #: `hireflow worker` does, the worker embedded in `hireflow serve` does not (it would take
    #: CPU from the requests that process serves, and embedded data sets are small).
    warm_up: bool | None = None


class MatchingProvider(Provider):
    scope = Scope.REQUEST

    scorer = provide(VectorizedBatchScorer, provides=BatchScorer, scope=Scope.APP)
    cache = provide(FeatureCache, scope=Scope.APP)

    @provide(scope=Scope.APP)
    def gazetteer(self) -> Gazetteer:
        return GeonamesGazetteer()

    features = provide(SqlMatchingFeatures, provides=MatchingFeatures)
    store = provide(SqlMatchStore, provides=MatchStore)
    queries = provide(SqlMatchQueries, provides=MatchQueries)
    use_cases = provide_all(
        ListCandidateMatches,
        ListJobMatches,
        MatchEngine,
        RecalculateCandidateMatches,
        RecalculateJobMatches,
        RecalculateMatches,
        WarmUpMatching,
    )


async def warm_up(scope: AsyncContainer, embedded: bool) -> str | None:
    wanted = (await scope.get(Settings)).group(MatchingSettings).warm_up
    if not (not embedded if wanted is None else wanted):
        return None
    ready = await (await scope.get(WarmUpMatching))()
    return f"matching features of {ready} candidates"


MODULE = Module(
    name="matching",
    providers=(MatchingProvider,),
    controllers=(MatchingController,),
    routes=(
        Route("matching.job_posted", JobPosted, RecalculateJobMatches, lane="long"),
        Route("matching.job_updated", JobUpdated, RecalculateJobMatches, lane="long"),
        Route(
            "matching.candidate_changed",
            CandidateProfileChanged,
            RecalculateCandidateMatches,
            lane="long",
        ),
    ),
    settings=(MatchingSettings,),
    warm_up=warm_up,
)
