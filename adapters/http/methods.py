"""``HEAD`` wherever ``GET`` is served, and ``OPTIONS`` answering every method of the path.

Litestar 2 serves ``HEAD`` only where a handler declares it, and its automatic ``OPTIONS``
handler can list only the methods of the first controller that declared the path (two
controllers sharing ``/jobs/api/v1/jobs/`` gave ``Allow: OPTIONS, POST``; litestar#4169,
fixed in Litestar 3 only). This plugin fixes both for every route, as it is registered:

* ``HEAD`` goes to the path's ``GET`` handler (same dependencies, guards, errors: a ``HEAD``
  needing a token answers 401 like the ``GET``), and every ``HEAD`` answer is sent without its
  body — headers, ``Content-Length`` included, stay those of the ``GET``;
* ``OPTIONS`` is a 204 whose ``Allow`` lists every method of the path, ``HEAD`` and
  ``OPTIONS`` included. With CORS configured, Litestar's CORS middleware still answers every
  ``OPTIONS`` carrying an ``Origin`` (a preflight) itself, before routing.
"""

from __future__ import annotations

from copy import copy
from typing import Any

from litestar.config.app import AppConfig
from litestar.enums import HttpMethod
from litestar.handlers import HTTPRouteHandler
from litestar.plugins import InitPluginProtocol
from litestar.plugins.base import ReceiveRoutePlugin
from litestar.routes import BaseRoute, HTTPRoute
from litestar.types import ASGIApp, Message, Receive, Scope, Send


class HttpMethodsPlugin(InitPluginProtocol, ReceiveRoutePlugin):
    def __init__(self) -> None:
        #: Litestar's automatic OPTIONS handler of each path → the ``Allow`` of that path.
        self._allow: dict[HTTPRouteHandler, str] = {}

    def on_app_init(self, app_config: AppConfig) -> AppConfig:
        app_config.middleware.append(self._options_middleware)
        app_config.before_send.append(_drop_head_body)
        return app_config

    def receive_route(self, route: BaseRoute) -> None:
        if not isinstance(route, HTTPRoute):
            return
        handlers = route.route_handler_map
        if HttpMethod.GET in handlers and HttpMethod.HEAD not in handlers:
            get_handler, kwargs_model = handlers[HttpMethod.GET]
            handlers[HttpMethod.HEAD] = (_hidden_copy(get_handler), kwargs_model)
            route.methods.add(HttpMethod.HEAD)
        options = handlers.get(HttpMethod.OPTIONS)
        if options is not None and _is_automatic(options[0]):
            # A path declared by several controllers is registered again, as a new route,
            # with the same OPTIONS handler: the last registration has every method.
            self._allow[options[0]] = ", ".join(sorted(route.methods))

    def _options_middleware(self, app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            handler = scope.get("route_handler")
            allow = (
                self._allow.get(handler)
                if isinstance(handler, HTTPRouteHandler)
                and scope.get("method") == HttpMethod.OPTIONS
                else None
            )
            if allow is None:
                await app(scope, receive, send)
                return
            await send(
                {
                    "type": "http.response.start",
                    "status": 204,
                    "headers": [(b"allow", allow.encode("latin-1"))],
                }
            )
            await send({"type": "http.response.body", "body": b"", "more_body": False})

        return middleware


def _hidden_copy(handler: HTTPRouteHandler) -> HTTPRouteHandler:
    """The GET handler, left out of the OpenAPI document (which lists a route's handlers by
    method: HEAD would be every GET operation again, with the same operation id)."""
    head = copy(handler)
    head.include_in_schema = False
    head._resolved_include_in_schema = False  # resolved (and cached) at registration
    return head


def _is_automatic(handler: HTTPRouteHandler) -> bool:
    """Litestar's own OPTIONS handler (``HTTPRoute.create_options_handler``), not one of ours."""
    return (
        handler.http_methods == {HttpMethod.OPTIONS} and handler.handler_name == "options_handler"
    )


async def _drop_head_body(message: Message, scope: Scope) -> None:
    if message["type"] == "http.response.body" and scope.get("method") == HttpMethod.HEAD:
        body: Any = message
        body["body"] = b""
