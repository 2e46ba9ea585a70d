"""Work experiences, educations and projects: the same five routes for each kind.

No ``from __future__ import annotations`` here: the handlers are built per kind and Litestar
must see their real body types.
"""

from typing import Any

import msgspec
from dishka.integrations.litestar import FromDishka
from litestar import Controller, Request, delete, get, patch, post
from litestar.params import FromPath, JSONBody

from adapters.http.current_user import CurrentUser
from adapters.http.openapi import errors
from adapters.http.pagination import Paginated, paginate_all
from adapters.http.profiles.schemas import EducationOut, ProjectOut, WorkExperienceOut
from core.domain.profiles.entries import (
    EducationChanges,
    EducationDetails,
    EntryKind,
    ProjectChanges,
    ProjectDetails,
    WorkExperienceChanges,
    WorkExperienceDetails,
)
from core.use_cases.profiles.add_profile_entry import AddProfileEntry, AddProfileEntryCommand
from core.use_cases.profiles.delete_profile_entry import (
    DeleteProfileEntry,
    DeleteProfileEntryCommand,
)
from core.use_cases.profiles.list_profile_entries import (
    ListProfileEntries,
    ListProfileEntriesCommand,
)
from core.use_cases.profiles.update_profile_entry import (
    UpdateProfileEntry,
    UpdateProfileEntryCommand,
)


def entry_controller(
    kind: EntryKind, path: str, tag: str, label: str, body_in: Any, body_patch: Any, out: Any
) -> type[Controller]:
    class EntryController(Controller):
        tags = [tag]

        @get("/", summary=f"List your {label}s", responses=errors(401, 403))
        async def list_entries(
            self,
            request: Request[Any, Any, Any],
            me: FromDishka[CurrentUser],
            use_case: FromDishka[ListProfileEntries],
        ) -> Paginated[out]:
            rows = await use_case(ListProfileEntriesCommand(actor=me.user, kind=kind))
            return paginate_all(request, msgspec.convert(rows, list[out]))

        @post("/", summary=f"Add a {label}", responses=errors(400, 401, 403))
        async def add(
            self,
            data: JSONBody[body_in],
            me: FromDishka[CurrentUser],
            use_case: FromDishka[AddProfileEntry],
        ) -> out:
            row = await use_case(AddProfileEntryCommand(actor=me.user, entry=data))
            return msgspec.convert(row, out)

        @patch(
            "/{entry_id:int}/",
            summary=f"Change one of your {label}s",
            responses=errors(400, 401, 403, 404),
        )
        async def change(
            self,
            entry_id: FromPath[int],
            data: JSONBody[body_patch],
            me: FromDishka[CurrentUser],
            use_case: FromDishka[UpdateProfileEntry],
        ) -> out:
            row = await use_case(
                UpdateProfileEntryCommand(actor=me.user, entry_id=entry_id, changes=data)
            )
            return msgspec.convert(row, out)

        @delete(
            "/{entry_id:int}/",
            summary=f"Delete one of your {label}s",
            responses=errors(401, 403, 404),
        )
        async def remove(
            self,
            entry_id: FromPath[int],
            me: FromDishka[CurrentUser],
            use_case: FromDishka[DeleteProfileEntry],
        ) -> None:
            await use_case(DeleteProfileEntryCommand(actor=me.user, kind=kind, entry_id=entry_id))

    EntryController.path = path
    EntryController.__name__ = EntryController.__qualname__ = f"{kind.title()}Controller"
    return EntryController


WorkExperienceController = entry_controller(
    "work_experience",
    "/accounts/api/v1/work-experiences",
    "Candidate profiles",
    "work experience",
    WorkExperienceDetails,
    WorkExperienceChanges,
    WorkExperienceOut,
)
EducationController = entry_controller(
    "education",
    "/accounts/api/v1/educations",
    "Candidate profiles",
    "education",
    EducationDetails,
    EducationChanges,
    EducationOut,
)
ProjectController = entry_controller(
    "project",
    "/accounts/api/v1/projects",
    "Candidate profiles",
    "project",
    ProjectDetails,
    ProjectChanges,
    ProjectOut,
)
