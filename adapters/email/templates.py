"""E-mail templates (Jinja2), one directory per language: ``templates/<lang>/<name>.*``."""

from __future__ import annotations

from collections.abc import Mapping

from jinja2 import Environment, PackageLoader, StrictUndefined, TemplateNotFound, select_autoescape

from core.ports.email import EmailRenderer, RenderedEmail


class JinjaEmailRenderer(EmailRenderer):
    def __init__(self, default_locale: str = "en") -> None:
        self._default = default_locale
        self._env = Environment(
            loader=PackageLoader("adapters.email", "templates"),
            autoescape=select_autoescape(enabled_extensions=("html",), default=False),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
        )

    def _languages(self, locale: str) -> list[str]:
        primary = (locale or "").replace("_", "-").split("-")[0].lower()
        return [lang for lang in dict.fromkeys([primary, self._default, "en"]) if lang]

    def render(self, template: str, locale: str, context: Mapping[str, object]) -> RenderedEmail:
        for lang in self._languages(locale):
            try:
                subject = self._env.get_template(f"{lang}/{template}.subject.txt")
            except TemplateNotFound:
                continue
            text = self._env.get_template(f"{lang}/{template}.txt").render(context)
            try:
                html: str | None = self._env.get_template(f"{lang}/{template}.html").render(context)
            except TemplateNotFound:
                html = None
            return RenderedEmail(
                subject=" ".join(subject.render(context).split()), text=text, html=html
            )
        raise LookupError(f"no e-mail template {template!r}")
