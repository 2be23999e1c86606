"""The execution context of this schema: long-lived subscriptions that do not grow with every
event.

graphql-core 3.3 runs each subscription event on a shallow copy of the subscription's executor;
the copies share the executor's sub-field memo, keyed by the identity of a field list that is
built anew for each event, and the memo keeps those lists alive. Every event delivered thus
stays in memory (about 1 kB per event per subscription) until the subscription ends, and the
growing heap makes garbage-collection pauses longer for the whole node, stations included.
Each event here gets its own memo, dropped with the event's execution.

Identical live subscriptions are not executed once per subscriber: they share one feed, which
executes each event once for all of them (graphql_schema/live/feeds.py).
"""

from __future__ import annotations

from typing import Any

from graphql.execution.executor import Executor
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext


class PerEventMemoExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context; subscription events do not share the sub-field memo."""

    def build_per_event_executor(self, payload: Any) -> Executor[Any]:
        """The per-event copy, with a memo of its own."""
        executor = super().build_per_event_executor(payload)
        executor._relevant_sub_fields = {}
        return executor
