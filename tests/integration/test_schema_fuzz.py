"""Schema fuzzing (issue 15, item 1): Schemathesis against the real app and its OpenAPI
document (``/api/schema/``), on SQLite and PostgreSQL, as each role of the cast in turn.

The checks: no server error, status codes and content types as documented, every response
valid against its documented schema, invalid input (negative examples) rejected with a 4xx,
operations that declare a token refusing a request without one. Examples per operation are
bounded so the CI run takes a few minutes; ``scripts/fuzz --examples 1000`` runs deeper.
``HIREFLOW_FUZZ_EXAMPLES`` / ``HIREFLOW_FUZZ_SEED`` set the size and the seed (fixed by default,
so a CI failure replays).
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from schemathesis.engine import events, from_schema
from schemathesis.python import asgi as st_asgi

from bootstrap.app import create_app
from bootstrap.settings import Settings
from bootstrap.settings import replace as replace_settings
from tests.fakes.linkedin_server import FakeLinkedIn
from tests.integration.cast import ROLES, Cast

CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "ignored_auth",
)
EXAMPLES = int(os.environ.get("HIREFLOW_FUZZ_EXAMPLES", "3"))
SEED = int(os.environ.get("HIREFLOW_FUZZ_SEED", "15"))
#: The coverage phase: on by default in deep runs (``scripts/fuzz``), off in CI.
COVERAGE = os.environ.get("HIREFLOW_FUZZ_COVERAGE", "1" if EXAMPLES > 10 else "0") == "1"


def fuzz_config(headers: dict[str, str], examples: int, seed: int, coverage: bool) -> Any:
    return schemathesis.Config.from_dict(
        {
            "seed": seed,
            "headers": headers,
            "generation": {"max-examples": examples, "mode": "all"},
            "checks": {"enabled": False} | {name: {"enabled": True} for name in CHECKS},
            # Stateful links are not declared (the matrix covers sequences of calls); the
            # coverage phase (every boundary of every schema, ~5x the cases) runs in deep runs.
            "phases": {"stateful": {"enabled": False}, "coverage": {"enabled": coverage}},
        }
    )


def run(
    app: Any, headers: dict[str, str], examples: int, seed: int, coverage: bool
) -> tuple[int, list[str]]:
    """Every operation of the document; returns (cases run, one line per distinct failure)."""
    config = fuzz_config(headers, examples, seed, coverage)
    schema = schemathesis.openapi.from_asgi("/api/schema/", app, config=config)
    cases, found = 0, Counter[tuple[str, str, str]]()
    report: list[str] = []
    try:
        for event in from_schema(schema).execute():
            if isinstance(event, events.ScenarioFinished):
                cases += len(event.recorder.cases)
                for checks in event.recorder.checks.values():
                    for check in checks:
                        if check.failure_info is None:
                            continue
                        failure = check.failure_info.failure
                        key = (event.recorder.label, check.name, failure.title)
                        if not found[key]:
                            report.append(
                                f"{key[0]} [{check.name}] {failure.title}: "
                                f"{failure.message[:400]}\n    {check.failure_info.code_sample[:600]}"
                            )
                        found[key] += 1
            elif isinstance(event, events.NonFatalError):
                report.append(f"{event.label}: error {event.info.message[:400]}")
            elif isinstance(event, events.FatalError):
                report.append(f"fatal: {event.exception!r}")
    finally:
        st_asgi.shutdown_lifespans()
    return cases, report


@pytest.fixture
def linkedin() -> Iterator[FakeLinkedIn]:
    with FakeLinkedIn() as fake:
        yield fake


@pytest.mark.parametrize("role", ROLES)
def test_every_operation_holds_to_its_schema(
    role: str, settings: Settings, seeded_cast: Cast, linkedin: FakeLinkedIn
) -> None:
    # Schemathesis reuses values from answers (a real OAuth ``state`` from ``/oauth/start/``):
    # the callback then talks to LinkedIn, here a fake of its documented API on loopback.
    settings = replace_settings(
        settings,
        linkedin_client_id=linkedin.client_id,
        linkedin_client_secret=linkedin.client_secret,
        linkedin_auth_url=linkedin.auth_url,
        linkedin_token_url=linkedin.token_url,
        linkedin_userinfo_url=linkedin.userinfo_url,
    )
    headers = seeded_cast.headers(role)
    started = time.monotonic()
    cases, report = run(create_app(settings), headers, EXAMPLES, SEED, COVERAGE)
    print(f"{role}: {cases} cases in {time.monotonic() - started:.1f}s, {len(report)} failures")
    assert cases > 100  # the document was read and its operations generated
    assert not report, "\n".join(report)
