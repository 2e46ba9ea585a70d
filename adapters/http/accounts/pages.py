"""The pages e-mailed links open when no frontend is configured (``HIREFLOW_FRONTEND_URL``):
``/activate?token=`` confirms the address and says so; ``/reset-password?token=`` shows a form
that sets the new password. Plain HTML, no script, nothing fetched from elsewhere; in English
or French by Accept-Language."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from dishka.integrations.litestar import FromDishka
from jinja2 import Environment, PackageLoader, select_autoescape
from litestar import Controller, MediaType, Request, Response, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, QueryParameter

from adapters.http.i18n import locale_of
from core.domain.errors import ValidationFailed
from core.use_cases.accounts.confirm_email import ConfirmEmail, ConfirmEmailCommand
from core.use_cases.accounts.confirm_password_reset import (
    ConfirmPasswordReset,
    ConfirmPasswordResetCommand,
)

Req = Request[Any, Any, Any]
Token = Annotated[str, QueryParameter(max_length=2048)]

_TEMPLATES = Environment(
    loader=PackageLoader("adapters.http", "templates"),
    autoescape=select_autoescape(["html"]),
)

TEXTS = {
    "en": {
        "activated_title": "Your e-mail address is confirmed",
        "activated": "Your account is active: you can now log in.",
        "already_title": "Already confirmed",
        "already": "This address was confirmed before; your account is ready.",
        "activation_failed_title": "This link does not work",
        "activation_failed": "The activation link is invalid or has expired. Ask for a new one "
        "from the login page.",
        "reset_title": "Choose a new password",
        "reset_intro": "At least 8 characters, not only digits, not a common password.",
        "password": "New password",
        "confirm": "Confirm the new password",
        "submit": "Set the password",
        "reset_done_title": "Your password is changed",
        "reset_done": "You can log in with your new password. Every other session was ended.",
        "reset_failed_title": "This link does not work",
        "reset_failed": "The reset link is invalid, expired or already used. Ask for a new one.",
    },
    "fr": {
        "activated_title": "Votre adresse e-mail est confirmée",
        "activated": "Votre compte est actif : vous pouvez maintenant vous connecter.",
        "already_title": "Déjà confirmée",
        "already": "Cette adresse a déjà été confirmée ; votre compte est prêt.",
        "activation_failed_title": "Ce lien ne fonctionne pas",
        "activation_failed": "Le lien d'activation est invalide ou a expiré. Demandez-en un "
        "nouveau depuis la page de connexion.",
        "reset_title": "Choisissez un nouveau mot de passe",
        "reset_intro": "Au moins 8 caractères, pas uniquement des chiffres, pas un mot de passe "
        "courant.",
        "password": "Nouveau mot de passe",
        "confirm": "Confirmez le nouveau mot de passe",
        "submit": "Enregistrer le mot de passe",
        "reset_done_title": "Votre mot de passe est changé",
        "reset_done": "Connectez-vous avec votre nouveau mot de passe. Toutes les autres "
        "sessions ont été fermées.",
        "reset_failed_title": "Ce lien ne fonctionne pas",
        "reset_failed": "Le lien de réinitialisation est invalide, expiré ou déjà utilisé. "
        "Demandez-en un nouveau.",
    },
}


class ResetForm(msgspec.Struct, kw_only=True):
    token: str = ""
    password: str = ""
    password_confirm: str = ""


def _page(request: Req, status: int = 200, **values: Any) -> Response[str]:
    lang = locale_of(request)
    html = _TEMPLATES.get_template("page.html").render(lang=lang, **values)
    return Response(
        html,
        status_code=status,
        media_type=MediaType.HTML,
        headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"},
    )


def _texts(request: Req) -> dict[str, str]:
    return TEXTS[locale_of(request)]


class AccountPagesController(Controller):
    path = "/"
    include_in_schema = False

    @get("/activate/", summary="The page an activation link opens")
    async def activate(
        self, request: Req, use_case: FromDishka[ConfirmEmail], token: Token = ""
    ) -> Response[str]:
        t = _texts(request)
        try:
            result = await use_case(ConfirmEmailCommand(token=token))
        except ValidationFailed:
            return _page(
                request,
                400,
                title=t["activation_failed_title"],
                message=t["activation_failed"],
                failed=True,
            )
        if result.already_verified:
            return _page(request, title=t["already_title"], message=t["already"])
        return _page(request, title=t["activated_title"], message=t["activated"])

    @get("/reset-password/", summary="The page a password-reset link opens")
    async def reset_form(self, request: Req, token: Token = "") -> Response[str]:
        return self._form(request, token)

    @post("/reset-password/", summary="The reset form's submission", status_code=200)
    async def reset(
        self,
        request: Req,
        use_case: FromDishka[ConfirmPasswordReset],
        data: Annotated[ResetForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
    ) -> Response[str]:
        t = _texts(request)
        try:
            await use_case(
                ConfirmPasswordResetCommand(
                    token=data.token,
                    password=data.password,
                    password_confirm=data.password_confirm,
                )
            )
        except ValidationFailed as failed:
            if "token" in failed.errors:
                return _page(
                    request,
                    400,
                    title=t["reset_failed_title"],
                    message=t["reset_failed"],
                    failed=True,
                )
            problems = [p for messages in failed.errors.values() for p in messages]
            return self._form(request, data.token, problems=problems, status=400)
        return _page(request, title=t["reset_done_title"], message=t["reset_done"])

    @staticmethod
    def _form(
        request: Req, token: str, *, problems: list[str] | None = None, status: int = 200
    ) -> Response[str]:
        t = _texts(request)
        return _page(
            request,
            status,
            title=t["reset_title"],
            message=t["reset_intro"],
            problems=problems or [],
            form={
                "action": "/reset-password/",
                "token": token,
                "password_label": t["password"],
                "confirm_label": t["confirm"],
                "submit": t["submit"],
            },
        )
