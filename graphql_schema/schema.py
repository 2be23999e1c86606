"""The strawberry schema: each functional area contributes its own Query / Mutation classes,
merged here, so areas grow in their own files."""

from __future__ import annotations

import strawberry
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.tools import merge_types

from graphql_schema.auth import RequireAuthentication
from graphql_schema.authorization_commands import AuthorizationCommandMutation
from graphql_schema.authorization_id_tokens import AuthorizationMutation, AuthorizationQuery
from graphql_schema.authorization_lists import LocalListMutation, LocalListQuery
from graphql_schema.availability.mutations import AvailabilityMutation
from graphql_schema.live.execution import PerEventMemoExecutionContext
from graphql_schema.live.subscriptions import StationEventsSubscription
from graphql_schema.mutations import Mutation
from graphql_schema.provisioning_mutations import ProvisioningMutation
from graphql_schema.provisioning_queries import ProvisioningQuery
from graphql_schema.queries import Query
from graphql_schema.remote_control_mutations import RemoteControlMutation
from graphql_schema.remote_control_queries import RemoteControlQuery
from graphql_schema.subscriptions import Subscription
from graphql_schema.transactions_mutations import TransactionsMutation
from graphql_schema.transactions_queries import TransactionsQuery

DOCUMENT_CACHE_SIZE = 512
"""Distinct GraphQL documents whose parse and validation are kept."""

QUERY_TYPES: tuple[type, ...] = (
    Query,
    ProvisioningQuery,
    AuthorizationQuery,
    LocalListQuery,
    RemoteControlQuery,
    TransactionsQuery,
)
MUTATION_TYPES: tuple[type, ...] = (
    Mutation,
    AvailabilityMutation,
    ProvisioningMutation,
    AuthorizationMutation,
    AuthorizationCommandMutation,
    LocalListMutation,
    RemoteControlMutation,
    TransactionsMutation,
)
SUBSCRIPTION_TYPES: tuple[type, ...] = (
    StationEventsSubscription,
    Subscription,
)

schema = strawberry.Schema(
    query=merge_types("Query", QUERY_TYPES),
    mutation=merge_types("Mutation", MUTATION_TYPES),
    subscription=merge_types("Subscription", SUBSCRIPTION_TYPES),
    # graphql-core 3.3 keeps every delivered subscription event alive otherwise
    execution_context_class=PerEventMemoExecutionContext,
    # Operators and dashboards send the same few documents over and over (values go in
    # variables): validating each again was half the node's time per operator command. Both
    # caches are bounded LRUs keyed by the query text (parsed documents are then the same
    # object, which keys the validation cache).
    extensions=[
        lambda: ParserCache(maxsize=DOCUMENT_CACHE_SIZE),
        lambda: ValidationCache(maxsize=DOCUMENT_CACHE_SIZE),
        # after the validation cache: its verdict is replaced for an unauthenticated caller
        RequireAuthentication,
    ],
)
