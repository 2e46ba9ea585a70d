"""The PostgreSQL job search fast path: the bounded newest-first walk must give exactly the
pages of the exact plan, estimate totals honestly, fall back when a walk finds too little, and
survive connections the server dropped."""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from adapters.persistence.pg_job_search import PgJobSearch, conninfo, open_search_pool
from bootstrap.app import create_app
from bootstrap.settings import make_settings
from core.domain.jobs.views import JobFilters, JobSummary
from core.domain.pages import Listing, Page

pytestmark = pytest.mark.postgres

WORDS = ["python", "django", "react", "kubernetes", "nurse", "chef", "sales", "data"]
PLACES = ["Paris, France", "Lyon, France", "Berlin, Germany", "Dakar, Senegal", "Remote"]
N_JOBS = 400


def fill(url: str) -> None:
    rng = random.Random(3)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    with psycopg.connect(conninfo(url), autocommit=True) as conn:
        companies = []
        for c in range(3):
            user = conn.execute(
                "INSERT INTO users (username, username_key, email, email_key, user_type, "
                "is_active, email_verified, created_at, updated_at) VALUES "
                "(%s, %s, %s, %s, 'recruiter', true, true, %s, %s) RETURNING id",
                (f"rec{c}", f"rec{c}", f"rec{c}@t.io", f"rec{c}@t.io", now, now),
            ).fetchone()[0]  # type: ignore[index]
            company = conn.execute(
                "INSERT INTO companies (name, name_key, slug, admin_id, description, industry, "
                "location, created_at, updated_at) "
                "VALUES (%s, lower(%s), %s, %s, '', 'Tech', 'Paris', %s, %s) "
                "RETURNING id",
                (f"Company {c}", f"Company {c}", f"company-{c}", user, now, now),
            ).fetchone()[0]  # type: ignore[index]
            companies.append((company, user))
        for i in range(N_JOBS):
            company, user = companies[i % 3]
            words = rng.sample(WORDS, 3)
            low = rng.randrange(20, 100) * 1000 if rng.random() < 0.9 else None
            high = None if low is None else low + rng.randrange(0, 30) * 1000
            # Some jobs share a creation time: the id must break ties the same way everywhere.
            created = now - timedelta(minutes=rng.randrange(0, 300))
            conn.execute(
                "INSERT INTO jobs (title, slug, company_id, recruiter_id, category_id, "
                "job_type_id, location, salary_min, salary_max, salary_currency, "
                "experience_level, description, requirements, benefits, is_active, created_at, "
                "updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, 'EUR', %s, %s, "
                "'[]', '[]', %s, %s, %s)",
                (
                    f"{words[0].title()} job {i}",
                    f"job-{i}",
                    company,
                    user,
                    rng.randrange(1, 5),
                    rng.randrange(1, 4),
                    rng.choice(PLACES),
                    low,
                    high,
                    rng.choice(["junior", "mid", "senior"]),
                    " ".join(words),
                    rng.random() < 0.9,
                    created,
                    created,
                ),
            )
        conn.execute("VACUUM ANALYZE jobs")


@pytest.fixture
def jobs_url(database_url: str) -> str:
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    fill(database_url)
    return database_url


def walker(pool: Any, **options: Any) -> PgJobSearch:
    """A search that walks whenever it can (whatever the statistics say), estimating totals."""
    return PgJobSearch(
        pool, walk_from_live_jobs=0, match_read_cost=math.inf, **{"exact_count_below": 0, **options}
    )


@pytest.fixture
async def searches(jobs_url: str) -> AsyncIterator[tuple[PgJobSearch, PgJobSearch, Any]]:
    async with open_search_pool(jobs_url) as pool:
        exact = PgJobSearch(pool, walk_from_live_jobs=10**9)
        walk = walker(pool, walk_window=2000)
        yield exact, walk, pool


FILTERS = [
    JobFilters(),
    JobFilters(search="python"),
    JobFilters(search="python django"),
    JobFilters(search="nurse", location="dakar"),
    JobFilters(location="france", min_salary=50000),
    JobFilters(search="data", max_salary=60000),
    JobFilters(category=2, experience_level="senior"),
    JobFilters(job_type="full_time"),
    JobFilters(search="react", ordering="created_at"),
    JobFilters(search="chef", location="berlin", min_salary=40000, max_salary=70000),
]


def ids(result: Listing[JobSummary]) -> list[int]:
    return [job.id for job in result.items]


async def test_walk_pages_are_the_exact_pages(
    searches: tuple[PgJobSearch, PgJobSearch, Any],
) -> None:
    exact, walk, _ = searches
    walked = fell_back = 0
    for filters, number, size in itertools.product(FILTERS, (1, 2, 3, 7), (5, 20)):
        page = Page(number=number, size=size)
        want = await exact.search(filters, page, include_inactive_of_company=None)
        got = await walk.search(filters, page, include_inactive_of_company=None)
        assert ids(got) == ids(want), (filters, page)
        assert got.items == want.items
        assert got.has_more == want.has_more
        assert want.count_exact
        if got.count_exact:
            fell_back += 1
            assert got.count == want.count
        else:
            walked += 1
            # An estimate never says there are fewer jobs than the pages already seen.
            assert got.count >= (number - 1) * size + len(got.items) + 1
    # Both branches ran: broad filters filled their page, rare ones and deep pages did not.
    assert walked > 10
    assert fell_back > 10


async def test_a_walk_that_finds_too_little_in_its_window_falls_back(
    searches: tuple[PgJobSearch, PgJobSearch, Any],
) -> None:
    exact, _, pool = searches
    narrow = walker(pool, walk_window=60)
    outcomes = set()
    for filters, number in itertools.product(FILTERS, (1, 2)):
        page = Page(number=number, size=1)
        want = await exact.search(filters, page, include_inactive_of_company=None)
        got = await narrow.search(filters, page, include_inactive_of_company=None)
        assert got.items == want.items
        assert got.has_more == want.has_more
        assert got.count_exact or got.count >= number + 1
        outcomes.add(got.count_exact)
    assert outcomes == {True, False}


async def test_estimates_are_close_on_evenly_spread_jobs(
    searches: tuple[PgJobSearch, PgJobSearch, Any],
) -> None:
    exact, walk, _ = searches
    for filters in (JobFilters(), JobFilters(search="python"), JobFilters(location="france")):
        want = await exact.search(filters, Page(), include_inactive_of_company=None)
        got = await walk.search(filters, Page(), include_inactive_of_company=None)
        assert not got.count_exact
        assert want.count / 2 <= got.count <= want.count * 2, (filters, want.count, got.count)


async def test_small_estimates_are_replaced_by_exact_counts(
    searches: tuple[PgJobSearch, PgJobSearch, Any],
) -> None:
    exact, _, pool = searches
    careful = walker(pool, walk_window=2000, exact_count_below=10**6)
    filters = JobFilters(search="python")
    want = await exact.search(filters, Page(size=5), include_inactive_of_company=None)
    got = await careful.search(filters, Page(size=5), include_inactive_of_company=None)
    assert got.count_exact
    assert got.count == want.count
    assert ids(got) == ids(want)


async def test_rare_word_combinations_take_the_exact_plan_broad_ones_walk(
    searches: tuple[PgJobSearch, PgJobSearch, Any], jobs_url: str
) -> None:
    """With statistics, the search weighs a walk (about ``found * live / matches`` jobs read)
    against the exact plan (every match read once through the index)."""
    exact, _, pool = searches
    with psycopg.connect(conninfo(jobs_url), autocommit=True) as conn:
        conn.execute("ANALYZE jobs")
    chooser = PgJobSearch(pool, walk_from_live_jobs=0, walk_window=2000, exact_count_below=0)
    stats = await chooser.statistics()
    assert abs(stats.live - N_JOBS * 0.9) < N_JOBS * 0.1  # 9 jobs in 10 are live
    # Each job holds 3 of the 8 words and one of 5 places.
    assert 0.25 < stats.shares["python"] < 0.5
    assert 0.1 < stats.shares["@dakar"] < 0.3
    assert 0.3 < stats.shares["@france"] < 0.5
    assert "@python" not in stats.shares and "paris" not in stats.shares

    async def plan(filters: JobFilters, page: Page) -> bool:
        got = await chooser.search(filters, page, include_inactive_of_company=None)
        want = await exact.search(filters, page, include_inactive_of_company=None)
        assert got.items == want.items and got.has_more == want.has_more
        return got.count_exact  # exact plan (or a walk that fell back)

    assert not await plan(JobFilters(), Page())  # every job matches: walk
    assert not await plan(JobFilters(search="python"), Page(size=5))
    # ~30 of 360 live jobs: reading them all beats walking ~250 jobs for a page of 20.
    assert await plan(JobFilters(search="nurse", location="dakar"), Page())
    assert await plan(JobFilters(search="nurse chef data"), Page())
    # A second page of a two-word search (~45 matches): the walk would read most of the table.
    assert await plan(JobFilters(search="python django"), Page(number=2, size=20))


async def test_a_connection_the_server_dropped_costs_no_error(
    searches: tuple[PgJobSearch, PgJobSearch, Any], jobs_url: str
) -> None:
    exact, _, _ = searches
    before = await exact.search(
        JobFilters(search="python"), Page(), include_inactive_of_company=None
    )
    with psycopg.connect(conninfo(jobs_url), autocommit=True) as conn:
        killed = conn.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()[0]  # type: ignore[index]
    assert killed >= 1
    after = await exact.search(
        JobFilters(search="python"), Page(), include_inactive_of_company=None
    )
    assert after == before


async def test_http_list_says_when_the_count_is_an_estimate(jobs_url: str, tmp_path: Any) -> None:
    def app(walk_from: int) -> Litestar:
        return create_app(
            make_settings(
                data_dir=tmp_path / f"data{walk_from}",
                database_url=jobs_url,
                secret_key="integration-test-secret-key-0123456789abcdef",
                matching_warm_up=False,
                job_search_walk_from=walk_from,
                job_search_exact_count_below=0,
            )
        )

    url = "/jobs/api/v1/jobs/?search=python&page=2&limit=10"
    async with AsyncTestClient(app(10**9)) as client:
        exact = (await client.get(url)).json()
    async with AsyncTestClient(app(0)) as client:
        response = await client.get(url)
        walked = response.json()
    assert response.status_code == 200
    assert exact["count_exact"] is True
    assert walked["count_exact"] is False
    assert [j["id"] for j in walked["results"]] == [j["id"] for j in exact["results"]]
    assert walked["next"] == exact["next"]
    assert walked["previous"] == exact["previous"]
    assert "page=3" in walked["next"]
