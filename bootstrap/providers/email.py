from __future__ import annotations

from dishka import Provider, Scope, provide

from adapters.email.file_sender import FileEmailSender
from adapters.email.smtp_sender import SmtpEmailSender
from adapters.email.templates import JinjaEmailRenderer
from bootstrap.settings import Settings
from core.ports.email import EmailRenderer, EmailSender


class EmailProvider(Provider):
    @provide(scope=Scope.APP)
    def renderer(self, settings: Settings) -> EmailRenderer:
        return JinjaEmailRenderer(default_locale=settings.http.default_locale)

    @provide(scope=Scope.APP)
    def sender(self, settings: Settings) -> EmailSender:
        if settings.email.backend == "smtp":
            smtp = settings.smtp
            return SmtpEmailSender(
                host=smtp.host,
                port=smtp.port,
                sender=settings.email.sender,
                username=smtp.username,
                password=smtp.password,
                start_tls=smtp.starttls,
                use_tls=smtp.tls,
                timeout=smtp.timeout,
            )
        return FileEmailSender(settings.outbox_dir, settings.email.sender)
