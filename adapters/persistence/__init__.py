"""SQLAlchemy persistence: tables, repositories, the transaction manager, Alembic migrations."""
