"""The API's documentation and HTTP conventions, as a client and a person see them.

* Swagger UI (/api/docs) and ReDoc (/api/redoc) render in a real headless Chromium against a
  real ``hireflow serve``, with every asset served by the application (no CDN: they render on
  a machine without network).
* The schema (/api/schema/) shows the guide's paths (trailing slash), ``security`` only on the
  operations that take a token, and no generated random examples; pagination links keep the
  path as the client wrote it.
* ``OPTIONS`` lists every method of a path; ``HEAD`` answers like ``GET``, without a body.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from bootstrap.app import create_app
from bootstrap.settings import Settings, replace
from tests.cluster import Cluster
from tests.integration.conftest import Outbox, signed_in

ROOT = Path(__file__).resolve().parents[2]
JOBS = "/jobs/api/v1/jobs/"
ME = "/accounts/api/v1/users/me/"
TOKEN = "/accounts/api/v1/auth/token/"
BEARER = {"BearerToken": []}
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


# --- A real server and a real browser -------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``hireflow serve`` (uvicorn) on a free loopback port, on its embedded defaults."""
    data_dir = tmp_path_factory.mktemp("docs-server") / "var"
    env = {"HIREFLOW_PASSWORD_HASH_PROFILE": "fast"}
    with Cluster(data_dir, env, shared_data_dir=True) as started:
        served = started.serve("serve")
        started.wait_ready(served)
        yield served.url


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def chromium() -> str:
    found = find_chromium()
    if found is None:
        pytest.skip(
            "chromium is not installed: scripts/test installs Debian's package when run as "
            "root (apt-get install chromium); without root the browser checks are skipped"
        )
    return found


def browse(chromium: str, url: str, tmp_path: Path, *extra: str) -> str:
    """What the page shows once its scripts ran (the probe's flags: no network of its own)."""
    profile = tmp_path / f"profile-{time.monotonic_ns()}"
    profile.mkdir()
    result = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=10000",
            *extra,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    # Scripts out: the pages carry the whole schema inline, rendered or not.
    return re.sub(r"<script\b[^>]*>.*?</script>", "", result.stdout, flags=re.DOTALL)


def test_swagger_ui_renders_every_operation_offline(
    server: str, chromium: str, tmp_path: Path
) -> None:
    dom = browse(chromium, f"{server}/api/docs", tmp_path, "--dump-dom")
    assert "swagger-ui" in dom, dom[:2000]
    operations = re.findall(r'class="opblock opblock-(\w+)', dom)
    assert len(operations) >= 50, dom[:2000]
    assert {"get", "post", "patch", "delete"} <= set(operations)
    assert 'data-path="/jobs/api/v1/jobs/"' in dom
    assert 'data-path="/accounts/api/v1/auth/token/"' in dom
    assert "Search jobs" in dom


def test_redoc_renders_the_operations_offline(server: str, chromium: str, tmp_path: Path) -> None:
    dom = browse(chromium, f"{server}/api/redoc", tmp_path, "--dump-dom")
    menu = re.findall(r'data-item-id="tag/[^"]+/operation/[^"]+" role="menuitem"', dom)
    assert len(menu) >= 50, dom[:2000]
    for summary in (
        "Search jobs",
        "Log in (username or e-mail) and obtain an access/refresh token pair",
        "Liveness: the process answers",
    ):
        assert f'role="menuitem" aria-label="{summary}"' in dom, summary
        assert re.search(rf"</a>{re.escape(summary)}\s*</h2>", dom), summary  # its section
    assert "/jobs/api/v1/jobs/" in dom


@pytest.mark.parametrize("page", ["/api/docs", "/api/redoc"])
def test_docs_pages_load_nothing_from_elsewhere(server: str, page: str) -> None:
    html = httpx.get(f"{server}{page}").text
    head = html.split("<body", 1)[0]
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", head)
    assert urls, head
    assert [u for u in urls if not u.startswith("/api/assets/")] == [], urls
    for url in urls:
        asset = httpx.get(f"{server}{url}")
        assert asset.status_code == 200, url
        assert len(asset.content) > 500, url
        kind = asset.headers["content-type"]
        assert ("javascript" in kind) if url.endswith(".js") else True, (url, kind)
        assert ("text/css" in kind) if url.endswith(".css") else True, (url, kind)
        head_answer = httpx.head(f"{server}{url}")
        assert head_answer.status_code == 200 and head_answer.content == b""


def test_head_and_options_over_a_real_server(server: str) -> None:
    for path in (JOBS, "/health/", "/api/schema/"):
        got = httpx.get(f"{server}{path}")
        head = httpx.head(f"{server}{path}")
        assert head.status_code == got.status_code == 200, path
        assert head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"]
        assert head.headers["content-length"] == str(len(got.content))
    refused = httpx.head(f"{server}{ME}")
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"].startswith("Bearer")
    assert refused.content == b""
    options = httpx.options(f"{server}{JOBS}")
    assert options.status_code == 204
    assert _allow(options) == {"GET", "HEAD", "OPTIONS", "POST"}


# --- The schema -----------------------------------------------------------------------------


async def schema_of(client: AsyncTestClient[Litestar]) -> dict[str, Any]:
    response = await client.get("/api/schema/")
    assert response.status_code == 200
    return dict(response.json())


def operations(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in schema["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                yield path, method, item[method]


async def test_schema_paths_are_written_as_the_guide_writes_them(
    client: AsyncTestClient[Litestar],
) -> None:
    paths = (await schema_of(client))["paths"]
    assert [p for p in paths if not p.endswith("/")] == []
    for path in (
        "/health/",
        "/health/ready/",
        TOKEN,
        "/accounts/api/v1/auth/token/refresh/",
        "/accounts/api/v1/users/",
        ME,
        JOBS,
        "/jobs/api/v1/jobs/{job_id}/",
    ):
        assert path in paths, path
    assert {"get", "post"} <= set(paths[JOBS])
    # The routes answer with and without the slash, as before.
    assert (await client.get(JOBS)).status_code == 200
    assert (await client.get(JOBS.rstrip("/"))).status_code == 200


def test_every_route_is_declared_with_a_trailing_slash() -> None:
    """What lets the schema add the slash Litestar strips from route paths."""
    decorators = {"get", "post", "put", "patch", "delete", "head", "route"}
    found = []
    for source in sorted((ROOT / "adapters" / "http").rglob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(), filename=str(source))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for decorator in node.decorator_list:
                if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Name)):
                    continue
                if decorator.func.id not in decorators:
                    continue
                path = decorator.args[0] if decorator.args else None
                assert isinstance(path, ast.Constant) and isinstance(path.value, str), (
                    f"{source}:{node.lineno}: route path must be a string literal"
                )
                found.append(path.value)
                assert path.value.endswith("/"), f"{source}:{node.lineno}: {path.value!r}"
    assert len(found) >= 50


async def test_security_only_on_the_operations_that_take_a_token(
    client: AsyncTestClient[Litestar],
) -> None:
    schema = await schema_of(client)
    assert "security" not in schema
    assert schema["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"
    paths = schema["paths"]

    def requires_token(path: str, method: str) -> bool:
        requirements = paths[path][method].get("security") or [{}]
        return {} not in requirements

    assert not requires_token("/health/", "get")
    assert not requires_token("/health/ready/", "get")
    assert not requires_token(TOKEN, "post")
    assert not requires_token("/accounts/api/v1/users/", "post")
    assert "security" not in paths[TOKEN]["post"]
    assert not requires_token(JOBS, "get")
    assert paths[JOBS]["get"]["security"] == [{}, BEARER]  # a token is optional there
    assert requires_token(ME, "get") and paths[ME]["get"]["security"] == [BEARER]
    assert requires_token(ME, "patch")
    assert requires_token(JOBS, "post")

    # What the schema says is what the API does: every GET without path parameters that
    # requires a token refuses a request without one, and none of the others does.
    for path, method, _operation in operations(schema):
        if method != "get" or "{" in path:
            continue
        response = await client.get(path)
        assert (response.status_code == 401) == requires_token(path, method), (
            path,
            response.status_code,
        )


RANDOM_WORD = re.compile(r"^[A-Za-z]{16,}$")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _examples(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("example", "examples"):
                yield item
            yield from _examples(item)
    elif isinstance(value, list):
        for item in value:
            yield from _examples(item)


async def test_no_generated_random_examples_and_error_examples_are_real_answers(
    client: AsyncTestClient[Litestar],
) -> None:
    schema = await schema_of(client)
    examples = list(_examples(schema))
    assert examples
    randoms = [s for example in examples for s in _strings(example) if RANDOM_WORD.match(s)]
    assert randoms == []
    error_body = schema["components"]["schemas"]["ErrorBody"]
    assert "examples" not in error_body
    assert all("examples" not in p for p in error_body["properties"].values())
    # Every documented error is the API's ``ErrorBody`` shape (not Litestar's own
    # ``status_code``/``extra`` one), with a real body as its example.
    for path, method, operation in operations(schema):
        for status, response in operation["responses"].items():
            if int(status) < 400:
                continue
            content = json.dumps(response.get("content", {}))
            assert '"status_code"' not in content, (path, method, status)

    def documented(path: str, method: str, status: str) -> dict[str, Any]:
        media = schema["paths"][path][method]["responses"][status]["content"]["application/json"]
        (example,) = media["examples"].values()
        return dict(example["value"])

    def alike(answer: dict[str, Any], example: dict[str, Any]) -> bool:
        """Same fields and ``code``; the ``detail`` sentence may name the thing at fault."""
        return answer.keys() == example.keys() and answer["code"] == example["code"]

    anonymous = await client.get(ME)
    assert anonymous.status_code == 401
    assert anonymous.json() == documented(ME, "get", "401")
    missing = await client.get(f"{JOBS}987654/")
    assert missing.status_code == 404
    assert alike(missing.json(), documented("/jobs/api/v1/jobs/{job_id}/", "get", "404"))
    bad_page = await client.get(f"{JOBS}?page=x")
    assert bad_page.status_code == 400
    assert alike(bad_page.json(), documented(JOBS, "get", "400")), bad_page.json()


async def test_pagination_links_keep_the_path_the_client_used(
    client: AsyncTestClient[Litestar], outbox: Outbox
) -> None:
    jane = await signed_in(
        client, outbox, "rh_jane", "jane@corp.io", user_type="recruiter", company_name="Tech Corp"
    )
    job = {
        "title": "Python Developer",
        "category": 1,
        "job_type": 1,
        "location": "Paris, France",
        "experience_level": "senior",
        "description": "Python, PostgreSQL and tests.",
        "requirements": ["Python"],
        "benefits": ["Remote work"],
    }
    for n in range(3):
        created = await client.post(JOBS, json={**job, "title": f"Dev {n}"}, headers=jane)
        assert created.status_code == 201, created.text

    page = (await client.get(f"{JOBS}?limit=1&page=2&search=python")).json()
    for link in (page["next"], page["previous"]):
        assert link.startswith(f"http://testserver.local{JOBS}?"), link
        assert "search=python" in link
    followed = await client.get(page["next"].removeprefix("http://testserver.local"))
    assert followed.status_code == 200 and followed.json()["previous"] is not None

    bare = JOBS.rstrip("/")
    page = (await client.get(f"{bare}?limit=1&page=2")).json()
    assert page["next"].startswith(f"http://testserver.local{bare}?"), page["next"]
    assert page["previous"].startswith(f"http://testserver.local{bare}?"), page["previous"]


# --- OPTIONS and HEAD -----------------------------------------------------------------------


def _allow(response: httpx.Response) -> set[str]:
    return {m.strip() for m in response.headers["allow"].split(",")}


async def test_options_lists_every_method_of_the_path(
    client: AsyncTestClient[Litestar],
) -> None:
    expected = {
        JOBS: {"GET", "HEAD", "OPTIONS", "POST"},
        JOBS.rstrip("/"): {"GET", "HEAD", "OPTIONS", "POST"},
        "/jobs/api/v1/jobs/1/": {"GET", "HEAD", "OPTIONS", "PATCH", "DELETE"},
        ME: {"GET", "HEAD", "OPTIONS", "PATCH"},
        TOKEN: {"OPTIONS", "POST"},
        "/health/": {"GET", "HEAD", "OPTIONS"},
    }
    schema = await schema_of(client)
    for path, methods in expected.items():
        response = await client.options(path)
        assert response.status_code == 204, (path, response.text)
        assert response.content == b""
        assert _allow(response) == methods, path
    # Every documented path: OPTIONS names each documented method (and HEAD with GET).
    for path, item in schema["paths"].items():
        concrete = re.sub(r"\{[^}]+\}", "1", path)
        allow = _allow(await client.options(concrete))
        documented = {m.upper() for m in HTTP_METHODS if m in item}
        assert documented | {"OPTIONS"} <= allow, (path, allow)
        assert ("HEAD" in allow) == ("GET" in allow), (path, allow)
    # A method a path does not have: 405, and Allow says what it has.
    refused = await client.put(JOBS, json={})
    assert refused.status_code == 405
    assert {"GET", "HEAD", "POST"} <= _allow(refused)


async def test_head_answers_like_get_without_a_body(
    client: AsyncTestClient[Litestar], outbox: Outbox
) -> None:
    for path in (JOBS, JOBS.rstrip("/"), "/health/", "/jobs/api/v1/categories/", "/api/schema/"):
        got = await client.get(path)
        head = await client.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b"", path
        assert head.headers["content-type"] == got.headers["content-type"]
        assert head.headers["content-length"] == str(len(got.content))

    anonymous = await client.head(ME)
    assert anonymous.status_code == 401
    assert anonymous.headers["www-authenticate"] == 'Bearer realm="api"'
    assert anonymous.content == b""
    assert (await client.head(ME, headers={"Authorization": "Bearer nope"})).status_code == 401
    zoe = await signed_in(client, outbox, "zoe_dev", "zoe@example.com")
    mine = await client.head(ME, headers=zoe)
    assert mine.status_code == 200 and mine.content == b""
    assert mine.headers["content-length"] == str(len((await client.get(ME, headers=zoe)).content))

    missing = await client.head(f"{JOBS}987654/")
    assert missing.status_code == 404 and missing.content == b""
    assert (await client.head("/no/such/path/")).status_code == 404
    post_only = await client.head(TOKEN)
    assert post_only.status_code == 405 and post_only.content == b""
    assert "HEAD" not in _allow(post_only)


@pytest.fixture
async def cors_client(settings: Settings) -> Any:
    app = create_app(replace(settings, cors_origins="https://app.example"))
    async with AsyncTestClient(app=app) as client:
        yield client


async def test_cors_preflight_still_answered(cors_client: AsyncTestClient[Litestar]) -> None:
    origin = {"Origin": "https://app.example"}
    preflight = await cors_client.options(
        JOBS,
        headers={
            **origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert preflight.status_code in (200, 204), preflight.text
    assert preflight.headers["access-control-allow-origin"] == "https://app.example"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    # Without an Origin it is no CORS request: the path's methods, as without CORS.
    plain = await cors_client.options(JOBS)
    assert plain.status_code == 204
    assert _allow(plain) == {"GET", "HEAD", "OPTIONS", "POST"}
    head = await cors_client.head(JOBS, headers=origin)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["access-control-allow-origin"] == "https://app.example"


async def test_a_body_the_handler_may_go_without_is_not_documented_as_required(
    client: AsyncTestClient[Litestar],
) -> None:
    """Found by the schema fuzzing: ``resend`` and ``recalculate`` take ``X | None = None``
    and answer 200 without a body, while the document said the body was required."""
    schema = await schema_of(client)
    optional = {
        (path, method)
        for path, method, operation in operations(schema)
        if "requestBody" in operation and not operation["requestBody"].get("required", False)
    }
    assert optional == {
        ("/accounts/api/v1/users/email-verification/resend/", "post"),
        ("/matching/api/v1/job-matches/recalculate/", "post"),
    }
    response = await client.post("/accounts/api/v1/users/email-verification/resend/")
    assert response.status_code == 400  # no token and no e-mail: a 4xx, not a schema breach


async def test_the_confirm_400_documented_matches_a_malformed_body(
    client: AsyncTestClient[Litestar],
) -> None:
    """Found by the schema fuzzing: a confirm request without a body answers the common error
    shape (no ``error``), which the document's 400 required."""
    schema = await schema_of(client)
    path = "/accounts/api/v1/users/email-verification/confirm/"
    ref = schema["paths"][path]["post"]["responses"]["400"]["content"]["application/json"]
    name = ref["schema"]["$ref"].rsplit("/", 1)[1]
    required = set(schema["components"]["schemas"][name]["required"])
    for body in (None, {}, {"token": "forged"}):
        response = (
            await client.post(path, json=body) if body is not None else await client.post(path)
        )
        assert response.status_code == 400, response.text
        assert required <= set(response.json()), (body, response.json())
    assert "error" in response.json()  # a bad token still says so in the guide's `error`
