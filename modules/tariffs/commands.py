"""CSMS->CS commands of block I: CostUpdated (I02, the running cost outside a
TransactionEvent) and the SetVariables that set a station's TariffCostCtrlr fallback texts
(I04.FR.02, I05.FR.01)."""

from __future__ import annotations

from decimal import Decimal

from ocpp.v201 import call, datatypes

from modules.kernel.commands import InvalidCommand
from modules.tariffs.policy import MAX_AMOUNT

CONTROLLER = "TariffCostCtrlr"
TARIFF_FALLBACK = "TariffFallbackMessage"
TOTAL_COST_FALLBACK = "TotalCostFallbackMessage"
MAX_FALLBACK = 255
"""Both fallback messages are strings of at most 255 characters (Part 2 appendix)."""
MAX_TRANSACTION_ID = 36


def cost_updated(transaction_id: str, total_cost: Decimal) -> call.CostUpdated:
    """I02: the CostUpdatedRequest telling the station a transaction's running cost."""
    if not 0 < len(transaction_id) <= MAX_TRANSACTION_ID:
        raise InvalidCommand("transactionId", f"must be 1 to {MAX_TRANSACTION_ID} characters")
    if not total_cost.is_finite() or not 0 <= total_cost <= MAX_AMOUNT:
        raise InvalidCommand("totalCost", f"must be between 0 and {MAX_AMOUNT}")
    return call.CostUpdated(total_cost=float(total_cost), transaction_id=transaction_id)


def fallback_messages(
    tariff_fallback: str | None, total_cost_fallback: str | None
) -> call.SetVariables:
    """I04.FR.02/I05.FR.01: the SetVariables request setting the given fallback texts."""
    given = [
        ("tariffFallbackMessage", TARIFF_FALLBACK, tariff_fallback),
        ("totalCostFallbackMessage", TOTAL_COST_FALLBACK, total_cost_fallback),
    ]
    data = []
    for field, variable, value in given:
        if value is None:
            continue
        if len(value) > MAX_FALLBACK:
            raise InvalidCommand(field, f"must be at most {MAX_FALLBACK} characters")
        data.append(
            datatypes.SetVariableDataType(
                attribute_value=value,
                component=datatypes.ComponentType(name=CONTROLLER),
                variable=datatypes.VariableType(name=variable),
            )
        )
    if not data:
        raise InvalidCommand("tariffFallbackMessage", "give at least one of the two messages")
    return call.SetVariables(set_variable_data=data)
