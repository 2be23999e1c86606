"""Availability rules: what a ChangeAvailability addresses."""

from __future__ import annotations

from enum import StrEnum

from modules.kernel.commands import InvalidCommand


class Scope(StrEnum):
    """The whole station (G04), one EVSE or one connector of an EVSE (G03)."""

    STATION = "STATION"
    EVSE = "EVSE"
    CONNECTOR = "CONNECTOR"


def scope_of(evse_id: int | None, connector_id: int | None) -> Scope:
    """What an EVSE id and connector id address; InvalidCommand when they cannot go together.

    EVSE ids start at 1 (0 would be the station itself, which is said by leaving it out), and
    a connector is only addressed within its EVSE (OCPP 2.0.1 Part 2, G03.FR.01-02).
    """
    if evse_id is None:
        if connector_id is not None:
            raise InvalidCommand("connectorId", "needs evseId")
        return Scope.STATION
    if evse_id < 1:
        raise InvalidCommand("evseId", "must be >= 1 (omit it for the whole station)")
    if connector_id is None:
        return Scope.EVSE
    if connector_id < 1:
        raise InvalidCommand("connectorId", "must be >= 1")
    return Scope.CONNECTOR
