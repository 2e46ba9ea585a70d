"""Jobs: postings, the public search, reference data and job tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import ClassVar

from dishka import Provider, Scope, provide, provide_all
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.http.job_tests import JobTestController
from adapters.http.jobs import CategoryController, JobController
from adapters.payments.quota import NoPlanLimits
from adapters.persistence.database import async_url
from adapters.persistence.job_search import SqlJobSearch
from adapters.persistence.job_tests import SqlJobTests
from adapters.persistence.jobs import SqlJobQueries, SqlJobs
from adapters.persistence.pg_job_search import PgJobSearch, open_search_pool
from bootstrap.modules._module import Module
from bootstrap.settings import Settings, SettingsGroup
from core.ports.job_quota import JobPostingQuota
from core.ports.job_repository import JobQueries, JobRepository
from core.ports.job_search import JobSearch
from core.ports.job_tests import JobTestRepository
from core.use_cases.jobs.create_job import CreateJob
from core.use_cases.jobs.define_job_test import DefineJobTest
from core.use_cases.jobs.delete_job import DeleteJob
from core.use_cases.jobs.get_job import GetJob
from core.use_cases.jobs.get_job_test import GetJobTest
from core.use_cases.jobs.job_access import JobAccess
from core.use_cases.jobs.list_categories import ListCategories
from core.use_cases.jobs.list_job_types import ListJobTypes
from core.use_cases.jobs.list_jobs import ListJobs
from core.use_cases.jobs.update_job import UpdateJob


class JobSearchSettings(SettingsGroup, frozen=True, kw_only=True):
    """PostgreSQL job search: ``HIREFLOW_JOB_SEARCH_*``."""

    env_prefix: ClassVar[str] = "JOB_SEARCH_"
    #: From this many live jobs on, newest-first pages are found by a bounded walk and large
    #: totals are estimated (``count_exact`` false); below, all exact.
    walk_from: int = 50_000
    #: ... and an estimated total under this is replaced by an exact count.
    exact_count_below: int = 250


@dataclass(frozen=True)
class PostgresSearch:
    search: PgJobSearch | None


class JobsProvider(Provider):
    scope = Scope.REQUEST

    jobs = provide(SqlJobs, provides=JobRepository)
    queries = provide(SqlJobQueries, provides=JobQueries)
    tests = provide(SqlJobTests, provides=JobTestRepository)

    @provide(scope=Scope.APP)
    async def postgres_search(self, settings: Settings) -> AsyncIterator[PostgresSearch]:
        """PostgreSQL gets a pool of its own and the fast path (opened on first use)."""
        url = settings.effective_database_url
        if make_url(async_url(url)).get_backend_name() != "postgresql":
            yield PostgresSearch(None)
            return
        search = settings.group(JobSearchSettings)
        async with open_search_pool(url) as pool:
            yield PostgresSearch(
                PgJobSearch(
                    pool,
                    walk_from_live_jobs=search.walk_from,
                    exact_count_below=search.exact_count_below,
                )
            )

    @provide
    def search(self, postgres: PostgresSearch, session: AsyncSession) -> JobSearch:
        # Elsewhere (SQLite) the search shares the request's session: a second connection
        # would wait for the first one's write lock.
        return postgres.search or SqlJobSearch(session)

    quota = provide(NoPlanLimits, provides=JobPostingQuota, scope=Scope.APP)
    use_cases = provide_all(
        CreateJob,
        DefineJobTest,
        DeleteJob,
        GetJob,
        GetJobTest,
        JobAccess,
        ListCategories,
        ListJobTypes,
        ListJobs,
        UpdateJob,
    )


MODULE = Module(
    name="jobs",
    providers=(JobsProvider,),
    controllers=(CategoryController, JobController, JobTestController),
    settings=(JobSearchSettings,),
)
