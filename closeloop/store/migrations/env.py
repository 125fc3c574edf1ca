"""Alembic environment: runs on the connection handed over by ``store.db.migrate``."""

from alembic import context

from closeloop.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise SystemExit("closeloop migrates its database itself on first use; "
                     "run `closeloop db upgrade` instead of alembic")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
