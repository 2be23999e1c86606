"""Clients that are not opened again once the node closed them.

Tortoise opens a closed client again on its next query. At shutdown that is a leak: a late
query would open a new SQLite connection, whose thread then keeps the process from exiting
(or a new PostgreSQL pool nobody closes). A client `infra.db.config.close_database` retired
refuses instead, as an unavailable database.
"""

from __future__ import annotations

from modules.kernel.outages import DATABASE, DependencyUnavailable


class Retiring:
    """Mixed into a Tortoise client: `create_connection` checks `refuse_if_retired` first."""

    retired = False

    def retire(self) -> None:
        """Closed for good: opening again raises."""
        self.retired = True

    def refuse_if_retired(self) -> None:
        """Raise `DependencyUnavailable("database")` once retired."""
        if self.retired:
            raise DependencyUnavailable(DATABASE)
