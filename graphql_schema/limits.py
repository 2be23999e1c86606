"""The API's limits on one operation, checked before it runs: tokens (at parse), depth,
aliases and estimated cost (after validation), with the document cache bounded by bytes.

The cost of an operation is the number of field values it may resolve: each field counts
once per parent value, and a list field multiplies what is below it by its page size (`first`
or `last` when given, from the literal or the variable, else the argument's default, else
`LIST_ESTIMATE`, 4). The walk follows fragments and stops as soon as a limit is passed, so even
a document built to explode is measured in bounded time.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    Visitor,
    visit,
)

LIMITED = "LIMIT_EXCEEDED"
"""The `extensions.code` of an operation refused by a limit."""

LIST_ESTIMATE = 4
"""How many items a list field without a page size is counted as: the unpaged lists are a
record's parts (a station's EVSEs, an EVSE's connectors, a message's parts), a few each; a
listing of 1,000 stations with their EVSEs and connectors costs 43,000."""

PAGE_ARGUMENTS = ("first", "last")
"""The arguments that bound a list field's length."""


@dataclass(frozen=True, slots=True)
class ApiLimits:
    """The limits of one GraphQL operation and request (settings CSMS_GRAPHQL_*)."""

    max_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 2000
    max_document_chars: int = 16 * 1024
    max_cost: int = 50_000
    max_body_bytes: int = 1024 * 1024
    document_cache_bytes: int = 8 * 1024 * 1024
    introspection: bool = True


def limit_error(message: str) -> GraphQLError:
    """The error of an operation a limit refused."""
    return GraphQLError(message, extensions={"code": LIMITED})


class _AliasCounter(Visitor):
    """Counts aliased fields in a whole document."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        """One more alias when the field has one."""
        if node.alias is not None:
            self.count += 1


def alias_count(document: DocumentNode) -> int:
    """Aliased fields in the document, in every operation and fragment."""
    counter = _AliasCounter()
    visit(document, counter)
    return counter.count


class _Exceeded(Exception):
    """A limit was passed during the walk."""


@dataclass
class _Walk:
    schema: GraphQLSchema
    fragments: dict[str, FragmentDefinitionNode]
    variables: dict[str, Any]
    limits: ApiLimits
    cost: int = 0
    depth: int = 0

    def selections(
        self, parent: Any, selection_set: SelectionSetNode | None, times: int, depth: int
    ) -> None:
        if selection_set is None:
            return
        if depth > self.limits.max_depth:
            self.depth = depth
            raise _Exceeded
        self.depth = max(self.depth, depth)
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                self.field(parent, selection, times, depth)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                kind = self.schema.get_type(condition.name.value) if condition else parent
                self.selections(kind, selection.selection_set, times, depth)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None:
                    kind = self.schema.get_type(fragment.type_condition.name.value)
                    self.selections(kind, fragment.selection_set, times, depth)

    def field(self, parent: Any, node: FieldNode, times: int, depth: int) -> None:
        self.cost += times
        if self.cost > self.limits.max_cost:
            raise _Exceeded
        definition = None
        if isinstance(parent, GraphQLObjectType) or hasattr(parent, "fields"):
            definition = parent.fields.get(node.name.value)
        if definition is None or node.selection_set is None:
            return
        kind, is_list = _unwrapped(definition)
        fanout = self.page_size(definition, node) if is_list else 1
        self.selections(kind, node.selection_set, times * max(fanout, 1), depth + 1)

    def page_size(self, definition: GraphQLField, node: FieldNode) -> int:
        given = {argument.name.value: argument.value for argument in node.arguments or ()}
        for name in PAGE_ARGUMENTS:
            value = given.get(name)
            if isinstance(value, IntValueNode):
                return int(value.value)
            if isinstance(value, VariableNode):
                variable = self.variables.get(value.name.value)
                if isinstance(variable, int):
                    return variable
            argument = definition.args.get(name)
            if argument is not None and isinstance(argument.default_value, int):
                return argument.default_value
        return LIST_ESTIMATE


def _unwrapped(definition: GraphQLField) -> tuple[Any, bool]:
    """A field's named type and whether it is a list."""
    kind: Any = definition.type
    is_list = False
    while isinstance(kind, GraphQLNonNull | GraphQLList):
        is_list = is_list or isinstance(kind, GraphQLList)
        kind = kind.of_type
    return kind, is_list


def operation_of(
    document: DocumentNode, operation_name: str | None
) -> OperationDefinitionNode | None:
    """The operation a request runs: the named one, or the only one."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [d for d in operations if d.name and d.name.value == operation_name]
    return operations[0] if len(operations) == 1 else None


MAX_SAME_NAME = 5
"""How often one response name may be selected in one selection set, fragments included:
validation compares each such pair (graphql-core's OverlappingFieldsCanBeMerged), so 900
repeats of `stations { id }` took seconds to validate."""


class _Shape:
    """The fields of a document's operations with their fragments spread, counted before
    validation: at most `budget` in all, at most MAX_SAME_NAME per response name in one
    selection set. A fragment already on the path is not spread again (validation refuses
    the cycle)."""

    def __init__(self, document: DocumentNode, budget: int) -> None:
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.budget = budget
        self.problem: str | None = None

    def selection_set(self, selections: SelectionSetNode, path: tuple[str, ...]) -> None:
        names: dict[str, int] = {}
        self._collect(selections, path, names)

    def _collect(
        self, selections: SelectionSetNode, path: tuple[str, ...], names: dict[str, int]
    ) -> None:
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                self.budget -= 1
                key = (selection.alias or selection.name).value
                names[key] = names.get(key, 0) + 1
                if self.budget < 0:
                    self.problem = "too many fields once its fragments are spread"
                    raise _Exceeded
                if names[key] > MAX_SAME_NAME:
                    self.problem = f"`{key}` more than {MAX_SAME_NAME} times in one selection"
                    raise _Exceeded
                if selection.selection_set is not None:
                    self.selection_set(selection.selection_set, path)
            elif isinstance(selection, InlineFragmentNode):
                self._collect(selection.selection_set, path, names)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is not None and name not in path:
                    self._collect(fragment.selection_set, (*path, name), names)


def static_limit_errors(document: DocumentNode, limits: ApiLimits) -> list[GraphQLError]:
    """The limits that depend on the document alone, checked before validation: aliases, and
    the fields its operations select (as many as `max_tokens` in all, no response name
    repeated past MAX_SAME_NAME in one selection set)."""
    aliases = alias_count(document)
    if aliases > limits.max_aliases:
        return [limit_error(f"The document has {aliases} aliases; at most {limits.max_aliases}")]
    shape = _Shape(document, limits.max_tokens)
    try:
        for definition in document.definitions:
            if isinstance(definition, OperationDefinitionNode):
                shape.selection_set(definition.selection_set, ())
    except _Exceeded:
        return [limit_error(f"The document selects {shape.problem}")]
    return []


def operation_limit_errors(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    limits: ApiLimits,
) -> list[GraphQLError]:
    """The limits of the operation to run with these variables: depth and estimated cost."""
    operation = operation_of(document, operation_name)
    if operation is None:
        return []
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    root = schema.get_root_type(operation.operation)
    walk = _Walk(schema, fragments, variables or {}, limits)
    try:
        walk.selections(root, operation.selection_set, 1, 1)
    except _Exceeded:
        if walk.depth > limits.max_depth:
            return [
                limit_error(f"The operation is deeper than {limits.max_depth} levels of fields")
            ]
        return [
            limit_error(
                f"The operation may resolve more than {limits.max_cost} field values "
                "(each list field counts its `first`); ask for smaller pages"
            )
        ]
    return []


@dataclass(frozen=True, slots=True)
class CachedDocument:
    """A parsed document and, once known, its validation verdict."""

    document: DocumentNode
    errors: tuple[GraphQLError, ...] | None
    weight: int


BYTES_PER_CHARACTER = 40
"""The memory a parsed document takes per character of its text, as counted by the cache
(measured with tracemalloc on the README's and the benchmarks' documents: 20 to 35)."""


class DocumentCache:
    """Parsed documents and their validation verdicts by query text, least recently used
    first out, their estimated size at most `max_bytes` in total; a document bigger than a
    sixteenth of that is not kept."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._entries: OrderedDict[str, CachedDocument] = OrderedDict()

    def get(self, text: str) -> CachedDocument | None:
        """The entry of `text`, marked recently used."""
        entry = self._entries.get(text)
        if entry is not None:
            self._entries.move_to_end(text)
        return entry

    def put(
        self, text: str, document: DocumentNode, errors: tuple[GraphQLError, ...] | None
    ) -> None:
        """Keep `document` (and its verdict) for `text`, forgetting the least recently used
        entries beyond the budget."""
        weight = (len(text) + 64) * BYTES_PER_CHARACTER
        if weight * 16 > self.max_bytes:
            return
        old = self._entries.pop(text, None)
        if old is not None:
            self.size -= old.weight
        self._entries[text] = CachedDocument(document, errors, weight)
        self.size += weight
        while self.size > self.max_bytes:
            _, dropped = self._entries.popitem(last=False)
            self.size -= dropped.weight

    def __len__(self) -> int:
        return len(self._entries)
