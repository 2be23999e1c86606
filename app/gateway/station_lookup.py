"""What the websocket handshake needs to know of a station, read with one prepared statement,
and the one write it makes: raising the station's security profile once it connected at a
higher one (A05.FR.07).

Every upgrade request reads it; in a reconnect storm that is thousands per second, and the
ORM's query building cost more Python time than the database took to answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from infra.db.sql import current_client, parameter


@dataclass(frozen=True, slots=True)
class KnownStation:
    """A registered station's password hash (None: none set), registration status and the
    security profile it must connect at, at least."""

    password_hash: str | None
    registration_status: str | None
    security_profile: int = 1


async def find_station(station_id: str) -> KnownStation | None:
    """The station's handshake facts, or None when it is not registered."""
    client = current_client()
    station = parameter(client.capabilities.dialect, 1)
    rows = await client.execute_query_dict(
        'SELECT "password_hash", "registration_status", "security_profile" '
        f'FROM "station" WHERE "id" = {station}',
        [station_id],
    )
    if not rows:
        return None
    row = rows[0]
    return KnownStation(
        row["password_hash"], row["registration_status"], int(row["security_profile"])
    )


async def raise_security_profile(station_id: str, profile: int) -> None:
    """From now on the station must connect at `profile` or higher (never lowered here)."""
    client = current_client()
    dialect = client.capabilities.dialect
    wanted, station = parameter(dialect, 1), parameter(dialect, 2)
    await client.execute_query(
        f'UPDATE "station" SET "security_profile" = {wanted} '
        f'WHERE "id" = {station} AND "security_profile" < {wanted}',
        [profile, station_id],
    )
