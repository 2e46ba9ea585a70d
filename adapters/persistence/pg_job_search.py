"""The public job search on PostgreSQL, on the shortest path the driver offers.

Two things make it cheaper than the generic adapter (``job_search.SqlJobSearch``):

* **The read path.** A psycopg pool of autocommit connections: one round trip per search
  (no ``BEGIN``/``ROLLBACK``, no pre-ping), statements prepared by the server after a few uses,
  rows read as tuples. A connection that died with the server is noticed when used: the pool
  checks its idle connections and the search (a read, so safe to repeat) runs once more.
* **The plan at scale.** The exact plan intersects the words' posting lists in the GIN index
  (search and location words alike) and reads every match: its cost grows with the number of
  matches. With many live jobs, a newest-first page of a broad search is instead found by
  walking the live jobs from the newest and stopping as soon as the page is full, which costs
  about ``page end / selectivity`` rows whatever the table's size. The planner statistics
  (how many jobs hold each common word) say which of the two reads less. A walk's total is
  estimated from the walk (``count_exact`` false), except when it is small, where an exact
  count is cheap. A walk that does not fill the page within its window falls back to the
  exact plan, so a rare combination never scans the table.
"""

from __future__ import annotations

import functools
import math
import time
from typing import Any

import msgspec
import psycopg
from psycopg.types.json import set_json_loads
from psycopg_pool import AsyncConnectionPool
from sqlalchemy import func, literal_column, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import make_url

from adapters.persistence.database import CONNECT_TIMEOUT_SECONDS
from adapters.persistence.job_search import (
    SUMMARY_COLUMNS,
    Shape,
    exact_result,
    exact_statements,
    filter_criteria,
    page_params,
    place_lexemes,
    search_terms,
    shape_of,
    summary_select,
)
from adapters.persistence.tables.jobs import jobs
from core.domain.jobs.views import CompanyRef, JobFilters, JobSummary, Ref
from core.domain.pages import Listing, Page
from core.ports.job_search import JobSearch

_DIALECT = postgresql.psycopg.dialect()  # type: ignore[no-untyped-call]
#: The partial index of live jobs, newest first (migration 0007): what walks follow, and
#: whose planner statistics say how many live jobs there are.
LIVE_INDEX = "ix_jobs_live_created"


class _Sql(msgspec.Struct, frozen=True):
    text: str
    defaults: dict[str, Any]


def _compiled(statement: Any) -> _Sql:
    compiled = statement.compile(dialect=_DIALECT)
    return _Sql(str(compiled), dict(compiled.params))


def conninfo(database_url: str) -> str:
    """A libpq URL from the SQLAlchemy URL the rest of the app uses."""
    url = make_url(database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


async def _configure(conn: psycopg.AsyncConnection[Any]) -> None:
    set_json_loads(msgspec.json.decode, conn)


def open_search_pool(database_url: str, *, max_size: int = 10) -> AsyncConnectionPool[Any]:
    """Autocommit connections answering in UTC, for short queries."""
    return AsyncConnectionPool(
        conninfo(database_url),
        min_size=1,
        max_size=max_size,
        open=False,
        configure=_configure,
        kwargs={
            "autocommit": True,
            # No parallel workers: starting them costs more than these short queries, and
            # under load every core is already busy with another request.
            "options": "-c timezone=UTC -c max_parallel_workers_per_gather=0",
            "connect_timeout": CONNECT_TIMEOUT_SECONDS,
        },
        name="job-search",
        # Waiting longer for a connection helps nobody (the database is away or the pool is
        # exhausted): answer an error, a 503 with Retry-After.
        timeout=CONNECT_TIMEOUT_SECONDS,
    )


class Statistics(msgspec.Struct, frozen=True):
    """What the planner statistics say about the jobs: how many are live, and in what share
    of jobs each common search word appears (``rare``: the share assumed for other words)."""

    live: int
    shares: dict[str, float]
    rare: float | None = None

    def expected_matches(self, words: list[str]) -> float | None:
        """Live jobs holding all these words, if the words were independent (None without
        statistics)."""
        if self.rare is None:
            return None
        expected = float(self.live)
        for word in words:
            expected *= self.shares.get(word, self.rare)
        return expected


_STATISTICS = _Sql(
    "SELECT (SELECT greatest(reltuples, 0)::bigint FROM pg_class "
    "WHERE oid = to_regclass(%(index)s)), s.most_common_elems::text::text[], "
    "s.most_common_elem_freqs FROM (SELECT 1) AS one LEFT JOIN pg_stats AS s "
    "ON s.schemaname = current_schema() AND s.tablename = 'jobs' "
    "AND s.attname = 'search_vector'",
    {},
)


class PgJobSearch(JobSearch):
    def __init__(
        self,
        pool: AsyncConnectionPool[Any],
        *,
        walk_from_live_jobs: int = 50_000,
        walk_window: int = 10_000,
        exact_count_below: int = 250,
        match_read_cost: float = 2.0,
    ) -> None:
        """``walk_from_live_jobs``: below this many live jobs every count is exact (the exact
        plan is cheap there). ``walk_window``: how many of the newest live jobs a first
        page's walk may visit before falling back to the exact plan (deep pages: see
        ``_walk_window``). ``exact_count_below``: an estimate under this is replaced by an exact
        count. ``match_read_cost``: what the exact plan pays per match, in walked jobs (it
        decides between the two; ``math.inf`` walks whenever the table is large enough)."""
        self._pool = pool
        self._walk_from = walk_from_live_jobs
        self._window = walk_window
        self._exact_below = exact_count_below
        self._match_cost = match_read_cost
        self._exact: dict[Shape, tuple[_Sql, _Sql, bool]] = {}
        self._statistics: tuple[float, Statistics] = (0.0, Statistics(live=0, shares={}))

    async def _fetch(self, sql: _Sql, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        values = {**sql.defaults, **params}
        async with self._pool.connection() as conn:
            try:
                cursor = await conn.execute(sql.text, values)
                rows: list[tuple[Any, ...]] = await cursor.fetchall()
                return rows
            except psycopg.OperationalError:
                if not conn.broken:
                    raise  # e.g. a statement timeout: the same query would fail again
        # The server restarted or cut the connection: drop the other dead idle connections
        # and run the read (safe to repeat) once more on a sound one.
        await self._pool.check()
        async with self._pool.connection() as conn:
            cursor = await conn.execute(sql.text, values)
            rows = await cursor.fetchall()
            return rows

    async def statistics(self) -> Statistics:
        """The planner statistics (autovacuum keeps them close), read at most once a minute."""
        checked, value = self._statistics
        if time.monotonic() - checked < 60:
            return value
        rows = await self._fetch(_STATISTICS, {"index": LIVE_INDEX})
        live, words, shares = rows[0] if rows else (0, None, None)
        if words and shares and len(shares) > len(words):
            # The list ends with the smallest and largest share and the share of nulls; a
            # word missing from it is rarer than the smallest: assume half that, as the
            # planner does.
            value = Statistics(
                live=int(live or 0),
                shares=dict(zip(words, shares, strict=False)),
                rare=shares[len(words)] / 2,
            )
        else:
            value = Statistics(live=int(live or 0), shares={})
        self._statistics = (time.monotonic(), value)
        return value

    async def search(
        self, filters: JobFilters, page: Page, *, include_inactive_of_company: int | None
    ) -> Listing[JobSummary]:
        shape, params = shape_of("postgresql", filters, include_inactive_of_company)
        page_params(params, page)
        _, inactive, _, ordering, _ = shape
        if not inactive and ordering.lstrip("-") == "created_at":
            stats = await self.statistics()
            if stats.live >= self._walk_from:
                window = self._walk_window(stats, filters, params)
                if window is not None:
                    walked = await self._walk(shape, params, page, stats.live, window)
                    if walked is not None:
                        return walked
        return await self._exact_search(shape, params, page)

    def _walk_window(
        self, stats: Statistics, filters: JobFilters, params: dict[str, Any]
    ) -> int | None:
        """How many of the newest live jobs to walk, or None when the exact plan costs less.

        A walk reads about ``found * live / matches`` jobs; the exact plan reads every match
        (the words' posting lists are intersected in the index), each costing
        ``match_read_cost`` walked jobs. The window leaves room for the estimate (words are
        not independent) and is a power of two, so that few distinct statements exist. A
        window over half the table is not worth the risk of failing: exact plan.
        Without statistics (a table never analysed), a first page walks ``walk_window`` jobs
        and a deep page 20 per wanted match."""
        found = params["off"] + params["lim"] + 1
        words = search_terms(filters.search) if filters.search else []
        places = place_lexemes(filters.location) if filters.location else []
        matches = stats.expected_matches([*words, *places])
        if matches is None:
            window = max(self._window, 20 * found)
            return window if window <= max(self._window, stats.live // 20) else None
        matches = max(matches, 1.0)
        walk = found * stats.live / matches
        if walk >= self._match_cost * matches:
            return None
        window = max(self._window, 1 << math.ceil(math.log2(2 * walk)))
        return window if window <= max(self._window, stats.live // 2) else None

    def _exact_sql(self, shape: Shape) -> tuple[_Sql, _Sql, bool]:
        if (cached := self._exact.get(shape)) is None:
            statement, count, selective = exact_statements(shape)
            cached = self._exact[shape] = (_compiled(statement), _compiled(count), selective)
        return cached

    async def _exact_search(
        self, shape: Shape, params: dict[str, Any], page: Page
    ) -> Listing[JobSummary]:
        statement, count, selective = self._exact_sql(shape)
        known: int | None = None
        if not selective:
            known = int((await self._fetch(count, params))[0][0])
            if not known or params["off"] >= known:
                return exact_result(known, page, [])
            params["known"] = known
        rows = await self._fetch(statement, params)
        if rows:
            total = int(rows[0][-1])
        elif known is not None:
            total = known
        else:
            total = int((await self._fetch(count, params))[0][0])
        return exact_result(total, page, [_summary(row) for row in rows])

    async def _walk(
        self, shape: Shape, params: dict[str, Any], page: Page, live: int, window: int
    ) -> Listing[JobSummary] | None:
        found = params["off"] + page.size + 1
        statement, count = _walk_sql(shape, window, page.size + 1, params["off"])
        rows = await self._fetch(statement, params)
        if len(rows) <= page.size:
            return None  # not found within the window: the exact plan decides
        items = [_summary(row) for row in rows[: page.size]]
        walked = max(1, int(rows[-1][-1]))
        # `found` of the `walked` newest live jobs match: the same share of all live jobs.
        estimate = max(found, round(max(live, walked) * found / walked))
        if estimate < self._exact_below:
            total = int((await self._fetch(count, params))[0][0])
            return Listing[JobSummary](count=total, items=items, has_more=True)
        return Listing[JobSummary](count=estimate, items=items, has_more=True, count_exact=False)


@functools.lru_cache(maxsize=1024)
def _walk_sql(shape: Shape, window: int, lim_more: int, off: int) -> tuple[_Sql, _Sql]:
    """(page with how far the walk went, exact count) for this shape.

    The window, limit and offset are written into the SQL rather than bound: PostgreSQL may
    then reuse one plan for every execution (planning costs about as much as a short walk),
    and a plan made without them would not know the walk stops early."""
    newest_first = shape[3].startswith("-")
    live = jobs.c.is_active.is_(True)

    def ordered(table: Any) -> tuple[Any, Any]:
        if newest_first:
            return table.c.created_at.desc(), table.c.id.desc()
        return table.c.created_at.asc(), table.c.id.asc()

    scan_jobs = jobs.alias("scan_jobs")
    # The newest (or oldest) `window` live jobs, in order, straight from the partial
    # index. The LIMIT keeps PostgreSQL from pushing the filters down or choosing another
    # index: the filters run on this stream, which stops as soon as the page is full.
    scan = (
        select(*scan_jobs.c, literal_column("scan_jobs.search_vector").label("search_vector"))
        .where(scan_jobs.c.is_active.is_(True))
        .order_by(*ordered(scan_jobs))
        .limit(literal_column(str(int(window))))
        .subquery("scan")
    )
    hits = (
        select(scan.c.id, scan.c.created_at)
        .where(*filter_criteria(shape, scan))
        .order_by(*ordered(scan))
        .limit(literal_column(str(int(lim_more))))
        .offset(literal_column(str(int(off))))
        .cte("hits")
    )
    # How far the walk went, in the same round trip: an index-only count of the live jobs
    # up to the last match.
    counted = jobs.alias("counted")
    if newest_first:
        reached = counted.c.created_at >= select(func.min(hits.c.created_at)).scalar_subquery()
    else:
        reached = counted.c.created_at <= select(func.max(hits.c.created_at)).scalar_subquery()
    walked = (
        select(func.count())
        .select_from(counted)
        .where(counted.c.is_active.is_(True), reached)
        .scalar_subquery()
    )
    page = (
        summary_select()
        .add_columns(walked.label("walked"))
        .join(hits, hits.c.id == jobs.c.id)
        .order_by(*ordered(hits))
    )
    count = select(func.count()).select_from(jobs).where(live, *filter_criteria(shape))
    return _compiled(page), _compiled(count)


_COLUMNS: tuple[str, ...] = tuple(column.key for column in summary_select().selected_columns)


_EXPECTED = (
    *SUMMARY_COLUMNS,
    "company_name",
    "company_logo",
    "company_description",
    "category_name",
    "job_type_name",
)
assert _COLUMNS == _EXPECTED, _COLUMNS  # _summary below unpacks rows in this order


def _summary(row: tuple[Any, ...]) -> JobSummary:
    """A summary straight from a row tuple (no per-row dict: 20 rows per request)."""
    (
        job_id,
        title,
        slug,
        company_id,
        _recruiter_id,
        category_id,
        job_type_id,
        location,
        salary_min,
        salary_max,
        salary_currency,
        experience_level,
        description,
        requirements,
        is_active,
        created_at,
        company_name,
        company_logo,
        _company_description,
        category_name,
        job_type_name,
    ) = row[: len(_EXPECTED)]
    return JobSummary(
        id=job_id,
        title=title,
        slug=slug,
        company=CompanyRef(id=company_id, name=company_name, logo=company_logo),
        category=None if category_id is None else Ref(id=category_id, name=category_name),
        job_type=None if job_type_id is None else Ref(id=job_type_id, name=job_type_name),
        location=location,
        salary_min=salary_min,
        salary_max=salary_max,
        salary_currency=salary_currency,
        experience_level=experience_level,
        description=description,
        requirements=requirements,
        is_active=is_active,
        created_at=created_at,
    )


__all__ = ["LIVE_INDEX", "PgJobSearch", "Statistics", "conninfo", "open_search_pool"]
