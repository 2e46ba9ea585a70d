from __future__ import annotations

import msgspec
from dishka.integrations.litestar import FromDishka
from litestar import Controller, get, patch
from litestar.params import JSONBody

from adapters.http.current_user import CurrentUser
from adapters.http.openapi import errors
from adapters.http.profiles.schemas import RecruiterProfileOut
from core.domain.profiles.recruiter import RecruiterProfileChanges
from core.use_cases.profiles.get_recruiter_profile import (
    GetRecruiterProfile,
    GetRecruiterProfileCommand,
)
from core.use_cases.profiles.update_recruiter_profile import (
    UpdateRecruiterProfile,
    UpdateRecruiterProfileCommand,
)


class RecruiterProfileController(Controller):
    path = "/accounts/api/v1/recruiter-profiles"
    tags = ["Recruiter profiles"]

    @get("/me/", summary="The current recruiter's profile", responses=errors(401, 403))
    async def me(
        self, me: FromDishka[CurrentUser], use_case: FromDishka[GetRecruiterProfile]
    ) -> RecruiterProfileOut:
        view = await use_case(GetRecruiterProfileCommand(actor=me.user))
        return msgspec.convert(msgspec.to_builtins(view), RecruiterProfileOut)

    @patch(
        "/me/", summary="Update the current recruiter's profile", responses=errors(400, 401, 403)
    )
    async def update(
        self,
        data: JSONBody[RecruiterProfileChanges],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[UpdateRecruiterProfile],
    ) -> RecruiterProfileOut:
        view = await use_case(UpdateRecruiterProfileCommand(actor=me.user, changes=data))
        return msgspec.convert(msgspec.to_builtins(view), RecruiterProfileOut)
