"""Pure rules on what an operator may ask of a station (block F).

Each rule returns the `InvalidCommand` that refuses an argument (its field and problem), or
None. The message of each refusal is the text clients have always matched on: most read
"<field>: <problem>", the id rules "<field> <problem>".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from modules.kernel.commands import InvalidCommand

TX_PROFILE = "TxProfile"

EVSE_TRIGGERS = frozenset({"MeterValues", "StatusNotification", "TransactionEvent"})
"""Requested messages that are about an EVSE, so a TriggerMessage may name one (F06.FR.02)."""


def refusal(field: str, problem: str, separator: str = ": ") -> InvalidCommand:
    """The InvalidCommand for `field`, its message `field`, `separator`, `problem`."""
    error = InvalidCommand(field, problem)
    error.args = (f"{field}{separator}{problem}",)
    return error


def _id_refusal(field: str, problem: str) -> InvalidCommand:
    return refusal(field, problem, " ")


def start_evse_problem(evse_id: int | None) -> InvalidCommand | None:
    """Why a RequestStartTransaction's evseId does not fit (EVSE ids start at 1), or None."""
    if evse_id is not None and evse_id < 1:
        return _id_refusal("evseId", "must be >= 1 (omit it to let the station pick)")
    return None


def charging_profile_problem(profile: Mapping[str, Any]) -> InvalidCommand | None:
    """Why a RequestStartTransaction's chargingProfile is unfit, or None.

    F01.FR.09: its purpose SHALL be TxProfile; F01.FR.11: its transactionId SHALL NOT be set
    (the transaction does not exist yet).
    """
    purpose = profile.get("chargingProfilePurpose")
    if purpose is not None and purpose != TX_PROFILE:
        return refusal(
            "chargingProfile.chargingProfilePurpose", f"must be {TX_PROFILE}, got {purpose}"
        )
    if "transactionId" in profile:
        return refusal("chargingProfile.transactionId", "must not be set in a remote start")
    return None


def stop_problem(transaction_id: str) -> InvalidCommand | None:
    """Why a RequestStopTransaction's transactionId does not fit (F03: it names one), or None."""
    if not transaction_id:
        return refusal("transactionId", "must not be empty")
    return None


def unlock_problem(evse_id: int, connector_id: int) -> InvalidCommand | None:
    """Why an UnlockConnector's ids do not fit (F05: both the EVSE and its connector are
    named, each from 1), or None."""
    if evse_id < 1:
        return _id_refusal("evseId", "must be >= 1")
    if connector_id < 1:
        return _id_refusal("connectorId", "must be >= 1")
    return None


def trigger_evse_problem(
    requested_message: str, evse_id: int | None, connector_id: int | None
) -> InvalidCommand | None:
    """Why the EVSE/connector of a TriggerMessage does not fit, or None (F06.FR.02: only a
    message about an EVSE may name one; a connector only within its EVSE)."""
    if evse_id is None:
        if connector_id is not None:
            return _id_refusal("connectorId", "needs evseId")
        return None
    if requested_message not in EVSE_TRIGGERS:
        allowed = ", ".join(sorted(EVSE_TRIGGERS))
        return refusal("evseId", f"{requested_message} is not about an EVSE (only {allowed})")
    if evse_id < 1:
        return _id_refusal("evseId", "must be >= 1 (omit it for the whole station)")
    if connector_id is not None and connector_id < 1:
        return _id_refusal("connectorId", "must be >= 1")
    return None
