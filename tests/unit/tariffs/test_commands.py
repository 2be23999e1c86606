"""The CostUpdated (I02) and fallback-text SetVariables (I04/I05) requests: schema-valid,
and refused before sending when they cannot be."""

from __future__ import annotations

from decimal import Decimal

import pytest

from modules.kernel import codec, schemas
from modules.kernel.commands import InvalidCommand
from modules.tariffs import cost_updated, fallback_messages


def test_cost_updated_carries_the_total_and_the_transaction() -> None:
    payload = codec.encode(cost_updated("TX-1", Decimal("12.34")))
    schemas.validate("CostUpdated", "Request", payload)
    assert payload == {"totalCost": 12.34, "transactionId": "TX-1"}


@pytest.mark.parametrize(
    ("transaction_id", "total", "field"),
    [
        ("", Decimal(1), "transactionId"),
        ("x" * 37, Decimal(1), "transactionId"),
        ("TX", Decimal(-1), "totalCost"),
        ("TX", Decimal("Infinity"), "totalCost"),
    ],
)
def test_cost_updated_refuses_what_cannot_be_a_cost(
    transaction_id: str, total: Decimal, field: str
) -> None:
    with pytest.raises(InvalidCommand) as refused:
        cost_updated(transaction_id, total)
    assert refused.value.field == field


def test_fallback_texts_are_one_set_variables_of_the_tariff_cost_controller() -> None:
    payload = codec.encode(fallback_messages(None, "See the app"))
    schemas.validate("SetVariables", "Request", payload)
    assert payload == {
        "setVariableData": [
            {
                "attributeValue": "See the app",
                "component": {"name": "TariffCostCtrlr"},
                "variable": {"name": "TotalCostFallbackMessage"},
            }
        ]
    }
    with pytest.raises(InvalidCommand):
        fallback_messages("x" * 256, None)
