"""The guide's registration journey, end to end over HTTP, on SQLite and on PostgreSQL."""

from __future__ import annotations

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.persistence.tables.companies import companies
from adapters.persistence.tables.profiles import candidate_profiles, recruiter_profiles
from tests.integration.conftest import STRONG, Outbox, bearer, login, register

API = "/accounts/api/v1"


async def test_complete_registration_journey(
    client: AsyncTestClient[Litestar], outbox: Outbox
) -> None:
    # 1-2. Availability checks before the form is sent.
    response = await client.post(f"{API}/users/check_email/", json={"email": "john@example.com"})
    assert response.json() == {"available": True, "message": "Email is available"}
    response = await client.post(f"{API}/users/check_username/", json={"username": "john_doe"})
    assert response.json() == {"available": True, "message": "Username is available"}

    # 3. Register (the guide's body, French client).
    response = await client.post(
        f"{API}/users/",
        json={
            "username": "john_doe",
            "email": "john@example.com",
            "password": STRONG,
            "password2": STRONG,
            "first_name": "John",
            "last_name": "Doe",
            "user_type": "candidate",
            "phone": "+1234567890",
            "location": "Paris, France",
            "bio": "Software developer...",
        },
        headers={"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"},
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert {k: created[k] for k in ("username", "email", "user_type", "is_active")} == {
        "username": "john_doe",
        "email": "john@example.com",
        "user_type": "candidate",
        "is_active": False,
    }
    assert created["message"].startswith("Votre compte a été créé avec succès.")
    assert "password" not in response.text and "argon2" not in response.text

    # Taken now, whatever the case.
    response = await client.post(f"{API}/users/check_email/", json={"email": "JOHN@Example.com"})
    assert response.json() == {"available": False, "message": "This email is already used"}
    response = await client.post(f"{API}/users/check_username/", json={"username": "John_Doe"})
    body = response.json()
    assert body["available"] is False and len(body["suggestions"]) == 3

    # Cannot log in before verifying.
    response = await client.post(
        f"{API}/auth/token/", json={"username": "john_doe", "password": STRONG}
    )
    assert response.status_code == 401
    assert "not verified" in response.json()["detail"]

    # 4-6. The activation e-mail (in French) arrives in the outbox; its link carries the token.
    mail = await outbox.wait_for("john@example.com")
    assert outbox.link(mail).startswith("https://hireflow.test/activate?token=")
    assert "Hireflow" in str(mail["Subject"])
    token = outbox.token(mail)
    response = await client.post(f"{API}/users/email-verification/confirm/", json={"token": token})
    assert response.status_code == 200, response.text
    assert response.json() == {
        "message": "Email verified successfully. Your account is now active.",
        "user": {
            "id": created["id"],
            "username": "john_doe",
            "email": "john@example.com",
            "is_active": True,
        },
    }
    response = await client.post(f"{API}/users/email-verification/confirm/", json={"token": token})
    assert response.json() == {
        "message": "Email is already verified.",
        "user": {"id": created["id"], "is_active": True},
    }

    # Login by username and by e-mail, any case.
    tokens = await login(client, "john_doe")
    tokens_by_email = await login(client, "John@Example.com")
    assert set(tokens) == {"access", "refresh"} and set(tokens_by_email) == {"access", "refresh"}

    # Me.
    response = await client.get(f"{API}/users/me/", headers=bearer(tokens["access"]))
    assert response.status_code == 200
    me = response.json()
    assert me["username"] == "john_doe" and me["location"] == "Paris, France"
    assert "password" not in me and "password_hash" not in me
    response = await client.get(
        f"{API}/users/email-verification/status/", headers=bearer(tokens["access"])
    )
    assert response.json() == {
        "is_verified": True,
        "is_active": True,
        "message": "Email is verified",
    }

    # Update me.
    response = await client.patch(
        f"{API}/users/me/",
        json={"phone": "+9876543210", "bio": "Updated bio...", "location": "Lyon, France"},
        headers=bearer(tokens["access"]),
    )
    assert response.status_code == 200, response.text
    assert response.json()["location"] == "Lyon, France"

    # Refresh rotates; verify accepts the new tokens.
    response = await client.post(f"{API}/auth/token/refresh/", json={"refresh": tokens["refresh"]})
    assert response.status_code == 200, response.text
    rotated = response.json()
    assert set(rotated) == {"access", "refresh"} and rotated["refresh"] != tokens["refresh"]
    for kind in ("access", "refresh"):
        response = await client.post(f"{API}/auth/token/verify/", json={"token": rotated[kind]})
        assert response.json() == {"detail": "Token is valid", "token_type": kind}

    # Password reset through the e-mailed link.
    response = await client.post(f"{API}/auth/password-reset/", json={"email": "john@example.com"})
    assert response.json() == {"detail": "Password reset email sent if account exists"}
    reset_mail = await outbox.wait_for("john@example.com", count=2)
    assert outbox.link(reset_mail).startswith("https://hireflow.test/reset-password?token=")
    new_password = "Brand-New-Sunrise-9"
    response = await client.post(
        f"{API}/auth/password-reset/confirm/",
        json={
            "token": outbox.token(reset_mail),
            "password": new_password,
            "password_confirm": new_password,
        },
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"detail": "Password reset successful"}

    # The old password is refused, the new one works, old sessions are over.
    response = await client.post(
        f"{API}/auth/token/", json={"username": "john_doe", "password": STRONG}
    )
    assert response.status_code == 401
    await login(client, "john_doe", new_password)
    response = await client.get(f"{API}/users/me/", headers=bearer(rotated["access"]))
    assert response.status_code == 401
    response = await client.post(f"{API}/auth/token/refresh/", json={"refresh": rotated["refresh"]})
    assert response.status_code == 401


async def test_recruiter_registration_creates_company(
    client: AsyncTestClient[Litestar], app: Litestar
) -> None:
    first = await register(
        client, "acme_hr", "hr@acme.io", user_type="recruiter", company_name="Acme Corp"
    )
    assert first.status_code == 201, first.text
    # Names are unique ignoring case and spacing: no second "Acme Corp", and nothing is created.
    twin = await register(
        client, "acme_hr2", "hr2@acme.io", user_type="recruiter", company_name="  ACME   corp "
    )
    assert twin.status_code == 400, twin.text
    assert twin.json()["errors"]["company_name"] == [
        "A company with this name already exists (names are compared ignoring case)."
    ]
    assert (await client.post(f"{API}/users/check_email/", json={"email": "hr2@acme.io"})).json()[
        "available"
    ] is True
    second = await register(
        client, "acme_hr2", "hr2@acme.io", user_type="recruiter", company_name="Acme Labs"
    )
    assert second.status_code == 201, second.text
    assert second.json()["user_type"] == "recruiter"
    # Two John Does without a company name each get a company of their own.
    john1 = await register(client, "john_one", "j1@x.io", user_type="recruiter")
    john2 = await register(client, "john_two", "j2@x.io", user_type="recruiter")
    assert john1.status_code == john2.status_code == 201, john2.text
    candidate = await register(client, "cand_1", "c@x.io")
    assert candidate.status_code == 201

    engine = await app.state.dishka_container.get(AsyncEngine)
    async with engine.connect() as conn:
        rows = (
            await conn.execute(
                select(
                    companies.c.name,
                    companies.c.slug,
                    companies.c.admin_id,
                    recruiter_profiles.c.user_id,
                )
                .join(recruiter_profiles, recruiter_profiles.c.company_id == companies.c.id)
                .order_by(companies.c.id)
            )
        ).all()
        profiles = (await conn.execute(select(candidate_profiles.c.user_id))).scalars().all()
    assert [tuple(r) for r in rows] == [
        ("Acme Corp", "acme-corp", first.json()["id"], first.json()["id"]),
        ("Acme Labs", "acme-labs", second.json()["id"], second.json()["id"]),
        ("John Doe's company", "john-doe-s-company", john1.json()["id"], john1.json()["id"]),
        (
            "John Doe's company (john_two)",
            "john-doe-s-company-john-two",
            john2.json()["id"],
            john2.json()["id"],
        ),
    ]
    assert profiles == [candidate.json()["id"]]
