"""GraphQL enums made from the `ocpp` package's enums, so no OCPP value list is copied."""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

import strawberry

E = TypeVar("E", bound=Enum)


class EnumWrapError(ValueError):
    """One `ocpp` enum wrapped under two GraphQL names."""


def ocpp_enum(source: type[E], name: str, description: str) -> type[E]:
    """`source` itself, made a GraphQL enum named `name` whose values are spelled as OCPP
    spells them (`Accepted`, not the package's member name `accepted`). Resolvers then
    return the decoded `ocpp` members as they are. An enum can carry one GraphQL name."""
    known = getattr(source, "__strawberry_definition__", None)
    if known is not None:
        if known.name != name:
            raise EnumWrapError(f"{source.__name__} is already the GraphQL enum {known.name}")
        return source
    return strawberry.enum(source, name=name, description=description, graphql_name_from="value")
