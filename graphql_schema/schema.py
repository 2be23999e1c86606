"""The strawberry schema: each functional area contributes its own Query / Mutation classes,
merged here, so areas grow in their own files."""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from graphql_schema.mutations import Mutation
from graphql_schema.queries import Query
from graphql_schema.subscriptions import Subscription

QUERY_TYPES: tuple[type, ...] = (Query,)
MUTATION_TYPES: tuple[type, ...] = (Mutation,)

schema = strawberry.Schema(
    query=merge_types("Query", QUERY_TYPES),
    mutation=merge_types("Mutation", MUTATION_TYPES),
    subscription=Subscription,
)
