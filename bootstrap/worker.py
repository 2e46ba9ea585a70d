"""``hireflow worker``: run background tasks from the Redis broker until told to stop."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Sequence

from adapters.messaging.routes import LANES, Lane
from bootstrap.container import make_task_system, start_worker
from bootstrap.settings import Settings, ensure_secret_key

log = logging.getLogger(__name__)


def run_worker(settings: Settings, lanes: Sequence[Lane] = LANES) -> None:
    if not settings.redis.url:
        raise SystemExit(
            "hireflow worker needs HIREFLOW_REDIS_URL: without Redis, `hireflow serve` runs "
            "its own in-process worker."
        )
    settings = ensure_secret_key(settings)
    tasks = make_task_system(settings)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    start_worker(tasks, settings, embedded=False, lanes=lanes)
    log.info(
        "Worker started on lane(s) %s (%d default thread(s)); waiting for tasks",
        ", ".join(lanes),
        settings.worker.worker_threads,
    )
    try:
        stop.wait()
    finally:
        log.info("Stopping worker")
        tasks.close()
