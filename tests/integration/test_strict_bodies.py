"""JSON bodies are read strictly (adapters/http/strict_body.py): found by ``scripts/fuzz``,
which sent ``{"force": 0}`` to recalculate and got 200 although the document says boolean."""

from __future__ import annotations

from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.integration.conftest import Outbox, signed_in

RECALCULATE = "/matching/api/v1/job-matches/recalculate/"


async def test_a_number_is_not_a_boolean_nor_text_a_number(
    client: AsyncTestClient[Litestar], outbox: Outbox
) -> None:
    me = await signed_in(client, outbox, "strict_cand", "strict@example.com")
    for body, field in (
        ({"force": 0}, "force"),
        ({"force": "true"}, "force"),
        ({"candidate_id": "1"}, "candidate_id"),
        ({"job_id": 1.0}, "job_id"),
    ):
        response = await client.post(RECALCULATE, json=body, headers=me)
        assert response.status_code == 400, (body, response.text)
        assert field in response.json()["errors"], response.json()
    for body in ({"force": False}, {}, None):
        response = await client.post(RECALCULATE, json=body, headers=me)
        assert response.status_code == 200, (body, response.text)
    profile = "/accounts/api/v1/candidate-profiles/me/"
    response = await client.patch(profile, json={"expected_salary_min": "50000"}, headers=me)
    assert response.status_code == 400 and "expected_salary_min" in response.json()["errors"]
    response = await client.patch(profile, json={"expected_salary_min": 50000}, headers=me)
    assert response.status_code == 200, response.text
