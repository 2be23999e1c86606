"""How GraphQL errors are logged: what a caller got wrong is one INFO line, a fault of the node is
an ERROR with its traceback.

strawberry logs every error of every response at ERROR with the traceback, so an operator who
mistyped a station id filled the node's error log with stack traces of nothing wrong.
"""

from __future__ import annotations

import logging

import strawberry
from graphql import GraphQLError
from strawberry.types import ExecutionContext
from strawberry.utils.logging import StrawberryLogger

from graphql_schema.common.errors import InputError

log = logging.getLogger("graphql_schema.errors")


def is_caller_error(error: GraphQLError) -> bool:
    """True when the error is the caller's: a document that does not parse or validate, a
    refused token, or an argument a field refused (`InputError`)."""
    original = error.original_error
    return original is None or isinstance(original, InputError)


class Schema(strawberry.Schema):
    """strawberry's schema, logging caller errors without tracebacks."""

    def process_errors(
        self,
        errors: list[GraphQLError],
        execution_context: ExecutionContext | None = None,
    ) -> None:
        """Log each error of a response at the level of whose fault it is."""
        for error in errors:
            if is_caller_error(error):
                log.info("GraphQL request refused: %s (path %s)", error.message, error.path)
            else:
                StrawberryLogger.error(error, execution_context)
