from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

from dishka import Provider, Scope, provide
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from adapters.messaging.dramatiq_tasks import TaskSystem
from adapters.persistence.database import ReadSession, create_engine, session_factory
from adapters.persistence.outbox import OutboxStore, OutboxTaskQueue
from adapters.persistence.transaction import CommitHooks, PendingTasks, SqlTransactionManager
from bootstrap.settings import Settings
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager


@dataclass(frozen=True)
class ReadSessions:
    make: async_sessionmaker[AsyncSession]


class PersistenceProvider(Provider):
    @provide(scope=Scope.APP)
    async def engine(self, settings: Settings) -> AsyncIterator[AsyncEngine]:
        engine = create_engine(settings.effective_database_url)
        yield engine
        await engine.dispose()

    @provide(scope=Scope.APP)
    def sessions(self, engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
        return session_factory(engine)

    @provide(scope=Scope.REQUEST)
    async def session(
        self, factory: async_sessionmaker[AsyncSession]
    ) -> AsyncIterator[AsyncSession]:
        async with factory() as session:
            yield session  # closing without a commit rolls back

    @provide(scope=Scope.APP)
    async def read_sessions(
        self, settings: Settings, engine: AsyncEngine
    ) -> AsyncIterator[ReadSessions]:
        if not settings.is_sqlite:
            yield ReadSessions(session_factory(engine))
            return
        reader = create_engine(settings.effective_database_url, read_only=True)
        yield ReadSessions(session_factory(reader))
        await reader.dispose()

    @provide(scope=Scope.REQUEST)
    async def read_session(self, factory: ReadSessions) -> AsyncIterator[ReadSession]:
        async with factory.make() as session:
            yield ReadSession(session)

    pending = provide(PendingTasks, scope=Scope.REQUEST)
    hooks = provide(CommitHooks, scope=Scope.REQUEST)

    @provide(scope=Scope.REQUEST)
    def transaction(
        self, session: AsyncSession, pending: PendingTasks, hooks: CommitHooks, tasks: TaskSystem
    ) -> TransactionManager:
        return SqlTransactionManager(session, pending, tasks.publish, hooks)

    task_queue = provide(OutboxTaskQueue, provides=TaskQueue, scope=Scope.REQUEST)
    outbox_store = provide(OutboxStore, scope=Scope.REQUEST)
