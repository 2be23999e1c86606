"""Errors of an unavailable dependency as an operator sees them: `"database unavailable"` with
`extensions.code` UNAVAILABLE, never the driver's message ("[Errno 111] Connection refused")
or its internals. The detail is logged on the server (as a warning, without a traceback per
request, by the node's log filter)."""

from __future__ import annotations

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from modules.kernel.outages import Classifier, description, named_dependency

UNAVAILABLE = "UNAVAILABLE"


class UnavailableErrors(MaskErrors):
    """Replaces each error caused by an unavailable dependency with one that names it."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=self._is_outage)

    def _classifier(self) -> Classifier:
        services = getattr(self.execution_context.context, "services", None)
        classifier: Classifier = getattr(services, "unavailable", named_dependency)
        return classifier

    def _is_outage(self, error: GraphQLError) -> bool:
        cause = error.original_error
        return cause is not None and self._classifier()(cause) is not None

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        """The error with the unavailable dependency's name as its message."""
        cause = error.original_error
        dependency = self._classifier()(cause) if cause is not None else None
        return GraphQLError(
            description(dependency or "service"),
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=None,
            extensions={"code": UNAVAILABLE},
        )
