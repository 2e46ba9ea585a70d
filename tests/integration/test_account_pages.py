"""The e-mailed links work with nothing but a mail client: the server answers them itself."""

from __future__ import annotations

import html
from urllib.parse import urlparse

from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.integration.conftest import STRONG, Outbox, register

API = "/accounts/api/v1"


def _path(link: str) -> str:
    parsed = urlparse(link)
    return f"{parsed.path}?{parsed.query}"


async def test_the_activation_link_opens_a_page_that_activates(
    client: AsyncTestClient[Litestar], outbox: Outbox
) -> None:
    assert (await register(client)).status_code == 201
    link = Outbox.link(await outbox.wait_for("john@example.com"))
    assert link.startswith("https://hireflow.test/activate?token=")
    page = await client.get(_path(link))
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "Your e-mail address is confirmed" in page.text
    assert "<script" not in page.text and "http" not in page.text.split("<body>")[1]
    login = await client.post(
        f"{API}/auth/token/", json={"username": "john_doe", "password": STRONG}
    )
    assert login.status_code == 200
    again = await client.get(_path(link))
    assert "Already confirmed" in again.text
    french = await client.get(_path(link), headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert "Déjà confirmée" in french.text
    broken = await client.get("/activate?token=forged")
    assert broken.status_code == 400 and "does not work" in broken.text
    assert (await client.get("/activate")).status_code == 400


async def test_the_reset_link_opens_a_form_that_sets_the_password(
    client: AsyncTestClient[Litestar], outbox: Outbox
) -> None:
    assert (await register(client)).status_code == 201
    activation = Outbox.link(await outbox.wait_for("john@example.com"))
    await client.get(_path(activation))
    await client.post(f"{API}/auth/password-reset/", json={"email": "john@example.com"})
    link = Outbox.link(await outbox.wait_for("john@example.com", count=2))
    token = Outbox.token(await outbox.wait_for("john@example.com", count=2))
    form = await client.get(_path(link))
    assert form.status_code == 200
    assert 'name="password"' in form.text and f'value="{token}"' in form.text
    assert form.headers["referrer-policy"] == "no-referrer"
    mismatch = await client.post(
        "/reset-password/",
        data={"token": token, "password": "Brand-New-Sunrise-9", "password_confirm": "other"},
    )
    assert mismatch.status_code == 400
    assert "didn't match" in html.unescape(mismatch.text) and 'name="password"' in mismatch.text
    weak = await client.post(
        "/reset-password/", data={"token": token, "password": "123", "password_confirm": "123"}
    )
    assert weak.status_code == 400 and "too short" in weak.text
    done = await client.post(
        "/reset-password/",
        data={
            "token": token,
            "password": "Brand-New-Sunrise-9",
            "password_confirm": "Brand-New-Sunrise-9",
        },
    )
    assert done.status_code == 200 and "Your password is changed" in done.text
    login = await client.post(
        f"{API}/auth/token/", json={"username": "john_doe", "password": "Brand-New-Sunrise-9"}
    )
    assert login.status_code == 200
    reused = await client.post(
        "/reset-password/",
        data={
            "token": token,
            "password": "Other-New-Sunset-8",
            "password_confirm": "Other-New-Sunset-8",
        },
    )
    assert reused.status_code == 400 and "does not work" in reused.text
