"""Alembic environment: runs sitroom's migrations against the URL set in the config."""

from alembic import context
from sqlalchemy import engine_from_config, pool

from sitroom.store.jobs import is_queue_table
from sitroom.store.tables import Base

config = context.config
target_metadata = Base.metadata


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    # the job queue's tables (store/jobs.py) are made by SQL, not declared in tables.py
    return not (type_ == "table" and name is not None and is_queue_table(name))


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    given = config.attributes.get("connection")
    if given is not None:  # store/database.py's upgrade: its locked transaction
        context.configure(
            connection=given,
            target_metadata=target_metadata,
            render_as_batch=True,
            transactional_ddl=True,
            include_name=include_name,
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    connectable = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with connectable.connect() as connection:
        # batch mode lets ALTER TABLE work on SQLite too
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
