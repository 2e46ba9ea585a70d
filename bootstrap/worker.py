"""``hireflow worker``: run background tasks from the Redis broker until told to stop."""

from __future__ import annotations

import logging
import signal
import threading

from bootstrap.container import make_task_system, start_worker
from bootstrap.settings import Settings, ensure_secret_key

log = logging.getLogger(__name__)


def run_worker(settings: Settings) -> None:
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
    start_worker(tasks, settings, embedded=False)
    log.info("Worker started with %d thread(s); waiting for tasks", settings.worker.worker_threads)
    try:
        stop.wait()
    finally:
        log.info("Stopping worker")
        tasks.close()
