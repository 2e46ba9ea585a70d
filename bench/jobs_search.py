"""Job search under load: PostgreSQL filled with N realistic jobs, one `hireflow serve`
process, and a separate load process with 32 concurrent keep-alive clients.

    .venv/bin/python bench/jobs_search.py                 # 10k, 100k and 1M jobs
    .venv/bin/python bench/jobs_search.py --sizes 100000 --seconds 20

Starts its own PostgreSQL on loopback (tests/servers.py) unless HIREFLOW_BENCH_POSTGRES_URL
points at an admin URL of an existing server. Prints req/s, p50 and p99 per scenario.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import multiprocessing
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from adapters.persistence.migrate import upgrade  # noqa: E402
from tests.servers import free_port, start_postgres  # noqa: E402

CITIES = [
    "Paris, France",
    "Lyon, France",
    "Marseille, France",
    "Toulouse, France",
    "Lille, France",
    "Bordeaux, France",
    "Nantes, France",
    "Berlin, Germany",
    "Munich, Germany",
    "London, United Kingdom",
    "Manchester, United Kingdom",
    "Madrid, Spain",
    "Barcelona, Spain",
    "Lisbon, Portugal",
    "Amsterdam, Netherlands",
    "Brussels, Belgium",
    "Dakar, Senegal",
    "Abidjan, Côte d'Ivoire",
    "Casablanca, Morocco",
    "Douala, Cameroon",
    "Lagos, Nigeria",
    "Nairobi, Kenya",
    "Montréal, Canada",
    "New York, United States",
    "Remote",
]
ROLES = [
    "Python Developer",
    "Backend Engineer",
    "Frontend Developer",
    "Data Engineer",
    "Data Scientist",
    "DevOps Engineer",
    "Product Manager",
    "UX Designer",
    "QA Engineer",
    "Mobile Developer",
    "Site Reliability Engineer",
    "Machine Learning Engineer",
    "Sales Executive",
    "Account Manager",
    "Marketing Manager",
    "HR Business Partner",
    "Financial Analyst",
    "Customer Success Manager",
    "Chef de cuisine",
    "Nurse",
    "Supply Chain Analyst",
    "Legal Counsel",
    "Teacher",
    "Electrician",
]
LEVELS = ["intern", "junior", "mid", "senior", "lead"]
SKILLS = [
    "Python",
    "Django",
    "FastAPI",
    "PostgreSQL",
    "Redis",
    "Kubernetes",
    "Docker",
    "AWS",
    "GCP",
    "React",
    "TypeScript",
    "Vue",
    "Java",
    "Spring",
    "Go",
    "Rust",
    "Kafka",
    "Spark",
    "Airflow",
    "TensorFlow",
    "PyTorch",
    "SQL",
    "Excel",
    "Salesforce",
    "Figma",
    "Scrum",
    "Terraform",
    "Linux",
    "GraphQL",
    "Node.js",
    "Swift",
    "Kotlin",
    "Tableau",
    "SAP",
    "HACCP",
]
FILLER = [
    "we",
    "are",
    "looking",
    "for",
    "a",
    "motivated",
    "colleague",
    "to",
    "join",
    "our",
    "growing",
    "team",
    "and",
    "help",
    "us",
    "build",
    "products",
    "our",
    "customers",
    "love",
    "you",
    "will",
    "work",
    "closely",
    "with",
    "engineering",
    "design",
    "and",
    "business",
    "stakeholders",
    "in",
    "an",
    "international",
    "environment",
    "with",
    "flexible",
    "hours",
    "training",
    "budget",
    "and",
    "meal",
    "vouchers",
    "nous",
    "recherchons",
    "une",
    "personne",
    "passionnée",
    "pour",
    "rejoindre",
    "notre",
    "équipe",
]


def job_rows(
    n: int, companies: list[tuple[int, int]], seed: int = 7, first: int = 0, total: int = 0
) -> io.StringIO:
    """Jobs ``first`` to ``first + n`` of ``total`` posted over the past year, oldest first
    (as a live table fills: rows near in posting time are near on disk), each within a few
    hours of its place in that order."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    total = max(total, first + n)
    year = 60 * 24 * 365
    out = io.StringIO()
    for i in range(n):
        role = rng.choice(ROLES)
        level = rng.choice(LEVELS)
        title = f"{level.capitalize()} {role}" if level != "mid" else role
        skills = rng.sample(SKILLS, 4)
        words = rng.sample(FILLER, 25)
        description = (
            f"{title} — {' '.join(words[:12])}. Stack: {', '.join(skills)}. {' '.join(words[12:])}."
        )
        low = rng.randrange(20, 120) * 1000
        high = low + rng.randrange(5, 40) * 1000
        if rng.random() < 0.1:
            low = high = None  # type: ignore[assignment]
        company, recruiter = companies[i % len(companies)]
        minutes = year * (total - first - i) / total + rng.uniform(-240, 240)
        created = now - timedelta(minutes=max(0.0, minutes))
        fields = [
            title,
            f"job-{i}",
            str(company),
            str(recruiter),
            str(rng.randrange(1, 17)),
            str(rng.randrange(1, 7)),
            rng.choice(CITIES),
            "\\N" if low is None else str(low),
            "\\N" if high is None else str(high),
            "EUR",
            level,
            description,
            '["' + '", "'.join(skills) + '"]',
            "[]",
            "t" if rng.random() < 0.95 else "f",
            created.isoformat(),
            created.isoformat(),
        ]
        out.write("\t".join(f.replace("\t", " ") for f in fields) + "\n")
    out.seek(0)
    return out


def fill(url: str, n: int) -> None:
    with psycopg.connect(url) as conn:
        now = datetime.now(UTC)
        companies: list[tuple[int, int]] = []
        for c in range(200):
            user_id = conn.execute(
                "INSERT INTO users (username, username_key, email, email_key, user_type, "
                "is_active, email_verified, created_at, updated_at) VALUES "
                "(%s, %s, %s, %s, 'recruiter', true, true, %s, %s) RETURNING id",
                (f"rec{c}", f"rec{c}", f"rec{c}@bench.io", f"rec{c}@bench.io", now, now),
            ).fetchone()[0]  # type: ignore[index]
            company_id = conn.execute(
                "INSERT INTO companies (name, name_key, slug, admin_id, description, industry, "
                "location, created_at, updated_at) "
                "VALUES (%s, lower(%s), %s, %s, '', 'Technology', 'Paris', %s, %s) "
                "RETURNING id",
                (f"Company {c}", f"Company {c}", f"company-{c}", user_id, now, now),
            ).fetchone()[0]  # type: ignore[index]
            companies.append((company_id, user_id))
        columns = (
            "title, slug, company_id, recruiter_id, category_id, job_type_id, location, "
            "salary_min, salary_max, salary_currency, experience_level, description, "
            "requirements, benefits, is_active, created_at, updated_at"
        )
        done = 0
        while done < n:
            batch = min(100_000, n - done)
            data = job_rows(batch, companies, seed=done, first=done, total=n)
            # Slugs must be unique across batches.
            text = data.getvalue().replace("\tjob-", f"\tjob-{done}-")
            with conn.cursor().copy(f"COPY jobs ({columns}) FROM STDIN") as copy:
                copy.write(text)
            done += batch
        conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE jobs")


QUERIES = [
    {"search": "python", "location": "paris", "min_salary": "50000"},
    {"search": "engineer", "location": "lyon", "max_salary": "90000"},
    {"search": "data", "location": "berlin", "min_salary": "40000", "max_salary": "100000"},
    {"search": "react developer", "location": "france"},
    {"search": "kubernetes", "min_salary": "60000"},
]


async def _client(host: str, port: int, paths: list[str], stop: float, out: list[float]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    i = random.randrange(len(paths))
    while time.perf_counter() < stop:
        path = paths[i % len(paths)]
        i += 1
        start = time.perf_counter()
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        body = await reader.readexactly(length)
        if not head.startswith(b"HTTP/1.1 200"):
            raise RuntimeError(head.decode() + body[:200].decode())
        out.append(time.perf_counter() - start)
    writer.close()


def load(port: int, paths: list[str], seconds: float, concurrency: int, queue: object) -> None:
    """The load process: closed loop, `concurrency` keep-alive connections."""
    latencies: list[float] = []

    async def main() -> None:
        stop = time.perf_counter() + seconds
        await asyncio.gather(
            *(_client("127.0.0.1", port, paths, stop, latencies) for _ in range(concurrency))
        )

    started = time.perf_counter()
    try:
        asyncio.run(main())
    except Exception as exc:  # tell the parent instead of leaving it waiting on the queue
        queue.put(exc)  # type: ignore[attr-defined]
        return
    queue.put((len(latencies) / (time.perf_counter() - started), latencies))  # type: ignore[attr-defined]


def measure(
    port: int, paths: list[str], seconds: float, concurrency: int
) -> tuple[float, float, float]:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    worker = ctx.Process(target=load, args=(port, paths, seconds, concurrency, queue))
    worker.start()
    result = queue.get(timeout=seconds + 120)
    worker.join()
    if isinstance(result, Exception):
        raise RuntimeError(f"load process failed: {result}") from result
    rps, latencies = result
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    return rps, p50, p99


def cpu_seconds(pid: int | None = None) -> float | None:
    """CPU time used so far by one process, or by the whole machine (Linux /proc; else None):
    where each request's time goes when the server, PostgreSQL and the load share the cores."""
    try:
        if pid is not None:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks = int(fields[11]) + int(fields[12])
        else:
            values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
            ticks = sum(values) - values[3] - values[4]  # all but idle and iowait
    except (OSError, IndexError, ValueError):
        return None
    return ticks / os.sysconf("SC_CLK_TCK")


def show_counts(port: int, paths: list[str]) -> None:
    """What each query answers: its total, and whether that total is exact or estimated."""
    for path in paths:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}") as response:
            body = json.loads(response.read())
        kind = "exact" if body.get("count_exact", True) else "estimated"
        print(f"          {path.split('?', 1)[1]:<75} count {body['count']:>8,} ({kind})")


def serve(database_url: str, data_dir: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {
        **os.environ,
        "HIREFLOW_DATABASE_URL": database_url,
        "HIREFLOW_DATA_DIR": str(data_dir),
        "HIREFLOW_RATE_LIMITS_ENABLED": "false",
        "HIREFLOW_LOG_LEVEL": "WARNING",
    }
    hireflow = str(Path(sys.executable).with_name("hireflow"))
    process = subprocess.Popen(
        [hireflow, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("server did not start") from None
            time.sleep(0.2)
    return process, port


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    tmp = Path(tempfile.mkdtemp(prefix="hireflow-bench-"))
    server = None
    admin = os.environ.get("HIREFLOW_BENCH_POSTGRES_URL")
    if not admin:
        server = start_postgres(tmp, shared_buffers="1GB")
        admin = server.admin_url
    base = admin.rsplit("/", 1)[0]
    pages = {"page 1": "1", "deep page (50)": "50"}
    results: dict[int, dict[str, tuple[float, float, float]]] = {}
    try:
        for size in sizes:
            name = f"bench_{size}"
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name}")
                conn.execute(f"CREATE DATABASE {name}")
            url = f"{base}/{name}"
            upgrade(url)
            started = time.perf_counter()
            fill(url, size)
            print(f"{size:>9,} jobs loaded in {time.perf_counter() - started:.1f}s", flush=True)
            process, port = serve(url.replace("postgresql://", "postgresql+psycopg://"), tmp / name)
            try:
                results[size] = {}
                for label, page in pages.items():
                    paths = [
                        "/jobs/api/v1/jobs/?" + urlencode({**q, "page": page, "limit": "20"})
                        for q in QUERIES
                    ]
                    measure(port, paths, 2, args.concurrency)  # warm-up
                    if page == "1":
                        show_counts(port, paths)
                    before = (cpu_seconds(process.pid), cpu_seconds())
                    rps, p50, p99 = measure(port, paths, args.seconds, args.concurrency)
                    after = (cpu_seconds(process.pid), cpu_seconds())
                    results[size][label] = (rps, p50, p99)
                    cpu = ""
                    if None not in before + after:
                        spent = [b - a for a, b in zip(before, after, strict=True)]  # type: ignore[operator]
                        per = [1000 * s / (rps * args.seconds) for s in spent]
                        cpu = f"   CPU/request: server {per[0]:4.1f} ms, machine {per[1]:4.1f} ms"
                    print(
                        f"{size:>9,} jobs  {label:<15} {rps:8.0f} req/s   "
                        f"p50 {p50:6.1f} ms   p99 {p99:6.1f} ms{cpu}",
                        flush=True,
                    )
            finally:
                process.terminate()
                process.wait(timeout=15)
    finally:
        if server:
            server.stop()
    if len(sizes) > 1:
        smallest, largest = sizes[0], sizes[-1]
        for label in pages:
            ratio = results[largest][label][1] / results[smallest][label][1]
            print(f"p50 growth {smallest:,} -> {largest:,} jobs ({label}): x{ratio:.2f}")


if __name__ == "__main__":
    main()
