"""Which subscriptions may share one delivery stream, and under which key.

Two subscriptions share a stream when they would receive the same messages: the same document
(as printed: layout and comments aside), operation name and variables, on one of the live-event
fields whose results read nothing but the event itself. The document may hold fragments for
that field's selection. What stays per subscriber is the `missed` count of the typed fields, so
a plan also names the response keys under which the query selects `missed`, to be patched when
one subscriber alone lost events.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import orjson
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionNode,
    parse,
    print_ast,
)

LIVE_FIELDS = frozenset({"stationEvents", "transactionEvents", "meterValues", "alertChanged"})
"""The subscription fields whose results depend on the delivered event alone."""


@dataclass(frozen=True, slots=True)
class SharePlan:
    """The key of a shareable subscription, and where its results say how many were missed."""

    key: Hashable
    root_key: str
    missed_keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Shape:
    document: str
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
    key = (shape.document, operation_name, frozen_variables)
    return SharePlan(key, shape.root_key, shape.missed_keys)


@lru_cache(maxsize=256)
def _shape_of(query: str, operation_name: str | None) -> _Shape | None:
    """The printed document, the root field's response key of a single-field live
    subscription and its `missed` keys; None for anything else (queries, several root fields
    or operations, directives, unknown or cyclic fragments, syntax errors), which then runs
    the ordinary way and gets the ordinary errors."""
    try:
        document = parse(query)
    except GraphQLError:
        return None
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    if len(operations) != 1 or len(operations) + len(fragments) != len(document.definitions):
        return None
    (operation,) = operations
    if operation.directives or operation.operation is not OperationType.SUBSCRIPTION:
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
    missed = _missed_keys(root.selection_set.selections, fragments, frozenset())
    if missed is None:
        return None
    return _Shape(print_ast(document), _response_key(root), tuple(dict.fromkeys(missed)))


def _missed_keys(
    selections: Sequence[SelectionNode],
    fragments: Mapping[str, FragmentDefinitionNode],
    spread: frozenset[str],
) -> list[str] | None:
    """The response keys of the `missed` fields among `selections` (through their fragments),
    or None if a directive, an unknown fragment or a cycle makes them uncertain."""
    keys: list[str] = []
    for selection in selections:
        if selection.directives:
            return None
        if isinstance(selection, FieldNode):
            if selection.name.value == "missed":
                keys.append(_response_key(selection))
            continue
        if isinstance(selection, InlineFragmentNode):
            inner = _missed_keys(selection.selection_set.selections, fragments, spread)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is None or fragment.directives or name in spread:
                return None
            inner = _missed_keys(fragment.selection_set.selections, fragments, spread | {name})
        else:
            return None
        if inner is None:
            return None
        keys += inner
    return keys


def _response_key(field: FieldNode) -> str:
    return field.alias.value if field.alias is not None else field.name.value
