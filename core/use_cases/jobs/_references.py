from __future__ import annotations

from core.ports.job_repository import JobQueries


async def reference_problems(
    values: dict[str, object], queries: JobQueries
) -> dict[str, list[str]]:
    """Unknown category or job type ids among a job's values."""
    errors: dict[str, list[str]] = {}
    category = values.get("category_id")
    if category is not None and not await queries.category_exists(int(category)):  # type: ignore[call-overload]
        errors["category"] = [f"Unknown category {category}."]
    job_type = values.get("job_type_id")
    if job_type is not None and await queries.job_type_id(int(job_type)) is None:  # type: ignore[call-overload]
        errors["job_type"] = [f"Unknown job type {job_type}."]
    return errors
