"""The CostQuote port of the TransactionEvent handler (I02, I03, I06): what it is asked, and
its cost and text in the response; without a port the response has no cost fields."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from modules.kernel.routing import HandlerContext
from modules.transactions.handlers import TransactionHandlers
from modules.transactions.memory_store import MemoryTransactionsStore
from tests.support.transactions import energy_reading, id_token, tx_event_payload
from tests.unit.transactions.fakes import FakeRemoteStarts, FakeTokenAuthority

NOW = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Text:
    content: str
    language: str | None = None


@dataclass(frozen=True)
class Cost:
    total_cost: Decimal | None
    message: Text | None


class FakeCosts:
    """Answers a fixed cost and remembers what it was asked."""

    def __init__(self, answer: Cost | None) -> None:
        self.answer = answer
        self.asked: list[dict[str, Any]] = []

    async def quote(self, **fields: Any) -> Cost | None:
        self.asked.append(fields)
        return self.answer


def _handlers(costs: FakeCosts | None) -> TransactionHandlers:
    store = MemoryTransactionsStore()
    return TransactionHandlers(store, FakeTokenAuthority(), FakeRemoteStarts(), "Unknown", costs)


def _payload() -> dict[str, Any]:
    return tx_event_payload(
        "Updated",
        "TX-1",
        1,
        "MeterValuePeriodic",
        idToken=id_token("CARD"),
        evse={"id": 2},
        chargingState="SuspendedEV",
        timestamp="2026-03-01T10:30:00.000Z",
        meterValue=[energy_reading(1500, "2026-03-01T10:30:00.000Z")],
    )


async def test_the_quote_is_asked_with_the_event_and_answered_in_the_response() -> None:
    costs = FakeCosts(Cost(Decimal("3.51"), Text("0.30 EUR/kWh", "en")))
    ctx = HandlerContext(station_id="CS-1", message_id="m", now=NOW)
    response = await _handlers(costs).transaction_event(ctx, _payload())
    assert response.total_cost == 3.51
    message = response.updated_personal_message
    assert message is not None
    assert (message.content, message.language) == ("0.30 EUR/kWh", "en")
    (asked,) = costs.asked
    moment = datetime(2026, 3, 1, 10, 30, tzinfo=UTC)
    assert {key: asked[key] for key in ("event_type", "evse_id", "id_token", "readings")} == {
        "event_type": "Updated",
        "evse_id": 2,
        "id_token": "CARD",
        "readings": [(moment, 1500.0)],
    }
    assert (asked["charging_state"], asked["timestamp"]) == ("SuspendedEV", moment)


async def test_no_port_or_no_tariff_no_cost_fields() -> None:
    for costs in (None, FakeCosts(None)):
        ctx = HandlerContext(station_id="CS-1", message_id="m", now=NOW)
        response = await _handlers(costs).transaction_event(ctx, _payload())
        assert (response.total_cost, response.updated_personal_message) == (None, None)
