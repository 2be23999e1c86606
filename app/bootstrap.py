"""The composition root: the one place that builds adapters and wires every role together."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from aiohttp import web
from prometheus_client import CollectorRegistry

from app import firmware_files, log_files
from app.clock import utc_now
from app.commands import CallSender
from app.dashboard import dashboard_routes
from app.event_hub import EventHub
from app.gateway.auth_throttle import AddressThrottle, ThrottleSettings
from app.gateway.client_identity import ProxyTrust
from app.gateway.gateway import Gateway, GatewaySettings
from app.gateway.message_log import MessageLog
from app.health import healthz, readiness
from app.local_shortcut import LocalShortcut
from app.metrics import MetricSources, build_registry, exposition, scrape_allowed
from app.node_inbox import NodeInbox
from app.node_liveness import DeadNodeSweep, HeldConnections, NodeLiveness
from app.settings import Environment, Settings
from app.worker import Worker
from graphql_schema.context import ApiServices
from graphql_schema.limits import ApiLimits, DocumentCache
from graphql_schema.live.feeds import LiveFeeds
from graphql_schema.view import CsmsGraphQLView
from infra.bus.memory import MemoryBus
from infra.cache.aio import AioCache
from infra.cache.directory import StationDirectory
from infra.db.config import close_database, open_database
from infra.db.unit_of_work import transaction
from infra.outages import unavailable_dependency
from modules import (
    authorization,
    availability,
    certificates,
    customer_information,
    data_transfer,
    device_model,
    display_messages,
    firmware,
    local_auth_lists,
    logs,
    message_log,
    monitoring,
    operators,
    provisioning,
    remote_control,
    reservations,
    security,
    smart_charging,
    tariffs,
    transactions,
)
from modules.kernel import schemas
from modules.kernel.dispatcher import Dispatcher
from modules.kernel.group_commit import GroupCommit
from modules.kernel.ports import Bus, Cache, CommandSender
from modules.kernel.routing import Module, RoutingTable, build_routing_table
from modules.provisioning import BootConfigurator, LastSeenBuffer

log = logging.getLogger(__name__)


@dataclass
class Node:
    """Everything one running node holds."""

    settings: Settings
    cache: Cache
    bus: Bus
    routing: RoutingTable
    gateway: Gateway | None = None
    sender: CallSender | None = None
    events: EventHub | None = None
    message_log: MessageLog | None = None
    inbox: NodeInbox | None = None
    graphql_view: CsmsGraphQLView | None = None
    boot_configurator: BootConfigurator | None = None
    local_lists: local_auth_lists.LocalListPublisher | None = None
    reservations: reservations.ReservationKeeper | None = None
    display_transactions: transactions.EndedTransactions | None = None
    tx_profile_expiry: transactions.EndedTransactions | None = None
    fleet_messages: display_messages.FleetMessages | None = None
    charging_offers: smart_charging.ChargingNeedsOffers | None = None
    running_costs: tariffs.RunningCostFollower | None = None
    site_planner: smart_charging.SitePlanner | None = None
    presence: LastSeenBuffer | None = None
    firmware_catalogue: firmware.Catalogue | None = None
    firmware_campaigns: firmware.CampaignRunner | None = None
    certificate_issuer: certificates.CertificateIssuer | None = None
    log_uploads: logs.LogUploads | None = None
    log_retention: logs.LogRetention | None = None
    worker: Worker | None = None
    group_commit: GroupCommit | None = None
    metrics: CollectorRegistry | None = None
    metric_sources: MetricSources | None = None  # what `metrics` reads at scrape time
    liveness: NodeLiveness | None = None
    dead_node_sweep: DeadNodeSweep | None = None
    api_tokens: operators.ApiTokens | None = None


NODE = web.AppKey("node", Node)
SETTINGS = web.AppKey("settings", Settings)
CLOCK = web.AppKey[Callable[[], datetime]]("clock")
VENDORS = web.AppKey[Sequence[data_transfer.VendorHandler]]("vendors")
CERTIFICATE_BACKENDS = web.AppKey[certificates.CertificateBackends | None]("certificate_backends")


@dataclass(frozen=True)
class Stores:
    """Each block's SQL store, built once per node and shared by the block's module (the
    worker's handlers) and its services (the api's queries and command workflows)."""

    provisioning: provisioning.ProvisioningStore = field(
        default_factory=provisioning.SqlProvisioningStore
    )
    device_model: device_model.DeviceModelStore = field(
        default_factory=device_model.SqlDeviceModelStore
    )
    authorization: authorization.AuthorizationStore = field(
        default_factory=authorization.SqlAuthorizationStore
    )
    local_auth_lists: local_auth_lists.LocalListStore = field(
        default_factory=local_auth_lists.SqlLocalListStore
    )
    message_log: message_log.MessageLogStore = field(default_factory=message_log.SqlMessageLogStore)
    security: security.SecurityStore = field(default_factory=security.SqlSecurityStore)
    transactions: transactions.TransactionsStore = field(
        default_factory=transactions.SqlTransactionsStore
    )
    monitoring: monitoring.MonitoringStore = field(default_factory=monitoring.SqlMonitoringStore)
    remote_control: remote_control.RemoteControlStore = field(
        default_factory=remote_control.SqlRemoteControlStore
    )
    reservations: reservations.ReservationStore = field(
        default_factory=reservations.SqlReservationStore
    )
    firmware: firmware.FirmwareStore = field(default_factory=firmware.SqlFirmwareStore)
    data_transfer: data_transfer.DataTransferStore = field(
        default_factory=data_transfer.SqlDataTransferStore
    )
    customer_information: customer_information.CustomerInformationStore = field(
        default_factory=customer_information.SqlCustomerInformationStore
    )
    display_messages: display_messages.DisplayMessageStore = field(
        default_factory=display_messages.SqlDisplayMessageStore
    )
    certificates: certificates.CertificateStore = field(
        default_factory=certificates.SqlCertificateStore
    )
    smart_charging: smart_charging.SmartChargingStore = field(
        default_factory=smart_charging.SqlSmartChargingStore
    )
    tariffs: tariffs.TariffStore = field(default_factory=tariffs.SqlTariffStore)
    logs: logs.LogStore = field(default_factory=logs.SqlLogStore)

    operators: operators.OperatorStore = field(default_factory=operators.SqlOperatorStore)


def certificate_backends(settings: Settings) -> certificates.CertificateBackends:
    """The built-in certificate backends: the CSMS's CA (its files, or in dev a CA generated
    in the data folder), prepared contract-certificate files, the HTTP OCSP client."""
    dev_dir = settings.data_dir if settings.environment is Environment.DEV else None
    return certificates.CertificateBackends(
        signer=certificates.CsmsCertificateAuthority(
            settings.ca_cert_file, settings.ca_key_file, dev_dir, settings.cert_validity_days
        ),
        contracts=certificates.FileContractCertificates(settings.contract_cert_dir),
        ocsp=certificates.HttpOcspResponder(settings.ocsp_url, settings.ocsp_timeout_seconds),
    )


def all_modules(
    settings: Settings,
    presence: LastSeenBuffer,
    stores: Stores,
    vendors: data_transfer.VendorRegistry | None = None,
    backends: certificates.CertificateBackends | None = None,
) -> list[Module]:
    """Every functional-block module this CSMS runs; `vendors` answer stations'
    DataTransfers (none: every vendor is unknown); `backends` sign CSRs and answer
    certificate questions (None: the built-in ones of `settings`)."""
    backends = backends or certificate_backends(settings)
    costs = tariffs.TariffCosts(stores.tariffs)
    return [
        provisioning.build_module(
            provisioning.ProvisioningConfig(
                heartbeat_interval=settings.heartbeat_interval,
                default_registration_status=settings.default_registration_status,
                retry_interval=settings.boot_retry_interval,
            ),
            stores.provisioning,
            presence,
            stores.device_model.adopt_heartbeat_interval,
        ),
        device_model.build_module(stores.device_model),
        security.build_module(stores.security),
        monitoring.build_module(stores.monitoring),
        availability.build_module(),
        authorization.build_module(
            stores.authorization,
            authorization.AuthorizationConfig(
                unknown_status=settings.unknown_id_token_status,
                allow_concurrent_tx=settings.allow_concurrent_tx,
            ),
            contract_check=certificates.ContractCertificateCheck(
                backends.ocsp, certificates.KnownIssuers.from_file(settings.contract_ca_file)
            ),
            tariff_texts=costs,
        ),
        local_auth_lists.build_module(stores.local_auth_lists),
        transactions.build_module(
            stores.transactions,
            authorization.TokenAuthority(stores.authorization),
            remote_control.RemoteStartTokens(stores.remote_control),
            transactions.TransactionsConfig(unknown_status=settings.unknown_id_token_status),
            costs,
        ),
        remote_control.build_module(
            stores.remote_control, smart_charging.StartProfiles(stores.smart_charging)
        ),
        reservations.build_module(stores.reservations),
        firmware.build_module(stores.firmware),
        data_transfer.build_module(
            stores.data_transfer, vendors if vendors is not None else data_transfer.VendorRegistry()
        ),
        customer_information.build_module(stores.customer_information),
        display_messages.build_module(stores.display_messages),
        certificates.build_module(stores.certificates, backends),
        smart_charging.build_module(stores.smart_charging),
        tariffs.build_module(),
        logs.build_module(stores.logs),
    ]


def local_list_publisher(
    stores: Stores, bus: Bus, sender: CommandSender, now: Callable[[], datetime]
) -> local_auth_lists.LocalListPublisher:
    """The api role's local-list publisher (block D), on the SQL stores."""
    return local_auth_lists.LocalListPublisher(
        stores.local_auth_lists, authorization.TokenInfos(stores.authorization), bus, sender, now
    )


def block_services(
    stores: Stores,
    sender: CommandSender,
    now: Callable[[], datetime],
    local_lists: local_auth_lists.LocalListPublisher,
    report_timeout: float = device_model.DEFAULT_REPORT_TIMEOUT_SECONDS,
    certificate_warning_days: int = 30,
    default_security_profile: int = 1,
    charging_voltage: float = smart_charging.DEFAULT_VOLTAGE,
) -> dict[type, object]:
    """Each block's services for the api role (its queries and command workflows, built on
    the block's SQL store), keyed by class; resolvers reach them with `services.block(...)`."""
    id_tokens = authorization.IdTokenRegistry(
        stores.authorization,
        transaction,
        local_auth_lists.RegistryFollower(stores.local_auth_lists, local_lists.announce),
    )
    services: list[object] = [
        provisioning.ProvisioningQueries(stores.provisioning),
        provisioning.ProvisioningCommands(stores.provisioning, default_security_profile),
        security.SecurityQueries(stores.security),
        monitoring.MonitoringQueries(stores.monitoring, now, report_timeout),
        monitoring.MonitoringReports(stores.monitoring, sender, now, report_timeout),
        monitoring.MonitorRequests(stores.monitoring, sender),
        remote_control.RemoteControlQueries(stores.remote_control),
        remote_control.RemoteStarts(stores.remote_control, sender, now),
        device_model.DeviceModelQueries(stores.device_model, now, report_timeout),
        device_model.ReportRequests(stores.device_model, sender, now, report_timeout),
        device_model.VariableRequests(stores.device_model, sender),
        authorization.IdTokenQueries(stores.authorization),
        id_tokens,
        local_lists,
        local_auth_lists.LocalListQueries(stores.local_auth_lists),
        local_auth_lists.LocalListCommands(
            stores.local_auth_lists, transaction, local_lists.announce
        ),
        message_log.MessageLogQueries(stores.message_log),
        transactions.TransactionsQueries(stores.transactions),
        reservations.ReservationQueries(stores.reservations, now),
        reservations.Reservations(stores.reservations, sender, now),
        data_transfer.DataTransferQueries(stores.data_transfer),
        data_transfer.DataTransfers(stores.data_transfer, sender, now),
        customer_information.CustomerInformationQueries(stores.customer_information),
        customer_information.CustomerInformationRequests(
            stores.customer_information, sender, id_tokens.delete, now
        ),
        display_messages.DisplayMessageQueries(stores.display_messages),
        certificates.CertificateQueries(stores.certificates, now, certificate_warning_days),
        certificates.CertificateDeliveries(stores.certificates, sender, now),
        smart_charging.SmartChargingQueries(stores.smart_charging),
        smart_charging.SmartCharging(stores.smart_charging, sender, now),
        tariffs.TariffQueries(stores.tariffs),
        tariffs.TariffAdmin(stores.tariffs, now),
        logs.LogQueries(stores.logs),
        logs.LogRequests(stores.logs, sender, now),
        smart_charging.ExpectedSchedules(stores.smart_charging, now, charging_voltage),
    ]
    messages = display_messages.DisplayMessages(stores.display_messages, sender, now)
    fleet = display_messages.FleetMessages(stores.display_messages, messages, now)
    services.extend([messages, fleet])
    return {type(service): service for service in services}


def operator_services(
    stores: Stores, now: Callable[[], datetime], tokens: operators.ApiTokens
) -> dict[type, object]:
    """The operators block's services for the api role: the tokens, the audit log, the
    reads."""
    services: list[object] = [
        tokens,
        operators.AuditLog(stores.operators, now),
        operators.OperatorQueries(stores.operators),
    ]
    return {type(service): service for service in services}


def api_limits(settings: Settings) -> ApiLimits:
    """The GraphQL API's limits from the settings."""
    return ApiLimits(
        max_depth=settings.graphql_max_depth,
        max_aliases=settings.graphql_max_aliases,
        max_tokens=settings.graphql_max_tokens,
        max_document_chars=settings.graphql_max_document_chars,
        max_cost=settings.graphql_max_cost,
        max_body_bytes=settings.graphql_max_body_bytes,
        document_cache_bytes=settings.graphql_document_cache_bytes,
        introspection=settings.introspection_enabled,
    )


def firmware_catalogue(
    settings: Settings, stores: Stores, now: Callable[[], datetime]
) -> firmware.Catalogue:
    """The firmware catalogue (block L) every node serves files from."""
    return firmware.Catalogue(
        stores.firmware, now, settings.firmware_base_url, settings.firmware_max_bytes
    )


def firmware_services(
    settings: Settings,
    stores: Stores,
    bus: Bus,
    sender: CommandSender,
    now: Callable[[], datetime],
    catalogue: firmware.Catalogue,
) -> tuple[firmware.CampaignRunner, dict[type, object]]:
    """The api role's firmware campaign runner and the firmware block's services (block L)."""
    updates = firmware.FirmwareUpdates(stores.firmware, sender, now)
    runner = firmware.CampaignRunner(
        stores.firmware,
        updates,
        bus,
        settings.node_id,
        now,
        settings.firmware_campaign_interval,
        settings.firmware_campaign_lease,
    )
    services: list[object] = [
        catalogue,
        updates,
        firmware.FirmwareQueries(stores.firmware),
        firmware.FirmwarePublications(stores.firmware, sender, now),
        firmware.Campaigns(stores.firmware, catalogue, now, runner.wake),
    ]
    return runner, {type(service): service for service in services}


def group_commit_of(settings: Settings) -> GroupCommit | None:
    """The shared-transaction batcher for high-volume writes; None when the window is 0."""
    if settings.group_commit_window_ms == 0:
        return None
    return GroupCommit(
        settings.group_commit_window_ms / 1000,
        settings.group_commit_max_batch,
        transaction,
        unavailable_dependency,
    )


def build_cache(settings: Settings) -> AioCache:
    """Redis when CSMS_REDIS_URL is set, in-memory otherwise."""
    namespace = settings.cache_namespace
    if settings.redis_url:
        return AioCache.redis(
            settings.redis_url, namespace=namespace, timeout=settings.cache_timeout_seconds
        )
    return AioCache.memory(namespace=namespace)


def build_bus(settings: Settings) -> Bus:
    """Google Pub/Sub when CSMS_BUS=pubsub (behind the local shortcut for this node's own
    messages and events), in-process otherwise."""
    if settings.bus == "pubsub":
        from infra.bus.pubsub import PubSubBus

        pubsub = PubSubBus(
            project=settings.pubsub_project,
            emulator_host=settings.pubsub_emulator_host,
            topic_prefix=settings.pubsub_topic_prefix,
            timeout=settings.bus_timeout_seconds,
        )
        return LocalShortcut(pubsub, settings.node_id)
    return MemoryBus()


async def _database(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS]
    await open_database(
        settings.database_url, settings.database_pool_size, settings.db_timeout_seconds
    )
    yield
    await close_database()


async def _node(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS]
    schemas.preload()
    cache = build_cache(settings)
    bus = build_bus(settings)
    directory = StationDirectory(cache)
    stores = Stores()
    presence = LastSeenBuffer(stores.provisioning)
    handlers: Sequence[data_transfer.VendorHandler] = app[VENDORS]
    vendors = data_transfer.VendorRegistry(handlers)
    backends = app[CERTIFICATE_BACKENDS] or certificate_backends(settings)
    block_modules = all_modules(settings, presence, stores, vendors, backends)
    node = Node(settings, cache, bus, build_routing_table(block_modules))
    try:
        await _start(app, node, stores, presence, directory, backends)
    except BaseException:
        # a start that fails (the bus unreachable, say) stops what it had started
        await _stop(node, presence)
        raise
    app[NODE] = node
    yield
    await _stop(node, presence)


async def _start(
    app: web.Application,
    node: Node,
    stores: Stores,
    presence: LastSeenBuffer,
    directory: StationDirectory,
    backends: certificates.CertificateBackends,
) -> None:
    """Start the parts of the node its roles need, in order (`_stop` stops them)."""
    settings = node.settings
    now = app[CLOCK]
    roles = settings.role_set
    cache = node.cache
    bus = node.bus
    node.presence = presence
    node.liveness = NodeLiveness(cache, settings.node_id)
    await node.liveness.start()
    node.firmware_catalogue = firmware_catalogue(settings, stores, now)
    node.log_uploads = logs.LogUploads(
        stores.logs, now, settings.firmware_base_url, settings.log_max_bytes, bus
    )
    node.api_tokens = operators.ApiTokens(
        stores.operators, now, settings.admin_token, settings.api_token_cache_seconds
    )
    unowned = sorted(node.routing.unowned_station_actions())
    if unowned:
        log.info("station actions no module handles (answered NotSupported): %s", unowned)
    if "gateway" in roles:
        if settings.message_log_enabled:
            node.message_log = MessageLog(
                settings.message_log_retention_days, now, settings.message_log_max_backlog
            )
            await node.message_log.start()
        node.gateway = Gateway(
            GatewaySettings(
                node_id=settings.node_id,
                accept_unknown_stations=settings.accept_unknown_stations,
                ws_heartbeat=settings.ws_heartbeat,
                max_message_bytes=settings.ws_max_message_bytes,
                call_queue_size=settings.call_queue_size,
                login_throttle=ThrottleSettings(
                    per_station=settings.auth_failures_per_station,
                    per_address=settings.auth_failures_per_address,
                    window_seconds=settings.auth_failure_window,
                ),
                lookup_timeout=settings.db_timeout_seconds,
                send_buffer_bytes=settings.ws_send_buffer_bytes,
                send_stall_seconds=settings.ws_send_stall_seconds,
                proxy=ProxyTrust(settings.tls_proxy_cert_header, settings.proxy_networks),
                hash_workers=settings.auth_hash_workers,
                hash_queue=settings.auth_hash_queue,
            ),
            bus,
            directory,
            node.message_log,
            frozenset(node.routing.station_calls),
            unavailable_dependency,
        )
    if "api" in roles:
        node.sender = CallSender(
            bus,
            directory,
            settings.node_id,
            node.routing.commands,
            now,
            settings.call_timeout,
            transaction,
            node.liveness,
        )
        node.events = EventHub(bus, settings.node_id)
        await node.events.start()
        if isinstance(bus, LocalShortcut):
            bus.deliver_events_locally(node.events.deliver_own)
        node.local_lists = local_list_publisher(stores, bus, node.sender, now)
        await node.local_lists.start()
        services = block_services(
            stores,
            node.sender,
            now,
            node.local_lists,
            settings.report_timeout_seconds,
            settings.cert_expiry_warning_days,
            settings.station_security_profile,
            settings.smart_charging_voltage,
        )
        node.firmware_campaigns, firmware_blocks = firmware_services(
            settings, stores, bus, node.sender, now, node.firmware_catalogue
        )
        services.update(firmware_blocks)
        services[logs.LogUploads] = node.log_uploads
        node.log_retention = logs.LogRetention(stores.logs, now, settings.log_retention_days)
        node.log_retention.start()
        report_requests = cast(device_model.ReportRequests, services[device_model.ReportRequests])
        variable_requests = cast(
            device_model.VariableRequests, services[device_model.VariableRequests]
        )
        node.boot_configurator = BootConfigurator(
            bus,
            stores.provisioning,
            node.sender,
            report_requests.open_base_report,
            now,
            set_variables=variable_requests.send_set_variables,
        )
        await node.boot_configurator.start()
        node.reservations = reservations.ReservationKeeper(
            stores.reservations,
            authorization.TokenAuthority(stores.authorization),
            bus,
            now,
            settings.reservation_sweep_interval,
        )
        await node.reservations.start()
        await node.firmware_campaigns.start()
        node.fleet_messages = cast(
            display_messages.FleetMessages, services[display_messages.FleetMessages]
        )
        node.display_transactions = display_messages.transaction_end_follower(
            bus, stores.display_messages, now
        )
        await node.display_transactions.start()
        node.certificate_issuer = certificates.CertificateIssuer(
            bus,
            stores.certificates,
            backends.signer,
            cast(certificates.CertificateDeliveries, services[certificates.CertificateDeliveries]),
            now,
        )
        await node.certificate_issuer.start()
        node.charging_offers = smart_charging.ChargingNeedsOffers(
            bus,
            stores.smart_charging,
            cast(smart_charging.SmartCharging, services[smart_charging.SmartCharging]),
            now,
        )
        await node.charging_offers.start()
        node.tx_profile_expiry = smart_charging.tx_profile_expiry(bus, stores.smart_charging, now)
        await node.tx_profile_expiry.start()
        node.running_costs = tariffs.RunningCostFollower(
            bus, tariffs.TariffCosts(stores.tariffs), transaction, node.sender, now
        )
        await node.running_costs.start()
        services.update(operator_services(stores, now, node.api_tokens))
        limits = api_limits(settings)
        site_planning = smart_charging.SitePlanning(
            bus,
            stores.smart_charging,
            cast(smart_charging.SmartCharging, services[smart_charging.SmartCharging]),
            now,
            settings.smart_charging_voltage,
            node_id=settings.node_id,
        )
        services[smart_charging.SitePlanning] = site_planning
        node.site_planner = smart_charging.SitePlanner(bus, site_planning)
        await node.site_planner.start()
        node.graphql_view = CsmsGraphQLView(
            ApiServices(
                node.sender,
                node.events,
                node.api_tokens,
                services,
                unavailable_dependency,
                limits,
                AddressThrottle(
                    settings.api_auth_failures_per_address, settings.auth_failure_window
                ),
                DocumentCache(limits.document_cache_bytes),
            ),
            LiveFeeds(node.events, settings.subscription_flush_ms / 1000),
            graphiql=settings.graphiql_enabled,
            allowed_origins=settings.origin_list,
        )
        node.graphql_view.start(settings.api_token_cache_seconds)
    node.inbox = NodeInbox(bus, settings.node_id, node.gateway, node.sender)
    await node.inbox.start()
    if isinstance(bus, LocalShortcut):
        bus.deliver_locally(node.inbox.consume)
    if "worker" in roles:
        remember_replies = settings.bus == "pubsub"
        node.group_commit = group_commit_of(settings)
        dispatcher = Dispatcher(
            node.routing, now, transaction, node.group_commit, unavailable_dependency
        )
        node.worker = Worker(bus, cache, dispatcher, remember_replies)
        await node.worker.start()
        presence.start()
    node.dead_node_sweep = DeadNodeSweep(
        node.liveness, stores.provisioning.connections_by_node, bus, _held_sockets(node)
    )
    await node.dead_node_sweep.start()
    node.metric_sources = metric_sources_of(node)
    node.metrics = build_registry(node.metric_sources)


def _held_sockets(node: Node) -> HeldConnections | None:
    """The sockets a gateway node holds, for the sweep to tell a lost disconnect; None for a
    node without the gateway role (it holds none, and the sweep leaves its rows alone)."""
    gateway = node.gateway
    if gateway is None:
        return None
    registry = gateway.registry
    return lambda: [(c.station_id, c.connection_id) for c in registry.all()]


async def _stop(node: Node, presence: LastSeenBuffer) -> None:
    """The node's half of shutdown, once the sockets are closed and requests have ended: the
    bus stops handing messages over (deliveries under way finish within the grace period and
    may still publish; Pub/Sub gets the rest back), then the followers stop, buffered writes
    are flushed, the node's subscription goes, and only then do the bus and the cache close."""
    grace = node.settings.shutdown_grace_seconds
    if node.gateway is not None:
        if not await node.gateway.wait_idle(grace):
            log.warning("station connections still closing after %.1f s", grace)
        node.gateway.password_checks.close()
    await node.bus.drain(grace)
    if node.dead_node_sweep is not None:
        await node.dead_node_sweep.stop()
    if node.liveness is not None:
        await node.liveness.stop()
    await presence.stop()
    if node.firmware_campaigns is not None:
        await node.firmware_campaigns.stop()
    if node.log_retention is not None:
        await node.log_retention.stop()
    if node.boot_configurator is not None:
        await node.boot_configurator.stop()
    if node.local_lists is not None:
        await node.local_lists.stop()
    if node.reservations is not None:
        await node.reservations.stop()
    if node.display_transactions is not None:
        await node.display_transactions.stop()
    if node.certificate_issuer is not None:
        await node.certificate_issuer.stop()
    if node.running_costs is not None:
        await node.running_costs.stop()
    if node.fleet_messages is not None:
        await node.fleet_messages.stop()
    if node.charging_offers is not None:
        await node.charging_offers.stop()
    if node.tx_profile_expiry is not None:
        await node.tx_profile_expiry.stop()
    if node.graphql_view is not None:
        await node.graphql_view.stop()
    if node.site_planner is not None:
        await node.site_planner.stop()
    if node.events is not None:
        await node.events.stop()
    if node.inbox is not None:
        await node.inbox.stop()
    if node.group_commit is not None:
        await node.group_commit.close()
    if node.message_log is not None:
        await node.message_log.stop()
    await node.bus.close()
    await node.cache.close()


def metric_sources_of(node: Node) -> MetricSources:
    """The counters of the roles this node runs, for the metrics collector."""
    gateway = node.gateway
    return MetricSources(
        node_id=node.settings.node_id,
        roles=node.settings.role_set,
        gateway=gateway.counters if gateway is not None else None,
        connections=gateway.registry if gateway is not None else None,
        message_log=node.message_log,
        station_calls=node.worker.latency if node.worker is not None else None,
        group_commit=node.group_commit,
        presence=node.presence,
        commands=node.sender.counters if node.sender is not None else None,
        events=node.events,
    )


async def _going_away(app: web.Application) -> None:
    """Shutdown, once the node stopped listening: station and subscription sockets close with
    1001 (going away), all at once, each within the grace period."""
    node = app[NODE]
    grace = node.settings.shutdown_grace_seconds
    closing = []
    if node.gateway is not None:
        closing.append(node.gateway.close_all(grace))
    if node.graphql_view is not None:
        closing.append(node.graphql_view.close_sockets(grace))
    await asyncio.gather(*closing)


async def _station_socket(request: web.Request) -> web.StreamResponse:
    gateway = request.app[NODE].gateway
    if gateway is None:
        raise web.HTTPNotFound(text="this node does not run the gateway role")
    return await gateway.handle(request)


def _serves_api(request: web.Request) -> bool:
    return request.app[NODE].graphql_view is not None


async def _graphql(request: web.Request) -> web.StreamResponse:
    view = request.app[NODE].graphql_view
    if view is None:
        raise web.HTTPNotFound(text="this node does not run the api role")
    return await view(request)


def _catalogue(request: web.Request) -> firmware.Catalogue:
    catalogue = request.app[NODE].firmware_catalogue
    assert catalogue is not None  # built with the node
    return catalogue


async def _firmware_upload(request: web.Request) -> web.Response:
    tokens = request.app[NODE].api_tokens
    assert tokens is not None  # built with the node
    return await firmware_files.upload(request, _catalogue(request), tokens)


async def _firmware_download(request: web.Request) -> web.StreamResponse:
    return await firmware_files.download(request, _catalogue(request))


def _log_uploads(request: web.Request) -> logs.LogUploads:
    uploads = request.app[NODE].log_uploads
    assert uploads is not None  # built with the node
    return uploads


async def _log_upload(request: web.Request) -> web.Response:
    return await log_files.upload(request, _log_uploads(request))


async def _log_download(request: web.Request) -> web.StreamResponse:
    tokens = request.app[NODE].api_tokens
    assert tokens is not None  # built with the node
    return await log_files.download(request, _log_uploads(request), tokens)


async def _readyz(request: web.Request) -> web.Response:
    node = request.app[NODE]
    checks = await readiness(node.cache, node.bus)
    unavailable = [name for name, ok in checks.items() if not ok]
    body: dict[str, object] = {"ready": not unavailable, **checks}
    if unavailable:
        body["unavailable"] = unavailable
    return web.json_response(body, status=503 if unavailable else 200)


async def _metrics(request: web.Request) -> web.Response:
    if not scrape_allowed(
        request.headers.get("Authorization"), request.app[SETTINGS].metrics_token
    ):
        raise web.HTTPUnauthorized(
            text="send 'Authorization: Bearer <CSMS_METRICS_TOKEN>'",
            headers={"WWW-Authenticate": 'Bearer realm="metrics"'},
        )
    registry = request.app[NODE].metrics
    assert registry is not None  # built with the node
    return exposition(registry, request.headers.get("Accept", ""))


def build_app(
    settings: Settings,
    now: Callable[[], datetime] = utc_now,
    vendors: Sequence[data_transfer.VendorHandler] = (),
    certificate_backends: certificates.CertificateBackends | None = None,
) -> web.Application:
    """The aiohttp application of one node, with the roles `settings` names; `vendors` are
    the DataTransfer vendor handlers a deployment registers (P02; none by default);
    `certificate_backends` replace the built-in signer, contract-certificate service and
    OCSP client (A02/A03, M01/M02, M06, C07)."""
    settings.role_set  # noqa: B018 - validates CSMS_ROLES early
    app = web.Application()
    app[SETTINGS] = settings
    app[CLOCK] = now
    app[VENDORS] = tuple(vendors)
    app[CERTIFICATE_BACKENDS] = certificate_backends
    app.cleanup_ctx.append(_database)
    app.cleanup_ctx.append(_node)
    app.on_shutdown.append(_going_away)
    app.router.add_get("/ocpp/{station_id}", _station_socket)
    app.router.add_route("*", "/graphql", _graphql)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", _readyz)
    app.router.add_get("/metrics", _metrics)
    for method in ("PUT", "POST"):
        app.router.add_route(method, "/firmware/{firmware_id:[0-9]{1,9}}", _firmware_upload)
    app.router.add_get("/firmware/files/{token:[A-Za-z0-9_-]{1,64}}", _firmware_download)
    app.router.add_routes(dashboard_routes(_serves_api))
    for method in ("PUT", "POST"):
        app.router.add_route(method, "/logs/upload/{token:[A-Za-z0-9_-]{1,64}}", _log_upload)
    app.router.add_get("/logs/{file_id:[0-9]{1,18}}", _log_download)
    return app
