"""Operations the CLI runs through the same use cases as the API."""

from __future__ import annotations

from adapters.messaging.dramatiq_tasks import TaskSystem, make_broker
from bootstrap.container import make_worker_container
from bootstrap.settings import Settings
from core.domain.accounts.user import User
from core.use_cases.accounts.create_admin import CreateAdmin, CreateAdminCommand


async def create_admin(settings: Settings, *, username: str, email: str, password: str) -> User:
    tasks = TaskSystem(make_broker(settings.redis.url or None))
    container = make_worker_container(settings, tasks)
    try:
        async with container() as scope:
            use_case = await scope.get(CreateAdmin)
            return await use_case(
                CreateAdminCommand(username=username, email=email, password=password)
            )
    finally:
        await container.close()
        tasks.close()
