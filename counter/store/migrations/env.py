from alembic import context
from sqlmodel import SQLModel

import models  # noqa: F401  (registers every table on SQLModel.metadata)

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # A batch migration rebuilds a table: copy, drop the old, rename. With
        # foreign keys enforced the drop fails once other rows refer to it, so
        # they are off for the migration (SQLite ignores this pragma inside a
        # transaction: it goes on the raw connection first) and every
        # reference is checked before the commit.
        connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
    try:
        context.configure(connection=connection, target_metadata=SQLModel.metadata, render_as_batch=sqlite)
        with context.begin_transaction():
            context.run_migrations()
            if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                raise RuntimeError("the migration left rows referring to missing ones; nothing was changed")
        connection.commit()
    finally:
        if sqlite:
            connection.rollback()
            connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")
