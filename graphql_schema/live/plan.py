"""Which subscriptions may share one delivery stream, and under which key.

Two subscriptions share a stream when they would receive the same messages: the same query
text, operation name and variables, on one of the live-event fields whose results read nothing
but the event itself. What stays per subscriber is the `missed` count of the typed fields, so a
plan also names the response keys under which the query selects `missed`, to be patched when
one subscriber alone lost events.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from functools import lru_cache

import orjson
from graphql import FieldNode, GraphQLError, OperationDefinitionNode, OperationType, parse

LIVE_FIELDS = frozenset({"stationEvents", "transactionEvents", "meterValues"})
"""The subscription fields whose results depend on the delivered event alone."""


@dataclass(frozen=True, slots=True)
class SharePlan:
    """The key of a shareable subscription, and where its results say how many were missed."""

    key: Hashable
    root_key: str
    missed_keys: tuple[str, ...]


def share_plan(query: str, operation_name: str | None, variables: object) -> SharePlan | None:
    """The plan of a subscription that may share its stream, or None to run it on its own."""
    shape = _shape_of(query, operation_name)
    if shape is None:
        return None
    try:
        frozen_variables = orjson.dumps(variables or {}, option=orjson.OPT_SORT_KEYS)
    except TypeError:
        return None
    return SharePlan((query, operation_name, frozen_variables), *shape)


@lru_cache(maxsize=256)
def _shape_of(query: str, operation_name: str | None) -> tuple[str, tuple[str, ...]] | None:
    """The root field's response key of a single-field live subscription and its `missed`
    keys; None for anything else (queries, several root fields or definitions, fragments,
    directives, syntax errors), which then runs the ordinary way and gets the ordinary errors."""
    try:
        document = parse(query)
    except GraphQLError:
        return None
    (operation, *others) = document.definitions
    if others or not isinstance(operation, OperationDefinitionNode) or operation.directives:
        return None
    if operation.operation is not OperationType.SUBSCRIPTION:
        return None
    if operation_name is not None and (
        operation.name is None or operation.name.value != operation_name
    ):
        return None
    (root, *more) = operation.selection_set.selections
    if more or not isinstance(root, FieldNode) or root.directives:
        return None
    if root.name.value not in LIVE_FIELDS or root.selection_set is None:
        return None
    missed: list[str] = []
    for selection in root.selection_set.selections:
        if not isinstance(selection, FieldNode) or selection.directives:
            return None
        if selection.name.value == "missed":
            missed.append(_response_key(selection))
    return _response_key(root), tuple(missed)


def _response_key(field: FieldNode) -> str:
    return field.alias.value if field.alias is not None else field.name.value
