"""What the websocket handshake needs to know of a station, read with one prepared statement.

Every upgrade request reads it; in a reconnect storm that is thousands per second, and the
ORM's query building cost more Python time than the database took to answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from infra.db.sql import current_client, parameter


@dataclass(frozen=True, slots=True)
class KnownStation:
    """A registered station's password hash (None: no Basic auth) and registration status."""

    password_hash: str | None
    registration_status: str | None


async def find_station(station_id: str) -> KnownStation | None:
    """The station's handshake facts, or None when it is not registered."""
    client = current_client()
    station = parameter(client.capabilities.dialect, 1)
    rows = await client.execute_query_dict(
        f'SELECT "password_hash", "registration_status" FROM "station" WHERE "id" = {station}',
        [station_id],
    )
    if not rows:
        return None
    return KnownStation(rows[0]["password_hash"], rows[0]["registration_status"])
