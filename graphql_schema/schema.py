"""The strawberry schema."""

from __future__ import annotations

import strawberry

from graphql_schema.mutations import Mutation
from graphql_schema.queries import Query
from graphql_schema.subscriptions import Subscription

schema = strawberry.Schema(query=Query, mutation=Mutation, subscription=Subscription)
