from __future__ import annotations

import msgspec
from dishka.integrations.litestar import FromDishka
from litestar import Controller, Response, get
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine


class Health(msgspec.Struct, kw_only=True, omit_defaults=True):
    status: str
    database: str | None = None


class HealthController(Controller):
    path = "/health"
    tags = ["Operations"]
    include_in_schema = True

    @get("/", summary="Liveness: the process answers")
    async def live(self) -> Health:
        return Health(status="ok")

    @get("/ready/", summary="Readiness: the database answers")
    async def ready(self, engine: FromDishka[AsyncEngine]) -> Response[Health]:
        try:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:
            return Response(Health(status="unavailable", database="unreachable"), status_code=503)
        return Response(Health(status="ok", database="ok"))
