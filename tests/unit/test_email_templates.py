from __future__ import annotations

import pytest

from adapters.email.templates import JinjaEmailRenderer

CONTEXT = {
    "first_name": "Zoé",
    "username": "zoe",
    "link": "https://x.test/activate?token=a.b",
    "hours": "48",
}


@pytest.mark.parametrize(
    ("locale", "subject", "greeting"),
    [
        ("en", "Activate your Hireflow account", "Hello Zoé,"),
        ("fr", "Activez votre compte Hireflow", "Bonjour Zoé,"),
        ("fr-CA", "Activez votre compte Hireflow", "Bonjour Zoé,"),
        ("de", "Activate your Hireflow account", "Hello Zoé,"),
        ("", "Activate your Hireflow account", "Hello Zoé,"),
    ],
)
def test_activation_in_the_readers_language(locale: str, subject: str, greeting: str) -> None:
    rendered = JinjaEmailRenderer().render("activation", locale, CONTEXT)
    assert rendered.subject == subject
    assert rendered.text.startswith(greeting)
    assert CONTEXT["link"] in rendered.text
    assert rendered.html is not None
    assert 'href="https://x.test/activate?token=a.b"' in rendered.html


def test_french_default_locale() -> None:
    rendered = JinjaEmailRenderer(default_locale="fr").render("activation", "de", CONTEXT)
    assert rendered.subject == "Activez votre compte Hireflow"


def test_html_escapes_what_users_typed() -> None:
    context = {**CONTEXT, "first_name": "<script>alert(1)</script>"}
    rendered = JinjaEmailRenderer().render("activation", "en", context)
    assert rendered.html is not None
    assert "<script>" not in rendered.html
    assert "&lt;script&gt;" in rendered.html


@pytest.mark.parametrize("locale", ["en", "fr"])
@pytest.mark.parametrize(
    ("template", "context"),
    [
        (
            "password_reset",
            {"first_name": "", "username": "zoe", "link": "https://x/r?token=t", "minutes": "60"},
        ),
        ("account_created_linkedin", {"first_name": "Zoé", "username": "zoe"}),
    ],
)
def test_every_template_renders(locale: str, template: str, context: dict[str, str]) -> None:
    rendered = JinjaEmailRenderer().render(template, locale, context)
    assert rendered.subject
    assert "zoe" in rendered.text.lower()


def test_missing_context_is_an_error_not_a_blank() -> None:
    with pytest.raises(Exception, match="link"):
        JinjaEmailRenderer().render(
            "activation", "en", {"first_name": "", "username": "z", "hours": "1"}
        )
