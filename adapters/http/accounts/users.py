from __future__ import annotations

from typing import Any

from dishka.integrations.litestar import FromDishka
from litestar import Controller, Request, get, patch, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import JSONBody

from adapters.http.accounts.schemas import (
    AvailabilityResponse,
    CheckEmailRequest,
    CheckUsernameRequest,
    ConfirmedUser,
    ConfirmEmailRequest,
    ConfirmEmailResponse,
    MeResponse,
    MessageResponse,
    RegisteredResponse,
    RegisterRequest,
    ResendRequest,
    VerificationStatusResponse,
)
from adapters.http.auth import Throttle
from adapters.http.current_user import CurrentUser, MaybeUser
from adapters.http.errors import TokenErrorBody
from adapters.http.i18n import locale_of, message
from adapters.http.openapi import errors
from core.domain.accounts.user import UserChanges
from core.use_cases.accounts.check_email import CheckEmail, CheckEmailCommand
from core.use_cases.accounts.check_username import CheckUsername, CheckUsernameCommand
from core.use_cases.accounts.confirm_email import ConfirmEmail, ConfirmEmailCommand
from core.use_cases.accounts.register_user import RegisterUser, RegisterUserCommand
from core.use_cases.accounts.resend_activation import ResendActivation, ResendActivationCommand
from core.use_cases.accounts.update_me import UpdateMe, UpdateMeCommand

Req = Request[Any, Any, Any]


class UsersController(Controller):
    path = "/accounts/api/v1/users"
    tags = ["User management"]

    @post(
        "/check_email/",
        status_code=200,
        summary="Is this e-mail address free to register? (case-insensitive)",
        responses=errors(400, 429),
    )
    async def check_email(
        self,
        request: Req,
        data: JSONBody[CheckEmailRequest],
        use_case: FromDishka[CheckEmail],
        throttle: FromDishka[Throttle],
    ) -> AvailabilityResponse:
        await throttle.check(request, "availability")
        result = await use_case(CheckEmailCommand(email=data.email))
        key = "email_available" if result.available else "email_taken"
        return AvailabilityResponse(
            available=result.available, message=message(key, locale_of(request))
        )

    @post(
        "/check_username/",
        status_code=200,
        summary="Is this username free? If not, up to 3 free alternatives",
        responses=errors(400, 429),
    )
    async def check_username(
        self,
        request: Req,
        data: JSONBody[CheckUsernameRequest],
        use_case: FromDishka[CheckUsername],
        throttle: FromDishka[Throttle],
    ) -> AvailabilityResponse:
        await throttle.check(request, "availability")
        result = await use_case(CheckUsernameCommand(username=data.username))
        if result.available:
            return AvailabilityResponse(
                available=True, message=message("username_available", locale_of(request))
            )
        return AvailabilityResponse(
            available=False,
            message=message("username_taken", locale_of(request)),
            suggestions=result.suggestions,
        )

    @post(
        "/",
        status_code=201,
        summary="Register a candidate or a recruiter (inactive until the e-mail is confirmed)",
        responses=errors(400, 413),
    )
    async def register(
        self, request: Req, data: JSONBody[RegisterRequest], use_case: FromDishka[RegisterUser]
    ) -> RegisteredResponse:
        locale = locale_of(request)
        user = await use_case(
            RegisterUserCommand(
                username=data.username,
                email=data.email,
                password=data.password,
                password2=data.password2,
                first_name=data.first_name,
                last_name=data.last_name,
                user_type=data.user_type,
                phone=data.phone,
                location=data.location,
                bio=data.bio,
                company_name=data.company_name,
                locale=locale,
            )
        )
        return RegisteredResponse(
            id=user.require_id(),
            username=user.username,
            email=user.email,
            first_name=user.first_name,
            last_name=user.last_name,
            user_type=str(user.user_type),
            is_active=user.is_active,
            created_at=user.created_at,
            message=message("registered", locale),
        )

    @get(
        "/email-verification/status/",
        summary="Is the current user's e-mail verified?",
        responses=errors(401, 403),
    )
    async def verification_status(
        self, request: Req, me: FromDishka[CurrentUser]
    ) -> VerificationStatusResponse:
        verified = me.user.email_verified
        return VerificationStatusResponse(
            is_verified=verified,
            is_active=me.user.is_active,
            message=message("verified" if verified else "not_verified", locale_of(request)),
        )

    @post(
        "/email-verification/resend/",
        status_code=200,
        summary="Send the activation e-mail again (signed in, or by e-mail address)",
        description="Without a bearer token, give `email`; the answer is the same whether or "
        "not such an account exists.",
        responses=errors(400, 401, 429),
    )
    async def resend(
        self,
        request: Req,
        caller: FromDishka[MaybeUser],
        use_case: FromDishka[ResendActivation],
        throttle: FromDishka[Throttle],
        data: JSONBody[ResendRequest | None] = None,
    ) -> MessageResponse:
        await throttle.check(request, "resend")
        locale = locale_of(request)
        if caller.user is not None:
            command = ResendActivationCommand(user_id=caller.user.require_id(), locale=locale)
        else:
            email = data.email if data else None
            command = ResendActivationCommand(email=email, locale=locale)
        outcome = await use_case(command)
        key = "already_verified" if outcome.already_verified else "activation_sent"
        return MessageResponse(message=message(key, locale))

    @post(
        "/email-verification/confirm/",
        status_code=200,
        summary="Activate the account with the e-mailed token",
        responses={
            **errors(413),
            400: ResponseSpec(
                data_container=TokenErrorBody,
                description="Invalid, expired or forged token: `error` says so. A malformed "
                "body answers `errors`, naming the field at fault.",
            ),
        },
    )
    async def confirm(
        self, request: Req, data: JSONBody[ConfirmEmailRequest], use_case: FromDishka[ConfirmEmail]
    ) -> ConfirmEmailResponse:
        result = await use_case(ConfirmEmailCommand(token=data.token))
        user = result.user
        locale = locale_of(request)
        if result.already_verified:
            return ConfirmEmailResponse(
                message=message("already_verified", locale),
                user=ConfirmedUser(id=user.require_id(), is_active=user.is_active),
            )
        return ConfirmEmailResponse(
            message=message("email_confirmed", locale),
            user=ConfirmedUser(
                id=user.require_id(),
                username=user.username,
                email=user.email,
                is_active=user.is_active,
            ),
        )

    @get("/me/", summary="The current user", responses=errors(401, 403))
    async def me(self, me: FromDishka[CurrentUser]) -> MeResponse:
        return MeResponse.of(me.user)

    @patch(
        "/me/",
        summary="Update the current user's own editable fields",
        description="Editable: first_name, last_name, phone, location, bio, profile_picture. "
        "Any other field (user_type, is_active, email, id, timestamps...) is refused with 400.",
        responses=errors(400, 401, 403),
    )
    async def update_me(
        self,
        data: JSONBody[UserChanges],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[UpdateMe],
    ) -> MeResponse:
        user = await use_case(UpdateMeCommand(user_id=me.id, changes=data))
        return MeResponse.of(user)


__all__ = ["UsersController"]
