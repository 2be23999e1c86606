"""Bearer-token authentication and role checks (DESIGN §7).

An HTTP request is authenticated by the view before its body is even read
(`graphql_schema/view.py`); a subscription socket at `connection_init`. `ApiGuard` then runs
with every operation: the document cache, the limits (`graphql_schema/limits.py`), and the
role each root field needs (`graphql_schema/roles.py`), all before execution.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    NoSchemaIntrospectionCustomRule,
    SelectionSetNode,
    validate,
)
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from graphql_schema.context import Context
from graphql_schema.limits import (
    ApiLimits,
    limit_error,
    operation_limit_errors,
    operation_of,
    static_limit_errors,
)
from graphql_schema.roles import needed_role
from modules.operators import Caller, allows

UNAUTHENTICATED = "UNAUTHENTICATED"
FORBIDDEN = "FORBIDDEN"
MESSAGE = "Authentication required: send 'Authorization: Bearer <token>'"


def token_from_header(value: object) -> str | None:
    """The token of an `Authorization: Bearer <token>` value, or None."""
    if not isinstance(value, str):
        return None
    scheme, _, token = value.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def root_fields(
    selection_set: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode]
) -> set[str]:
    """The names of the fields selected at the root, through fragments (whose cycles
    validation has already refused)."""
    names: set[str] = set()
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            names.add(selection.name.value)
        elif isinstance(selection, InlineFragmentNode):
            names |= root_fields(selection.selection_set, fragments)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is not None:
                names |= root_fields(fragment.selection_set, fragments)
    return names


def role_errors(caller: Caller | None, execution: object) -> list[GraphQLError]:
    """The refusal of an operation the caller's role does not allow (empty: allowed)."""
    document = getattr(execution, "graphql_document", None)
    if caller is None:
        return [GraphQLError(MESSAGE, extensions={"code": UNAUTHENTICATED})]
    if document is None:
        return []
    operation = operation_of(document, getattr(execution, "operation_name", None))
    if operation is None:
        return []
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    refused = sorted(
        (name, needed_role(operation.operation, name))
        for name in root_fields(operation.selection_set, fragments)
        if not name.startswith("__")
        and not allows(caller.role, needed_role(operation.operation, name))
    )
    if not refused:
        return []
    named = ", ".join(f"{name} (needs {role.value})" for name, role in refused)
    return [
        GraphQLError(
            f"The {caller.role.value} role may not use: {named}",
            extensions={"code": FORBIDDEN, "role": caller.role.value},
        )
    ]


class ApiGuard(SchemaExtension):
    """Per operation, before execution: the document length, then the parsed document from
    the node's byte-bounded cache or a parse bounded to the token limit; the caller's role for
    each root field; the cached verdict or the alias and field limits, validation and (when
    introspection is off) the refusal of `__schema`/`__type`; then the depth and cost of the
    operation with its variables."""

    def _context(self) -> Context:
        context = self.execution_context.context
        assert isinstance(context, Context)
        return context

    def on_parse(self) -> Iterator[None]:
        """A document longer than the limit refused unparsed; a cached document, or the parse
        bounded to the token limit. Both limits keep a parse to milliseconds: the parse runs
        on the event loop, as a worker thread would make every socket call of the loop wait
        for the interpreter lock instead."""
        execution = self.execution_context
        services = self._context().services
        text = execution.query or ""
        most = services.limits.max_document_chars
        if len(text) > most:
            raise limit_error(f"The document has {len(text)} characters; at most {most}")
        cached = services.documents.get(text)
        if cached is not None:
            execution.graphql_document = cached.document
        else:
            execution.parse_options["max_tokens"] = services.limits.max_tokens
        yield

    def on_validate(self) -> Iterator[None]:
        """The caller's role first (refused: nothing validated), then the cached verdict or
        the static limits and validation, then depth and cost with the variables; all set
        before strawberry's own validation, which then does not run."""
        self.execution_context.pre_execution_errors = self._verdict()
        yield

    def _verdict(self) -> list[GraphQLError]:
        execution = self.execution_context
        context = self._context()
        refused = role_errors(context.caller, execution)
        document = execution.graphql_document
        if refused or document is None:
            return refused
        services = context.services
        text = execution.query or ""
        cached = services.documents.get(text)
        schema = execution.schema._schema
        if cached is not None and cached.errors is not None:
            errors = list(cached.errors)
        else:
            errors = _validated(schema, document, execution.validation_rules, services.limits)
            services.documents.put(text, document, tuple(errors))
        if errors:
            return errors
        return operation_limit_errors(
            schema, document, execution.operation_name, execution.variables, services.limits
        )


def _validated(
    schema: GraphQLSchema,
    document: DocumentNode,
    rules: tuple[type[ASTValidationRule], ...],
    limits: ApiLimits,
) -> list[GraphQLError]:
    """The static limits' errors (before validation, whose cost they bound), then
    validation's, then introspection's when it is off."""
    errors = static_limit_errors(document, limits)
    if not errors:
        errors = validate_document(schema, document, rules)
    if not errors and not limits.introspection:
        errors = validate(schema, document, [NoSchemaIntrospectionCustomRule])
    return errors
