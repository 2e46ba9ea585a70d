from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

import msgspec
from dishka.integrations.litestar import FromDishka
from litestar import Controller, Request, delete, get, patch, post
from litestar.params import FromPath, JSONBody, QueryParameter

from adapters.http.current_user import CurrentUser, MaybeUser
from adapters.http.openapi import errors
from adapters.http.pagination import Paginated, page_of, paginate, paginate_all
from adapters.http.query import bool_param, id_or_name, int_param
from core.domain.errors import ValidationFailed
from core.domain.jobs.job import JobChanges, JobDetails
from core.domain.jobs.views import JOB_ORDERINGS, JobDetail, JobFilters, JobSummary, Ref
from core.use_cases.jobs.create_job import CreateJob, CreateJobCommand, JobCreated
from core.use_cases.jobs.delete_job import DeleteJob, DeleteJobCommand
from core.use_cases.jobs.get_job import GetJob, GetJobCommand
from core.use_cases.jobs.list_categories import ListCategories
from core.use_cases.jobs.list_job_types import ListJobTypes
from core.use_cases.jobs.list_jobs import ListJobs, ListJobsCommand
from core.use_cases.jobs.update_job import UpdateJob, UpdateJobCommand

Req = Request[Any, Any, Any]
Q = Annotated[str | None, QueryParameter(max_length=200)]
T = TypeVar("T")


class JobList(Paginated[T], Generic[T], kw_only=True):
    #: False when ``count`` is an estimate (a broad search over a very large table); ``next``
    #: is exact either way.
    count_exact: bool = True


class CategoryController(Controller):
    path = "/jobs/api/v1"
    tags = ["Jobs"]

    @get("/categories/", summary="Job categories (reference data)")
    async def categories(
        self, request: Request[Any, Any, Any], use_case: FromDishka[ListCategories]
    ) -> Paginated[Ref]:
        return paginate_all(request, await use_case())

    @get("/job-types/", summary="Job types (reference data)")
    async def job_types(
        self, request: Request[Any, Any, Any], use_case: FromDishka[ListJobTypes]
    ) -> Paginated[Ref]:
        return paginate_all(request, await use_case())


class JobController(Controller):
    path = "/jobs/api/v1/jobs"
    tags = ["Jobs"]

    @get(
        "/",
        summary="Search jobs",
        description="`search` matches every word (whole, case- and accent-insensitive) in "
        "title and description; `location` every word in the location; "
        "`min_salary`/`max_salary` keep jobs whose salary range overlaps; `category` is an id "
        "or a name as `categories/` shows it; `job_type` an id, a code (`full_time`...) or a "
        "name as `job-types/` shows it; `experience_level`: intern, junior, mid, senior, lead; "
        "`ordering`: " + ", ".join(JOB_ORDERINGS) + ". "
        "`is_active=false` lists your own company's inactive jobs.",
        responses=errors(400),
    )
    async def list_jobs(
        self,
        request: Req,
        viewer: FromDishka[MaybeUser],
        use_case: FromDishka[ListJobs],
        search: Q = None,
        category: Q = None,
        job_type: Q = None,
        location: Q = None,
        experience_level: Q = None,
        min_salary: Q = None,
        max_salary: Q = None,
        is_active: Q = None,
        company: Q = None,
        ordering: Q = None,
        page: Q = None,
        limit: Q = None,
    ) -> JobList[JobSummary]:
        pagination = page_of(request)
        if ordering and ordering not in JOB_ORDERINGS:
            raise ValidationFailed.single("ordering", f"Choose one of: {', '.join(JOB_ORDERINGS)}.")
        filters = JobFilters(
            search=search,
            category=id_or_name("category", category),
            job_type=id_or_name("job_type", job_type),
            location=location,
            experience_level=experience_level,
            min_salary=int_param("min_salary", min_salary),
            max_salary=int_param("max_salary", max_salary),
            is_active=bool_param("is_active", is_active),
            company=int_param("company", company),
            ordering=ordering or "-created_at",
        )
        found = await use_case(
            ListJobsCommand(viewer=viewer.user, filters=filters, page=pagination)
        )
        envelope = paginate(request, pagination, found)
        return JobList(**msgspec.structs.asdict(envelope), count_exact=found.count_exact)

    @post(
        "/",
        summary="Post a job (recruiters of the company)",
        responses=errors(400, 401, 402, 403),
    )
    async def create(
        self,
        data: JSONBody[JobDetails],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[CreateJob],
    ) -> JobCreated:
        return await use_case(CreateJobCommand(actor=me.user, details=data))

    @get("/{job_id:int}/", summary="A job", responses=errors(404))
    async def detail(
        self, job_id: FromPath[int], viewer: FromDishka[MaybeUser], use_case: FromDishka[GetJob]
    ) -> JobDetail:
        return await use_case(GetJobCommand(viewer=viewer.user, job_id=job_id))

    @patch(
        "/{job_id:int}/",
        summary="Change a job (its recruiter or the company admin)",
        responses=errors(400, 401, 403, 404),
    )
    async def update(
        self,
        job_id: FromPath[int],
        data: JSONBody[JobChanges],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[UpdateJob],
    ) -> JobDetail:
        return await use_case(UpdateJobCommand(actor=me.user, job_id=job_id, changes=data))

    @delete(
        "/{job_id:int}/",
        summary="Withdraw a job (soft delete: it becomes inactive)",
        responses=errors(401, 403, 404),
    )
    async def remove(
        self, job_id: FromPath[int], me: FromDishka[CurrentUser], use_case: FromDishka[DeleteJob]
    ) -> None:
        await use_case(DeleteJobCommand(actor=me.user, job_id=job_id))
