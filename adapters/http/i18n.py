"""The few sentences the API itself says, in English and French, chosen by Accept-Language."""

from __future__ import annotations

from typing import Any

from litestar import Request

SUPPORTED = ("en", "fr")

MESSAGES: dict[str, dict[str, str]] = {
    "email_available": {
        "en": "Email is available",
        "fr": "Cette adresse e-mail est disponible",
    },
    "email_taken": {
        "en": "This email is already used",
        "fr": "Cette adresse e-mail est déjà utilisée",
    },
    "username_available": {
        "en": "Username is available",
        "fr": "Ce nom d'utilisateur est disponible",
    },
    "username_taken": {
        "en": "This username is already taken",
        "fr": "Ce nom d'utilisateur est déjà pris",
    },
    "registered": {
        "en": "Your account has been created. An activation email has been sent to your "
        "address. Please check your inbox (and your spam folder) to activate your account "
        "before logging in.",
        "fr": "Votre compte a été créé avec succès. Un email d'activation a été envoyé à votre "
        "adresse. Veuillez vérifier votre boîte de réception (et vos spams) pour activer votre "
        "compte avant de vous connecter.",
    },
    "verified": {"en": "Email is verified", "fr": "Votre adresse e-mail est vérifiée"},
    "not_verified": {
        "en": "Email not verified. Please check your email for activation link.",
        "fr": "Adresse e-mail non vérifiée. Consultez vos e-mails pour trouver le lien "
        "d'activation.",
    },
    "activation_sent": {
        "en": "Activation email sent successfully. Please check your inbox.",
        "fr": "L'e-mail d'activation a été envoyé. Veuillez vérifier votre boîte de réception.",
    },
    "already_verified": {
        "en": "Email is already verified.",
        "fr": "L'adresse e-mail est déjà vérifiée.",
    },
    "email_confirmed": {
        "en": "Email verified successfully. Your account is now active.",
        "fr": "Adresse e-mail vérifiée. Votre compte est maintenant actif.",
    },
    "token_valid": {"en": "Token is valid", "fr": "Le jeton est valide"},
    "reset_sent": {
        "en": "Password reset email sent if account exists",
        "fr": "Un e-mail de réinitialisation a été envoyé si le compte existe",
    },
    "reset_done": {"en": "Password reset successful", "fr": "Mot de passe réinitialisé"},
    "logged_out": {"en": "Logged out", "fr": "Déconnexion effectuée"},
}


def negotiate(accept_language: str | None, default: str = "en") -> str:
    """The best supported language of an ``Accept-Language`` header (q-values honoured)."""
    if not accept_language:
        return default
    choices: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept_language.split(",")):
        lang, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = lang.strip().lower().split("-")[0]
        if primary in SUPPORTED and quality > 0:
            choices.append((-quality, index, primary))
    return min(choices)[2] if choices else default


def locale_of(request: Request[Any, Any, Any], default: str = "en") -> str:
    return negotiate(request.headers.get("accept-language"), default)


def message(key: str, locale: str) -> str:
    texts = MESSAGES[key]
    return texts.get(locale) or texts["en"]
