from __future__ import annotations

from typing import Any

from dishka.integrations.litestar import FromDishka
from litestar import Controller, Request, post
from litestar.params import JSONBody

from adapters.http.accounts.schemas import (
    DetailResponse,
    LoginRequest,
    PasswordResetConfirmRequest,
    PasswordResetRequest,
    RefreshRequest,
    TokenPairResponse,
    VerifyRequest,
    VerifyResponse,
)
from adapters.http.auth import Throttle
from adapters.http.i18n import locale_of, message
from adapters.http.openapi import errors
from core.domain.accounts.identifiers import email_key, login_key
from core.use_cases.accounts.confirm_password_reset import (
    ConfirmPasswordReset,
    ConfirmPasswordResetCommand,
)
from core.use_cases.accounts.logout import Logout, LogoutCommand
from core.use_cases.accounts.obtain_tokens import ObtainTokens, ObtainTokensCommand
from core.use_cases.accounts.refresh_tokens import RefreshTokens, RefreshTokensCommand
from core.use_cases.accounts.request_password_reset import (
    RequestPasswordReset,
    RequestPasswordResetCommand,
)
from core.use_cases.accounts.verify_token import VerifyToken, VerifyTokenCommand

Req = Request[Any, Any, Any]


class AuthController(Controller):
    path = "/accounts/api/v1/auth"
    tags = ["Authentication"]

    @post(
        "/token/",
        status_code=200,
        summary="Log in (username or e-mail) and obtain an access/refresh token pair",
        responses=errors(400, 401, 403, 429),
    )
    async def obtain(
        self,
        request: Req,
        data: JSONBody[LoginRequest],
        use_case: FromDishka[ObtainTokens],
        throttle: FromDishka[Throttle],
    ) -> TokenPairResponse:
        async with throttle.login_attempt(request, login_key(data.username)):
            pair = await use_case(ObtainTokensCommand(login=data.username, password=data.password))
        return TokenPairResponse(access=pair.access, refresh=pair.refresh)

    @post(
        "/token/refresh/",
        status_code=200,
        summary="Rotate a refresh token: a new access and a new refresh token",
        description="Each refresh token works once. Presenting one that was already rotated "
        "revokes its whole session (token family).",
        responses=errors(400, 401),
    )
    async def refresh(
        self, data: JSONBody[RefreshRequest], use_case: FromDishka[RefreshTokens]
    ) -> TokenPairResponse:
        pair = await use_case(RefreshTokensCommand(refresh=data.refresh))
        return TokenPairResponse(access=pair.access, refresh=pair.refresh)

    @post(
        "/token/verify/",
        status_code=200,
        summary="Check that an access or refresh token would be accepted right now",
        description="Both kinds are verified; `token_type` says which one it is (`access`: "
        "accepted by authenticated operations; `refresh`: accepted once by `token/refresh/`). "
        "A token of an ended session (logout, reuse of a rotated refresh token, password "
        "reset), of a disabled account or an already rotated refresh token answers 401.",
        responses=errors(400, 401),
    )
    async def verify(
        self, request: Req, data: JSONBody[VerifyRequest], use_case: FromDishka[VerifyToken]
    ) -> VerifyResponse:
        verified = await use_case(VerifyTokenCommand(token=data.token))
        return VerifyResponse(
            detail=message("token_valid", locale_of(request)), token_type=verified.token_type
        )

    @post(
        "/logout/",
        status_code=200,
        summary="Log out: end the session of this refresh token",
        description="The refresh token, every token rotated from it and every access token "
        "of the session stop working at once.",
        responses=errors(400, 401),
    )
    async def logout(
        self, request: Req, data: JSONBody[RefreshRequest], use_case: FromDishka[Logout]
    ) -> DetailResponse:
        await use_case(LogoutCommand(refresh=data.refresh))
        return DetailResponse(detail=message("logged_out", locale_of(request)))

    @post(
        "/password-reset/",
        status_code=200,
        summary="E-mail a password reset link (same answer whether or not the account exists)",
        responses=errors(400, 429),
    )
    async def password_reset(
        self,
        request: Req,
        data: JSONBody[PasswordResetRequest],
        use_case: FromDishka[RequestPasswordReset],
        throttle: FromDishka[Throttle],
    ) -> DetailResponse:
        await throttle.check(request, "password_reset")
        await throttle.check_key("password_reset", "email:" + email_key(data.email))
        locale = locale_of(request)
        await use_case(RequestPasswordResetCommand(email=data.email, locale=locale))
        return DetailResponse(detail=message("reset_sent", locale))

    @post(
        "/password-reset/confirm/",
        status_code=200,
        summary="Set a new password with the e-mailed token; ends every existing session",
        responses=errors(400),
    )
    async def password_reset_confirm(
        self,
        request: Req,
        data: JSONBody[PasswordResetConfirmRequest],
        use_case: FromDishka[ConfirmPasswordReset],
    ) -> DetailResponse:
        await use_case(
            ConfirmPasswordResetCommand(
                token=data.token, password=data.password, password_confirm=data.password_confirm
            )
        )
        return DetailResponse(detail=message("reset_done", locale_of(request)))
