"""``create_app``: the one way the web application is built (serve, tests)."""

from __future__ import annotations

import logging
from typing import Any

from dishka import Provider, make_async_container
from dishka.integrations.litestar import DishkaRouter, LitestarProvider, setup_dishka
from litestar import Controller, Litestar, Request
from litestar.config.cors import CORSConfig
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme

from adapters.http.bounds import refuse_ids_out_of_range
from adapters.http.docs import docs_assets, redoc, swagger_ui
from adapters.http.errors import EXCEPTION_HANDLERS
from adapters.http.health import HealthController
from adapters.http.methods import HttpMethodsPlugin
from adapters.http.openapi import BEARER, GuideOpenAPIConfig, OpenAPIConventions
from adapters.http.security_headers import security_headers
from adapters.http.strict_body import refuse_lax_json
from adapters.messaging.dramatiq_tasks import TaskSystem
from adapters.messaging.routes import Routes
from bootstrap.container import core_providers, make_task_system, routes, start_worker
from bootstrap.modules import MODULES
from bootstrap.providers.http import HttpProvider
from bootstrap.providers.live import LiveProvider
from bootstrap.settings import Settings, ensure_secret_key

log = logging.getLogger(__name__)


def controllers() -> list[type[Controller]]:
    """The platform's controllers, then every module's."""
    return [HealthController, *(c for module in MODULES for c in module.controllers)]


def openapi_config() -> OpenAPIConfig:
    """The schema at /api/schema/, Swagger UI at /api/docs and ReDoc at /api/redoc (their
    assets served from /api/assets/). Each operation's ``security`` comes from its handler
    (``OpenAPIConventions``): no global requirement."""
    return GuideOpenAPIConfig(
        title="Hireflow API",
        version="1.0.0",
        description="Open recruitment platform. Errors are JSON: "
        '`{"detail": ..., "code": ..., "errors": {field: [...]}}`.',
        path="/api",
        render_plugins=[
            JsonRenderPlugin(path=["/schema", "/openapi.json"]),
            swagger_ui(path="/docs"),
            redoc(path="/redoc"),
        ],
        components=Components(
            security_schemes={
                BEARER: SecurityScheme(type="http", scheme="bearer", bearer_format="JWT")
            }
        ),
    )


def create_app(
    settings: Settings, *override_providers: Provider, tasks: TaskSystem | None = None
) -> Litestar:
    """Build the app. ``override_providers`` replace adapters (tests, integrators);
    the embedded worker starts with the app when no Redis broker is configured."""
    settings = ensure_secret_key(settings)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    # One fan-out for the web app and its embedded worker: without Redis, what the worker
    # pushes (a notification) reaches the sockets this process holds.
    live = LiveProvider()
    tasks = tasks or make_task_system(settings, live, *override_providers)
    container = make_async_container(
        *core_providers(),
        live,
        HttpProvider(),
        LitestarProvider(),
        *override_providers,
        context={Settings: settings, TaskSystem: tasks, Routes: routes()},
    )

    def startup() -> None:
        if settings.uses_embedded_worker:
            start_worker(tasks, settings, embedded=True)

    async def shutdown() -> None:
        tasks.close()
        await container.close()

    async def before_request(request: Request[Any, Any, Any]) -> None:
        await refuse_ids_out_of_range(request)
        await refuse_lax_json(request)

    origins = [o.strip() for o in settings.http.cors_origins.split(",") if o.strip()]
    app = Litestar(
        route_handlers=[DishkaRouter("", route_handlers=controllers()), *docs_assets()],
        exception_handlers=EXCEPTION_HANDLERS,
        openapi_config=openapi_config(),
        plugins=[HttpMethodsPlugin(), OpenAPIConventions()],
        request_max_body_size=settings.http.max_body_bytes,
        cors_config=CORSConfig(allow_origins=origins) if origins else None,
        before_request=before_request,
        before_send=[security_headers(https=settings.http.public_url.startswith("https://"))],
        on_startup=[startup],
        on_shutdown=[shutdown],
    )
    setup_dishka(container, app)
    return app
