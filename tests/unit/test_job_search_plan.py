"""How the PostgreSQL job search chooses between walking the newest jobs and the exact plan:
pure arithmetic on the planner statistics, checked here without a database."""

from __future__ import annotations

from typing import Any, cast

from hypothesis import given
from hypothesis import strategies as st

from adapters.persistence.pg_job_search import PgJobSearch, Statistics
from core.domain.jobs.views import JobFilters

SHARES = {"python": 0.15, "engineer": 0.25, "@paris": 0.04, "@france": 0.3}


def search(**options: Any) -> PgJobSearch:
    return PgJobSearch(cast(Any, None), **options)


def window(stats: Statistics, filters: JobFilters, page: int = 1, size: int = 20) -> int | None:
    params = {"off": (page - 1) * size, "lim": size}
    return search(walk_window=10_000)._walk_window(stats, filters, params)


def test_expected_matches_multiply_the_shares_of_live_jobs() -> None:
    stats = Statistics(live=1_000_000, shares=SHARES, rare=0.0005)
    assert stats.expected_matches([]) == 1_000_000
    assert stats.expected_matches(["python", "@paris"]) == 1_000_000 * 0.15 * 0.04
    # A word missing from the statistics is rarer than any listed: half the smallest share.
    assert stats.expected_matches(["haccp"]) == 500
    assert Statistics(live=10, shares={}).expected_matches(["python"]) is None


def test_broad_searches_walk_narrow_ones_read_every_match() -> None:
    stats = Statistics(live=1_000_000, shares=SHARES, rare=0.0005)
    assert window(stats, JobFilters()) == 10_000  # every live job matches
    assert window(stats, JobFilters(search="engineer")) == 10_000
    # ~6,000 matches: a first page walks ~3,500 jobs, the exact plan would read 6,000.
    assert window(stats, JobFilters(search="python", location="Paris")) == 10_000
    # Page 50 of the same search would walk ~175,000 jobs: read the 6,000 matches instead.
    assert window(stats, JobFilters(search="python", location="Paris"), page=50) is None
    assert window(stats, JobFilters(search="haccp")) is None  # ~500 matches
    # Page 200 of a very broad search (~16,000 jobs to walk) gets a wider window.
    assert window(stats, JobFilters(search="engineer"), page=200) == 32_768


def test_without_statistics_first_pages_walk_and_deep_pages_stay_small() -> None:
    stats = Statistics(live=200_000, shares={})
    assert window(stats, JobFilters(search="python")) == 10_000
    assert window(stats, JobFilters(search="python"), page=50) is None  # 20 x 1001 > live / 20


@given(
    live=st.integers(min_value=1, max_value=10**8),
    shares=st.lists(st.floats(min_value=1e-6, max_value=1.0), min_size=0, max_size=4),
    page=st.integers(min_value=1, max_value=500),
    size=st.integers(min_value=1, max_value=100),
)
def test_a_walk_is_bounded_and_only_taken_when_it_reads_less(
    live: int, shares: list[float], page: int, size: int
) -> None:
    words = [f"w{i}" for i in range(len(shares))]
    stats = Statistics(live=live, shares=dict(zip(words, shares, strict=True)), rare=1e-6)
    chooser = search(walk_window=10_000, match_read_cost=2.0)
    params = {"off": (page - 1) * size, "lim": size}
    got = chooser._walk_window(stats, JobFilters(search=" ".join(words)), params)
    matches = max(cast(float, stats.expected_matches(words)), 1.0)
    walk = (params["off"] + size + 1) * live / matches
    if got is None:
        return
    assert walk < 2.0 * matches  # the walk reads fewer jobs than the exact plan
    assert got >= 2 * walk  # room for a wrong estimate
    assert got == 10_000 or (got & (got - 1) == 0 and got <= live // 2)
