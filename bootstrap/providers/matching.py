from __future__ import annotations

from dishka import Provider, Scope, provide, provide_all

from adapters.geo.geonames import GeonamesGazetteer
from adapters.matching.feature_cache import FeatureCache
from adapters.matching.vectorized import VectorizedBatchScorer
from adapters.persistence.matching import SqlMatchingFeatures, SqlMatchQueries, SqlMatchStore
from core.ports.gazetteer import Gazetteer
from core.ports.matching import BatchScorer, MatchingFeatures, MatchQueries, MatchStore
from core.use_cases.matching.read_matches import ReadMatches
from core.use_cases.matching.recalculate import Matching


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
    use_cases = provide_all(Matching, ReadMatches)
