"""Swagger UI and ReDoc, served by the application itself: no CDN, no network needed.

The JavaScript and CSS come from the ``drf-spectacular-sidecar`` wheel (pinned in
``requirements.lock``; Swagger UI 5.33.1, ReDoc 2.5.x), which republishes the upstream
distribution builds unchanged every month: Swagger UI's ``swagger-ui-dist`` (Apache-2.0) and
ReDoc's ``redoc.standalone.js`` (MIT). It is the one maintained package shipping both. Only its
static files are used: the package is located, never imported (its ``__init__`` imports Django,
which it declares as a dependency and which this application never loads).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from litestar.openapi.plugins import RedocRenderPlugin, SwaggerRenderPlugin
from litestar.router import Router
from litestar.static_files import create_static_files_router

ASSETS_PATH = "/api/assets"
SWAGGER_UI = f"{ASSETS_PATH}/swagger-ui"
REDOC = f"{ASSETS_PATH}/redoc"
_FAVICON = f"<link rel='icon' type='image/png' href='{SWAGGER_UI}/favicon-32x32.png'>"


def _sidecar_static() -> Path:
    spec = importlib.util.find_spec("drf_spectacular_sidecar")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "drf-spectacular-sidecar is not installed: it ships the API docs' assets"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "static" / "drf_spectacular_sidecar"


def docs_assets() -> list[Router]:
    """Static routes for the docs pages' scripts, styles and favicon, under ``/api/assets``."""
    static = _sidecar_static()
    return [
        create_static_files_router(
            path=SWAGGER_UI, directories=[static / "swagger-ui-dist"], name="docs-swagger-ui"
        ),
        create_static_files_router(
            path=REDOC, directories=[static / "redoc" / "bundles"], name="docs-redoc"
        ),
    ]


def swagger_ui(path: str) -> SwaggerRenderPlugin:
    return SwaggerRenderPlugin(
        path=path,
        js_url=f"{SWAGGER_UI}/swagger-ui-bundle.js",
        css_url=f"{SWAGGER_UI}/swagger-ui.css",
        standalone_preset_js_url=f"{SWAGGER_UI}/swagger-ui-standalone-preset.js",
        favicon=_FAVICON,
    )


def redoc(path: str) -> RedocRenderPlugin:
    return RedocRenderPlugin(
        path=path,
        js_url=f"{REDOC}/redoc.standalone.js",
        google_fonts=False,
        favicon=_FAVICON,
    )
