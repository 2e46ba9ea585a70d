"""Operations the CLI runs through the same use cases as the API."""

from __future__ import annotations

from adapters.messaging.dramatiq_tasks import TaskSystem, make_broker
from bootstrap.container import make_worker_container
from bootstrap.settings import Settings
from core.domain.accounts.user import User
from core.use_cases.accounts.create_internal_account import (
    CreateInternalAccount,
    CreateInternalAccountCommand,
)


async def create_internal_account(
    settings: Settings,
    *,
    username: str,
    email: str,
    password: str,
    user_type: str = "admin",
    first_name: str = "",
    last_name: str = "",
) -> User:
    """A site admin or an NGO manager, active at once (``hireflow users create``)."""
    tasks = TaskSystem(make_broker(settings.redis.url or None))
    container = make_worker_container(settings, tasks)
    try:
        async with container() as scope:
            use_case = await scope.get(CreateInternalAccount)
            return await use_case(
                CreateInternalAccountCommand(
                    username=username,
                    email=email,
                    password=password,
                    user_type=user_type,
                    first_name=first_name,
                    last_name=last_name,
                )
            )
    finally:
        await container.close()
        tasks.close()


async def create_admin(settings: Settings, *, username: str, email: str, password: str) -> User:
    return await create_internal_account(
        settings, username=username, email=email, password=password, user_type="admin"
    )
