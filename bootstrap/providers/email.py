from __future__ import annotations

from dishka import Provider, Scope, provide, provide_all

from adapters.email.file_sender import FileEmailSender
from adapters.email.smtp_sender import SmtpEmailSender
from adapters.email.templates import JinjaEmailRenderer
from bootstrap.settings import Settings
from core.ports.email import EmailRenderer, EmailSender
from core.use_cases.notifications.deliver_email import DeliverEmail


class EmailProvider(Provider):
    @provide(scope=Scope.APP)
    def renderer(self, settings: Settings) -> EmailRenderer:
        return JinjaEmailRenderer(default_locale=settings.default_locale)

    @provide(scope=Scope.APP)
    def sender(self, settings: Settings) -> EmailSender:
        if settings.email_backend == "smtp":
            return SmtpEmailSender(
                host=settings.smtp_host,
                port=settings.smtp_port,
                sender=settings.email_from,
                username=settings.smtp_username,
                password=settings.smtp_password,
                start_tls=settings.smtp_starttls,
                use_tls=settings.smtp_tls,
                timeout=settings.smtp_timeout,
            )
        return FileEmailSender(settings.outbox_dir, settings.email_from)

    use_cases = provide_all(DeliverEmail, scope=Scope.REQUEST)
