"""The execution context of this schema: long-lived subscriptions that do not grow with every
event, and one execution per event for all the subscribers of the same query.

graphql-core 3.3 runs each subscription event on a shallow copy of the subscription's executor;
the copies share the executor's sub-field memo, keyed by the identity of a field list that is
built anew for each event, and the memo keeps those lists alive. Every event delivered thus
stays in memory (about 1 kB per event per subscription) until the subscription ends, and the
growing heap makes garbage-collection pauses longer for the whole node, stations included.
Each event here gets its own memo, dropped with the event's execution.

Many dashboards watch the same thing with the same document (every fleet dashboard, say), and
each event used to be executed once per subscriber. A subscription resolver may hand all its
subscribers the same root object, marked with `share_results`; the object then carries the
results executed for it, keyed by the operation (printed operation and fragments, variable
values), and a subscriber whose key is already there gets that result without executing.
The results die with the root object, so nothing grows with the number of events. Only root
objects whose fields read nothing but the object itself may be marked: the result of one
subscriber's context is handed to all.
"""

from __future__ import annotations

from collections.abc import Awaitable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from graphql import ExecutionResult, print_ast
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

T = TypeVar("T")

_RESULTS = "_shared_execution_results"
"""The attribute of a shared root object holding its results, keyed by operation."""

_UNSHAREABLE = object()
"""An operation key meaning: this subscription's results are never shared."""


def share_results(payload: T) -> T:
    """Mark `payload` (handed to several subscribers as their root object) so that each
    distinct operation is executed on it once; returns it."""
    setattr(payload, _RESULTS, {})
    return payload


def _frozen(value: Any) -> Hashable:
    """A hashable equivalent of a coerced variable value (types kept: 1, 1.0, True differ)."""
    if isinstance(value, dict):
        return tuple(sorted((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    hash(value)  # raises TypeError for values that cannot be keys
    return (type(value), value)


@dataclass(frozen=True, slots=True)
class _StoredResult:
    """Stands in for an event's executor when its result is already there: graphql-core only
    calls `execute_operation` on it."""

    result: ExecutionResult

    def execute_operation(self, serially: bool | None = None) -> ExecutionResult:
        """The stored result, without executing."""
        return self.result


class PerEventMemoExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context; subscription events do not share the sub-field memo,
    and subscribers of the same operation share the execution of a shared root object."""

    _operation_key: Hashable | None = None
    """Set on the subscription's executor at its first event."""

    _shared_results: dict[Hashable, ExecutionResult] | None = None
    """On an event's executor: the results of its shared root object, to store its own in."""

    def build_per_event_executor(self, payload: Any) -> Any:
        """The result stored on a shared root object for this operation, or else the per-event
        copy, with a memo of its own."""
        if self._operation_key is None:
            self._operation_key = self._key_of_operation()
        results: dict[Hashable, ExecutionResult] | None = getattr(payload, _RESULTS, None)
        if self._operation_key is _UNSHAREABLE:
            results = None
        if results is not None and self.abort_signal is None:
            stored = results.get(self._operation_key)
            if stored is not None:
                return _StoredResult(stored)
        executor = cast(PerEventMemoExecutionContext, super().build_per_event_executor(payload))
        executor._relevant_sub_fields = {}
        executor._shared_results = results
        return executor

    def execute_operation(self, serially: bool | None = None) -> Any:
        """Execute; on an event of a shared root object, store the result (without errors)."""
        result = super().execute_operation(serially)
        results = self._shared_results
        if results is None:
            return result
        if self.is_awaitable(result):
            return self._store_when_done(result, results)
        self._store(result, results)
        return result

    async def _store_when_done(
        self, pending: Awaitable[Any], results: dict[Hashable, ExecutionResult]
    ) -> Any:
        result = await pending
        self._store(result, results)
        return result

    def _store(self, result: Any, results: dict[Hashable, ExecutionResult]) -> None:
        if isinstance(result, ExecutionResult) and not result.errors:
            results[self._operation_key] = result

    def _key_of_operation(self) -> Hashable:
        """What makes two subscriptions execute an event alike: the printed operation with its
        fragments, and the variable values."""
        fragments = sorted(self.fragment_definitions.items())
        text = "\n".join([print_ast(self.operation), *(print_ast(f) for _, f in fragments)])
        try:
            return (text, _frozen(self.variable_values.coerced))
        except TypeError:
            return _UNSHAREABLE
