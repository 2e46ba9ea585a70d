from __future__ import annotations

from typing import Annotated, Any

from dishka.integrations.litestar import FromDishka
from litestar import Controller, Request, get, post
from litestar.params import QueryParameter

from adapters.http.accounts.schemas import (
    LinkedInCallbackResponse,
    LinkedInStartResponse,
    MeResponse,
)
from adapters.http.auth import Throttle
from adapters.http.i18n import locale_of
from adapters.http.openapi import errors
from core.domain.errors import ValidationFailed
from core.use_cases.accounts.complete_linkedin_sign_in import (
    CompleteLinkedInSignIn,
    CompleteLinkedInSignInCommand,
)
from core.use_cases.accounts.start_linkedin_sign_in import StartLinkedInSignIn

Req = Request[Any, Any, Any]


class LinkedInController(Controller):
    path = "/accounts/api/v1/linkedin/oauth"
    tags = ["LinkedIn"]

    @post(
        "/start/",
        status_code=200,
        summary="Start signing in with LinkedIn: where to send the user, and the state",
        responses=errors(404, 429),
    )
    async def start(
        self,
        request: Req,
        use_case: FromDishka[StartLinkedInSignIn],
        throttle: FromDishka[Throttle],
    ) -> LinkedInStartResponse:
        await throttle.check(request, "availability")
        result = await use_case()
        return LinkedInStartResponse(authorization_url=result.authorization_url, state=result.state)

    @get(
        "/callback/",
        summary="LinkedIn's redirect: sign the user in (linking or creating the account)",
        responses=errors(400, 403, 404, 409, 502),
    )
    async def callback(
        self,
        request: Req,
        use_case: FromDishka[CompleteLinkedInSignIn],
        code: Annotated[str | None, QueryParameter(max_length=2048)] = None,
        oauth_state: Annotated[str | None, QueryParameter(name="state", max_length=512)] = None,
        error: Annotated[str | None, QueryParameter(max_length=200)] = None,
        error_description: Annotated[str | None, QueryParameter(max_length=1000)] = None,
    ) -> LinkedInCallbackResponse:
        if error:
            raise ValidationFailed.single(
                "error", f"LinkedIn sign-in was not completed: {error_description or error}."
            )
        result = await use_case(
            CompleteLinkedInSignInCommand(
                code=code or "", state=oauth_state or "", locale=locale_of(request)
            )
        )
        return LinkedInCallbackResponse(
            access=result.tokens.access,
            refresh=result.tokens.refresh,
            created=result.created,
            user=MeResponse.of(result.user),
        )
