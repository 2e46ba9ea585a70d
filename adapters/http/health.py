from __future__ import annotations

import msgspec
from dishka.integrations.litestar import FromDishka
from litestar import Controller, Response, get
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.http.errors import RETRY_AFTER_SECONDS
from adapters.http.rate_limit import RateLimitStore


class Health(msgspec.Struct, kw_only=True, omit_defaults=True):
    status: str
    database: str | None = None
    #: Only when Redis is configured. Informative: while Redis is away the API keeps
    #: answering (rate limits per process, tasks kept in the outbox), so it does not make
    #: the process unready.
    redis: str | None = None


class HealthController(Controller):
    path = "/health"
    tags = ["Operations"]
    include_in_schema = True

    @get("/", summary="Liveness: the process answers")
    async def live(self) -> Health:
        return Health(status="ok")

    @get(
        "/ready/",
        summary="Readiness: the database answers (503 with Retry-After when it does not)",
        description="`redis` says whether Redis answers, when one is configured; a Redis "
        "outage degrades rate limits and delays background work but does not make the "
        "process unready.",
    )
    async def ready(
        self, engine: FromDishka[AsyncEngine], limits: FromDishka[RateLimitStore]
    ) -> Response[Health]:
        redis = await limits.ping()
        try:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:
            return Response(
                Health(status="unavailable", database="unreachable", redis=redis),
                status_code=503,
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
        return Response(Health(status="ok", database="ok", redis=redis))
