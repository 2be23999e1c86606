"""Pure rules on what an operator may ask of a station (block F)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TX_PROFILE = "TxProfile"

EVSE_TRIGGERS = frozenset({"MeterValues", "StatusNotification", "TransactionEvent"})
"""Requested messages that are about an EVSE, so a TriggerMessage may name one (F06.FR.02)."""


def charging_profile_problem(profile: Mapping[str, Any]) -> str | None:
    """Why a RequestStartTransaction's chargingProfile is unfit, or None.

    F01.FR.09: its purpose SHALL be TxProfile; F01.FR.11: its transactionId SHALL NOT be set
    (the transaction does not exist yet).
    """
    purpose = profile.get("chargingProfilePurpose")
    if purpose is not None and purpose != TX_PROFILE:
        return f"chargingProfile.chargingProfilePurpose: must be {TX_PROFILE}, got {purpose}"
    if "transactionId" in profile:
        return "chargingProfile.transactionId: must not be set in a remote start"
    return None


def trigger_evse_problem(
    requested_message: str, evse_id: int | None, connector_id: int | None
) -> str | None:
    """Why the EVSE/connector of a TriggerMessage does not fit, or None."""
    if evse_id is None:
        if connector_id is not None:
            return "connectorId needs evseId"
        return None
    if requested_message not in EVSE_TRIGGERS:
        allowed = ", ".join(sorted(EVSE_TRIGGERS))
        return f"evseId: {requested_message} is not about an EVSE (only {allowed})"
    if evse_id < 1:
        return "evseId must be >= 1 (omit it for the whole station)"
    if connector_id is not None and connector_id < 1:
        return "connectorId must be >= 1"
    return None
