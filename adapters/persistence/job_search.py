"""The public job search on any SQL database the app supports, and the pieces (statements per
shape, row → summary) that the PostgreSQL fast path shares with it."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import (
    BigInteger,
    Integer,
    String,
    bindparam,
    cast,
    func,
    literal,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import ColumnElement

from adapters.persistence.tables.companies import companies
from adapters.persistence.tables.jobs import job_categories, job_types, jobs
from core.domain.jobs.views import CompanyRef, JobFilters, JobSummary, Ref
from core.domain.pages import Listing, Page
from core.ports.job_search import JobSearch

_WORD = re.compile(r"\w+", re.UNICODE)
#: What lists show: every column but ``benefits`` and ``updated_at`` (detail page only).
SUMMARY_COLUMNS = tuple(c.key for c in jobs.c if c.key not in ("benefits", "updated_at"))


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_terms(search: str) -> list[str]:
    """Words of the query, case- and accent-folded as the indexes fold the jobs' text."""
    return [_fold(w) for w in _WORD.findall(search)][:10]


def place_lexemes(location: str) -> list[str]:
    """The words of a location filter as PostgreSQL's index holds them (migration 0008):
    ``@paris``, apart from title and description words."""
    return [f"@{word}" for word in search_terms(location)]


def lexeme_query(lexemes: list[str]) -> str:
    """A tsquery matching every one of these lexemes, as given (no parsing)."""
    return " & ".join(f"'{lexeme}'" for lexeme in lexemes)


_ORDER_COLUMNS = {
    "created_at": jobs.c.created_at,
    "salary_min": jobs.c.salary_min,
    "salary_max": jobs.c.salary_max,
    "title": jobs.c.title,
}

#: A search's shape: the dialect, whether it lists inactive jobs, how job_type is given, the
#: ordering and which filters are present. Statements are built once per shape and reused with
#: new values: building a CTE, subqueries and a dozen comparisons with SQLAlchemy costs more
#: CPU per request than sending and reading the query.
Shape = tuple[str, bool, str | None, str, tuple[str, ...]]

#: Search statements by shape: a few dozen at most, immutable, shared by every request.
_STATEMENTS: dict[Shape, tuple[Any, Any, bool]] = {}


def shape_of(
    dialect: str, filters: JobFilters, include_inactive_of_company: int | None
) -> tuple[Shape, dict[str, Any]]:
    """What decides the statement's structure, and the values it binds."""
    params: dict[str, Any] = {}
    inactive = filters.is_active is False
    if inactive:
        params["own"] = include_inactive_of_company
    # Every word of the search (in title or description) and of the location filter (in the
    # location), whole, case- and accent-insensitively, through one index: on PostgreSQL one
    # GIN lookup intersects all the words' posting lists. Whole words rather than prefixes: a
    # prefix query (``word:*``) cannot use the GIN posting trees and must recheck every
    # candidate row's tsvector, which made the common queries 5-25x slower at 100k jobs.
    terms = search_terms(filters.search) if filters.search else []
    if dialect == "postgresql":
        if terms:
            params["tsq"] = " & ".join(terms)
        if filters.location and (lexemes := place_lexemes(filters.location)):
            params["ltsq"] = lexeme_query(lexemes)
    else:
        places = search_terms(filters.location) if filters.location else []
        if terms or places:
            params["fts"] = " AND ".join(
                [f'{{title description}} : "{t}"' for t in terms]
                + [f'location : "{p}"' for p in places]
            )
    job_type_kind = None
    if filters.job_type is not None:
        job_type_kind = "id" if isinstance(filters.job_type, int) else "code"
        params["job_type"] = filters.job_type
    for name, value in (
        ("category", filters.category),
        ("level", filters.experience_level or None),
        ("company", filters.company),
        ("min_salary", filters.min_salary),
        ("max_salary", filters.max_salary),
    ):
        if value is not None:
            params[name] = value
    shape: Shape = (
        dialect,
        inactive,
        job_type_kind,
        filters.ordering,
        tuple(sorted(k for k in params if k not in ("own", "job_type"))),
    )
    return shape, params


def filter_criteria(shape: Shape, table: Any = jobs) -> list[ColumnElement[bool]]:
    """The filters other than ``is_active``, on ``table`` (``jobs`` or an alias of it)."""
    _, inactive, job_type_kind, _, present = shape
    c = table.c
    criteria: list[ColumnElement[bool]] = []
    if inactive:
        criteria.append(c.company_id == bindparam("own"))
    if "category" in present:
        criteria.append(c.category_id == bindparam("category"))
    if job_type_kind == "id":
        criteria.append(c.job_type_id == bindparam("job_type"))
    elif job_type_kind == "code":
        codes = select(job_types.c.id).where(job_types.c.code == bindparam("job_type"))
        criteria.append(c.job_type_id.in_(codes))
    if "level" in present:
        criteria.append(c.experience_level == bindparam("level"))
    if "company" in present:
        criteria.append(c.company_id == bindparam("company"))
    # Ranges overlap: a job is kept if its range meets [min_salary, max_salary]. The bounds are
    # bound as 64-bit: the columns are 32-bit on PostgreSQL, and a filter past 2^31 (any int64
    # the edge accepts) must compare, not fail as out of range.
    if "min_salary" in present:
        low = bindparam("min_salary", type_=BigInteger)
        criteria.append(func.coalesce(c.salary_max, c.salary_min) >= low)
    if "max_salary" in present:
        high = bindparam("max_salary", type_=BigInteger)
        criteria.append(func.coalesce(c.salary_min, c.salary_max) <= high)
    # The text match last: where these conditions are evaluated in order (the walk of the
    # PostgreSQL adapter), the cheap comparisons spare most rows reading their tsvector.
    query: ColumnElement[Any] | None = None
    if "tsq" in present:
        query = func.to_tsquery("simple", bindparam("tsq", type_=String))
    if "ltsq" in present:
        place = cast(bindparam("ltsq", type_=String), TSQUERY)
        query = place if query is None else query.op("&&")(place)
    if query is not None:
        criteria.append(_vector_matches(table, query))
    if "fts" in present:
        criteria.append(_fts_matches(table, bindparam("fts", type_=String)))
    return criteria


def _vector_matches(table: Any, query: ColumnElement[Any]) -> ColumnElement[bool]:
    """PostgreSQL: the job's ``search_vector`` (migrations, not ``tables.py``) matches."""
    matches: ColumnElement[bool] = literal_column(f"{table.name}.search_vector").op("@@")(query)
    return matches


def _fts_matches(table: Any, match: Any) -> ColumnElement[bool]:
    """SQLite: the job is among the FTS5 index's answers to ``match``."""
    rowids = text("SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH :fts").bindparams(match)
    found: ColumnElement[bool] = table.c.id.in_(rowids)
    return found


def location_words(dialect: str, location: str, table: Any = jobs) -> ColumnElement[bool] | None:
    """Jobs whose location holds every word of ``location`` (None: no word, no filter), for
    queries other than the list's (which folds them into its one index lookup)."""
    if dialect == "postgresql":
        lexemes = place_lexemes(location)
        if not lexemes:
            return None
        return _vector_matches(table, cast(literal(lexeme_query(lexemes)), TSQUERY))
    places = search_terms(location)
    if not places:
        return None
    match = " AND ".join(f'location : "{p}"' for p in places)
    return _fts_matches(table, bindparam("fts", match, type_=String))


def _criteria(shape: Shape) -> list[ColumnElement[bool]]:
    active = jobs.c.is_active.is_(not shape[1])
    return [active, *filter_criteria(shape)]


def exact_statements(shape: Shape) -> tuple[Any, Any, bool]:
    """(page statement, count statement, selective) for this shape, built once.

    The page statement returns the page's summaries with the exact total in a ``total``
    column; the count statement answers when the page is empty."""
    if (cached := _STATEMENTS.get(shape)) is not None:
        return cached
    dialect, _, _, ordering, present = shape
    criteria = _criteria(shape)
    column = _ORDER_COLUMNS.get(ordering.lstrip("-"), jobs.c.created_at)
    descending = ordering.startswith("-")
    selective = bool({"tsq", "ltsq", "fts"} & set(present))
    if selective:
        # Search and location words use their index (GIN / FTS5): collect
        # the matches once, count them and take the page from that set. (Left alone,
        # PostgreSQL may walk the created_at index and filter 100k rows for 20 results.)
        matched = select(jobs.c.id, column.label("sort_key")).where(*criteria).cte("matched")
        if dialect == "postgresql":
            matched = matched.prefix_with("MATERIALIZED")
        source: Any = matched
        total: Any = select(func.count()).select_from(matched).scalar_subquery()
        count = select(func.count()).select_from(matched)
    else:
        # No text filter: count with the plain indexes, then walk the ordering index and
        # stop after the page.
        source = select(jobs.c.id, column.label("sort_key")).where(*criteria).subquery()
        total = bindparam("known", type_=Integer)
        count = select(func.count()).select_from(jobs).where(*criteria)
    key = source.c.sort_key.desc() if descending else source.c.sort_key.asc()
    tiebreak = source.c.id.desc() if descending else source.c.id.asc()
    chosen = (
        select(source.c.id, source.c.sort_key, total.label("total"))
        .order_by(key.nulls_last(), tiebreak)
        .limit(bindparam("lim", type_=Integer))
        .offset(bindparam("off", type_=Integer))
        .subquery("chosen")
    )
    outer_key = chosen.c.sort_key.desc() if descending else chosen.c.sort_key.asc()
    outer_tiebreak = chosen.c.id.desc() if descending else chosen.c.id.asc()
    page = (
        summary_select()
        .add_columns(chosen.c.total)
        .join(chosen, chosen.c.id == jobs.c.id)
        .order_by(outer_key.nulls_last(), outer_tiebreak)
    )
    _STATEMENTS[shape] = (page, count, selective)
    return page, count, selective


def summary_select() -> Any:
    return (
        select(
            *(jobs.c[name] for name in SUMMARY_COLUMNS),
            companies.c.name.label("company_name"),
            companies.c.logo.label("company_logo"),
            companies.c.description.label("company_description"),
            job_categories.c.name.label("category_name"),
            job_types.c.name.label("job_type_name"),
        )
        .join(companies, companies.c.id == jobs.c.company_id)
        .outerjoin(job_categories, job_categories.c.id == jobs.c.category_id)
        .outerjoin(job_types, job_types.c.id == jobs.c.job_type_id)
    )


def refs(d: Any) -> dict[str, Any]:
    return {
        "category": Ref(id=d["category_id"], name=d["category_name"])
        if d["category_id"] is not None
        else None,
        "job_type": Ref(id=d["job_type_id"], name=d["job_type_name"])
        if d["job_type_id"] is not None
        else None,
    }


def summary(d: Any) -> JobSummary:
    return JobSummary(
        id=d["id"],
        title=d["title"],
        slug=d["slug"],
        company=CompanyRef(id=d["company_id"], name=d["company_name"], logo=d["company_logo"]),
        location=d["location"],
        salary_min=d["salary_min"],
        salary_max=d["salary_max"],
        salary_currency=d["salary_currency"],
        experience_level=d["experience_level"],
        description=d["description"],
        requirements=d["requirements"],
        is_active=d["is_active"],
        created_at=d["created_at"],
        **refs(d),
    )


def page_params(params: dict[str, Any], page: Page) -> dict[str, Any]:
    params["lim"] = page.size
    params["off"] = (page.number - 1) * page.size
    return params


def exact_result(total: int, page: Page, items: list[JobSummary]) -> Listing[JobSummary]:
    offset = (page.number - 1) * page.size
    return Listing[JobSummary](count=total, items=items, has_more=offset + len(items) < total)


class SqlJobSearch(JobSearch):
    """Exact counts and pages through SQLAlchemy: the embedded SQLite default (FTS5), and any
    database without a dedicated adapter."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def search(
        self, filters: JobFilters, page: Page, *, include_inactive_of_company: int | None
    ) -> Listing[JobSummary]:
        """The page's jobs and the total, in one statement when there are results (the page's
        ids, sort keys and the count come from a subquery the summaries join)."""
        session = self._session
        dialect = session.get_bind().dialect.name
        shape, params = shape_of(dialect, filters, include_inactive_of_company)
        statement, count, selective = exact_statements(shape)
        page_params(params, page)
        known: int | None = None
        if not selective:
            known = int((await session.execute(count, params)).scalar_one())
            if not known or params["off"] >= known:
                return exact_result(known, page, [])
            params["known"] = known
        rows = (await session.execute(statement, params)).all()
        if rows:
            total = int(rows[0].total)
        elif known is not None:
            total = known
        else:
            total = int((await session.execute(count, params)).scalar_one())
        return exact_result(total, page, [summary(row._mapping) for row in rows])


__all__ = [
    "SUMMARY_COLUMNS",
    "SqlJobSearch",
    "exact_statements",
    "filter_criteria",
    "refs",
    "search_terms",
    "shape_of",
    "summary",
    "summary_select",
]
