"""The live transactionEvents and meterValues subscriptions: typed views of the block's
events. Identical subscriptions share one feed, which recognises both fields by name
(`graphql_schema/live/plan.py`)."""

from __future__ import annotations

import strawberry

from graphql_schema.live.subscriptions import live_field
from graphql_schema.transactions.types import MeterValuesLiveEvent, TransactionLiveEvent
from modules.transactions import TRANSACTION_EVENT_TYPES, MeterValuesStored


@strawberry.type
class TransactionsSubscription:
    """Live transactions and meter values."""

    # TRANSACTION_STARTED / _UPDATED / _ENDED with the transaction's state after each
    transaction_events = live_field(
        "Transactions started, updated and ended, of one station or of the whole fleet "
        "when stationId is omitted.",
        TRANSACTION_EVENT_TYPES,
        TransactionLiveEvent,
    )
    # METER_VALUES from MeterValues requests and TransactionEvents carrying meterValue
    meter_values = live_field(
        "Meter values as they are stored, of one station or of the whole fleet when "
        "stationId is omitted.",
        (MeterValuesStored.TYPE,),
        MeterValuesLiveEvent,
    )
