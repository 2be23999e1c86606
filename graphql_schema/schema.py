"""The strawberry schema: each block's package contributes its own Query, Mutation and
Subscription types, merged here into one list per root type."""

from __future__ import annotations

from strawberry.tools import merge_types

from graphql_schema.auth import ApiGuard
from graphql_schema.authorization.mutations import AuthorizationMutation
from graphql_schema.authorization.queries import AuthorizationQuery
from graphql_schema.availability.mutations import AvailabilityMutation
from graphql_schema.certificates.mutations import CertificatesMutation
from graphql_schema.certificates.queries import CertificatesQuery
from graphql_schema.customer_information.mutations import CustomerInformationMutation
from graphql_schema.customer_information.queries import CustomerInformationQuery
from graphql_schema.data_transfer.mutations import DataTransferMutation
from graphql_schema.data_transfer.queries import DataTransferQuery
from graphql_schema.device_model.mutations import DeviceModelMutation
from graphql_schema.device_model.queries import DeviceModelQuery
from graphql_schema.display_messages.mutations import DisplayMessagesMutation
from graphql_schema.display_messages.queries import DisplayMessagesQuery
from graphql_schema.error_log import Schema
from graphql_schema.firmware.mutations import FirmwareMutation
from graphql_schema.firmware.queries import FirmwareQuery
from graphql_schema.live.execution import PerEventMemoExecutionContext
from graphql_schema.live.subscriptions import StationEventsSubscription
from graphql_schema.local_auth_lists.mutations import LocalListMutation
from graphql_schema.local_auth_lists.queries import LocalListQuery
from graphql_schema.logs.mutations import LogsMutation
from graphql_schema.logs.queries import LogsQuery
from graphql_schema.messages.mutations import MessagesMutation
from graphql_schema.messages.queries import MessagesQuery
from graphql_schema.monitoring.mutations import MonitoringMutation
from graphql_schema.monitoring.queries import MonitoringQuery
from graphql_schema.monitoring.subscriptions import MonitoringSubscription
from graphql_schema.operators.mutations import OperatorsMutation
from graphql_schema.operators.queries import OperatorsQuery
from graphql_schema.outages import UnavailableErrors
from graphql_schema.provisioning.mutations import ProvisioningMutation
from graphql_schema.provisioning.queries import ProvisioningQuery
from graphql_schema.remote_control.mutations import RemoteControlMutation
from graphql_schema.remote_control.queries import RemoteControlQuery
from graphql_schema.reservations.mutations import ReservationsMutation
from graphql_schema.reservations.queries import ReservationsQuery
from graphql_schema.security.queries import SecurityQuery
from graphql_schema.smart_charging.mutations import SmartChargingMutation
from graphql_schema.smart_charging.queries import SmartChargingQuery
from graphql_schema.smart_charging.sites import SiteMutation, SiteQuery
from graphql_schema.tariffs.mutations import TariffsMutation
from graphql_schema.tariffs.queries import TariffsQuery
from graphql_schema.transactions.mutations import TransactionsMutation
from graphql_schema.transactions.queries import TransactionsQuery
from graphql_schema.transactions.subscriptions import TransactionsSubscription

QUERY_TYPES: tuple[type, ...] = (
    MessagesQuery,
    ProvisioningQuery,
    AuthorizationQuery,
    LocalListQuery,
    RemoteControlQuery,
    TransactionsQuery,
    SecurityQuery,
    MonitoringQuery,
    DeviceModelQuery,
    ReservationsQuery,
    FirmwareQuery,
    DataTransferQuery,
    CustomerInformationQuery,
    DisplayMessagesQuery,
    CertificatesQuery,
    SmartChargingQuery,
    TariffsQuery,
    LogsQuery,
    OperatorsQuery,
    SiteQuery,
)
MUTATION_TYPES: tuple[type, ...] = (
    MessagesMutation,
    AvailabilityMutation,
    ProvisioningMutation,
    AuthorizationMutation,
    LocalListMutation,
    RemoteControlMutation,
    TransactionsMutation,
    DeviceModelMutation,
    ReservationsMutation,
    FirmwareMutation,
    DataTransferMutation,
    CustomerInformationMutation,
    DisplayMessagesMutation,
    MonitoringMutation,
    CertificatesMutation,
    SmartChargingMutation,
    TariffsMutation,
    LogsMutation,
    OperatorsMutation,
    SiteMutation,
)
SUBSCRIPTION_TYPES: tuple[type, ...] = (
    StationEventsSubscription,
    TransactionsSubscription,
    MonitoringSubscription,
)

schema = Schema(
    query=merge_types("Query", QUERY_TYPES),
    mutation=merge_types("Mutation", MUTATION_TYPES),
    subscription=merge_types("Subscription", SUBSCRIPTION_TYPES),
    # graphql-core 3.3 keeps every delivered subscription event alive otherwise
    execution_context_class=PerEventMemoExecutionContext,
    # Operators and dashboards send the same few documents over and over (values go in
    # variables): validating each again was half the node's time per operator command, so
    # ApiGuard keeps parsed documents and their verdicts in a cache bounded by bytes, and
    # checks the limits and the caller's role before anything executes.
    extensions=[
        ApiGuard,
        # "database unavailable" (UNAVAILABLE) instead of the driver's message
        UnavailableErrors,
    ],
)
