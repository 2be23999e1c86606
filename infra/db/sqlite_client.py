"""The SQLite engine of the ORM (Tortoise's `engine`): Tortoise's client, not opened again
once retired (`infra.db.retiring`), so a late query cannot start a connection thread that
keeps the process from exiting.

(Tortoise's migrations pick their schema editor by the client's module name: it holds
"sqlite".)
"""

from __future__ import annotations

from tortoise.backends.sqlite.client import SqliteClient

from infra.db.retiring import Retiring


class RetiringSqliteClient(Retiring, SqliteClient):
    """Tortoise's SQLite client, which does not open its file again once retired."""

    async def create_connection(self, with_db: bool) -> None:
        """Open the file (and its thread), unless the node closed this client for good."""
        self.refuse_if_retired()
        await super().create_connection(with_db)


client_class = RetiringSqliteClient
"""What Tortoise looks up in an engine module."""
