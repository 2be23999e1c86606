"""One validated settings object, read from `CSMS_*` environment variables."""

from __future__ import annotations

import ipaddress
import secrets
import uuid
from enum import StrEnum
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Environment(StrEnum):
    """Where the node runs; `dev` allows the insecure conveniences."""

    DEV = "dev"
    PRODUCTION = "production"


WEAK_ADMIN_TOKENS = frozenset(
    {"admin", "changeme", "change-me", "secret", "password", "token", "dev-admin-token"}
)
"""Admin tokens a guesser tries first: a token made only of one of these words' letters and
digits is refused outside dev."""


def _check_admin_token(token: str) -> None:
    """Refuse an admin token that is short, a known default, or nearly one character."""
    if len(token) < 16:
        raise ValueError("CSMS_ADMIN_TOKEN must be at least 16 characters")
    lowered = token.lower()
    if any(set(lowered) <= set(weak + "0123456789-_") for weak in WEAK_ADMIN_TOKENS):
        raise ValueError("CSMS_ADMIN_TOKEN looks like a default; use a random one")
    if len(set(token)) < 8:
        raise ValueError("CSMS_ADMIN_TOKEN must not repeat a few characters; use a random one")


class Settings(BaseSettings):
    """Every setting of a CSMS node; see the README table."""

    model_config = SettingsConfigDict(env_prefix="CSMS_", env_file=None, extra="ignore")

    environment: Environment = Environment.PRODUCTION
    host: str = "0.0.0.0"
    port: int = 8180
    listen_backlog: int = 16384
    node_id: str = Field(default_factory=lambda: f"node-{uuid.uuid4().hex[:12]}")
    roles: str = "gateway,worker,api"

    database_url: str = "sqlite://data/csms.sqlite3"
    database_pool_size: int = 20
    db_timeout_seconds: float = 5.0
    redis_url: str | None = None
    cache_namespace: str = "csms"
    bus: str = "memory"
    pubsub_project: str = "csms-local"
    pubsub_emulator_host: str | None = None
    pubsub_topic_prefix: str = "csms"
    cache_timeout_seconds: float = 2.0
    bus_timeout_seconds: float = 10.0
    shutdown_grace_seconds: float = 5.0

    admin_token: str = ""
    accept_unknown_stations: bool = False
    heartbeat_interval: int = 300
    boot_retry_interval: int | None = None
    default_registration_status: str = "Accepted"
    unknown_id_token_status: str = "Unknown"
    allow_concurrent_tx: bool = False

    call_timeout: float = 30.0
    report_timeout_seconds: float = 300.0
    call_queue_size: int = 100
    ws_heartbeat: float = 60.0
    ws_max_message_bytes: int = 1024 * 1024
    auth_failures_per_station: int = 10
    auth_failures_per_address: int = 100
    auth_failure_window: float = 60.0
    auth_hash_workers: int = 1
    auth_hash_queue: int = 32
    tls_port: int = 8443
    tls_cert_file: str | None = None
    tls_key_file: str | None = None
    tls_client_ca_file: str | None = None
    tls_proxy_cert_header: str = ""
    tls_proxy_addresses: str = ""
    default_security_profile: int | None = None
    allow_insecure_profile_1: bool = False
    ws_send_buffer_bytes: int = 1024 * 1024
    ws_send_stall_seconds: float = 30.0
    group_commit_window_ms: float = 2.0
    group_commit_max_batch: int = 20
    subscription_flush_ms: float = 50.0
    message_log_retention_days: float = 30.0
    message_log_enabled: bool = True
    message_log_max_backlog: int = 200_000
    reservation_sweep_interval: float = 60.0
    firmware_base_url: str | None = None
    firmware_max_bytes: int = 256 * 1024 * 1024
    firmware_campaign_interval: float = 5.0
    firmware_campaign_lease: float = 60.0
    data_dir: str = "data"
    ca_cert_file: str | None = None
    ca_key_file: str | None = None
    cert_validity_days: int = 365
    cert_expiry_warning_days: int = 30
    ocsp_url: str | None = None
    ocsp_timeout_seconds: float = 10.0
    contract_cert_dir: str | None = None
    contract_ca_file: str | None = None
    log_max_bytes: int = 64 * 1024 * 1024
    log_retention_days: float = 30.0
    smart_charging_voltage: float = 230.0
    log_level: str = "INFO"
    event_loop: str = "uvloop"
    metrics_token: str = ""
    api_token_cache_seconds: float = 5.0
    api_auth_failures_per_address: int = 20
    graphql_introspection: bool | None = None
    graphiql: bool | None = None
    graphql_max_depth: int = 12
    graphql_max_aliases: int = 30
    graphql_max_tokens: int = 2000
    graphql_max_document_chars: int = 16 * 1024
    graphql_max_cost: int = 50_000
    graphql_max_body_bytes: int = 1024 * 1024
    graphql_document_cache_bytes: int = 8 * 1024 * 1024
    allowed_origins: str = ""

    @model_validator(mode="after")
    def _check_secrets(self) -> Settings:
        if not self.admin_token:
            if self.environment is not Environment.DEV:
                raise ValueError("CSMS_ADMIN_TOKEN must be set outside CSMS_ENVIRONMENT=dev")
            self.admin_token = secrets.token_urlsafe(24)
        elif self.environment is not Environment.DEV:
            _check_admin_token(self.admin_token)
        self._check_api()
        if self.event_loop not in ("uvloop", "asyncio"):
            raise ValueError("CSMS_EVENT_LOOP must be 'uvloop' or 'asyncio'")
        if self.bus not in ("memory", "pubsub"):
            raise ValueError("CSMS_BUS must be 'memory' or 'pubsub'")
        if self.default_registration_status not in ("Accepted", "Pending", "Rejected"):
            raise ValueError(
                "CSMS_DEFAULT_REGISTRATION_STATUS must be Accepted, Pending or Rejected"
            )
        if self.report_timeout_seconds <= 0:
            raise ValueError("CSMS_REPORT_TIMEOUT_SECONDS must be > 0")
        if self.unknown_id_token_status not in ("Unknown", "Invalid"):
            raise ValueError("CSMS_UNKNOWN_ID_TOKEN_STATUS must be Unknown or Invalid")
        if self.group_commit_window_ms < 0 or self.group_commit_max_batch < 1:
            raise ValueError(
                "CSMS_GROUP_COMMIT_WINDOW_MS must be >= 0 and CSMS_GROUP_COMMIT_MAX_BATCH >= 1"
            )
        if self.ws_send_buffer_bytes < 1 or self.ws_send_stall_seconds <= 0:
            raise ValueError(
                "CSMS_WS_SEND_BUFFER_BYTES must be >= 1 and CSMS_WS_SEND_STALL_SECONDS > 0"
            )
        if self.subscription_flush_ms < 0:
            raise ValueError("CSMS_SUBSCRIPTION_FLUSH_MS must be >= 0")
        if self.reservation_sweep_interval < 0:
            raise ValueError("CSMS_RESERVATION_SWEEP_INTERVAL must be >= 0")
        if self.firmware_max_bytes < 1:
            raise ValueError("CSMS_FIRMWARE_MAX_BYTES must be >= 1")
        if self.log_max_bytes < 1:
            raise ValueError("CSMS_LOG_MAX_BYTES must be >= 1")
        if self.log_retention_days <= 0:
            raise ValueError("CSMS_LOG_RETENTION_DAYS must be > 0")
        if not 0 < self.firmware_campaign_interval < self.firmware_campaign_lease:
            raise ValueError(
                "CSMS_FIRMWARE_CAMPAIGN_INTERVAL must be > 0 and below CSMS_FIRMWARE_CAMPAIGN_LEASE"
            )
        if bool(self.ca_cert_file) != bool(self.ca_key_file):
            raise ValueError("CSMS_CA_CERT_FILE and CSMS_CA_KEY_FILE must be set together")
        if not 1 <= self.cert_validity_days <= 3650:
            raise ValueError("CSMS_CERT_VALIDITY_DAYS must be between 1 and 3650")
        if self.cert_expiry_warning_days < 0:
            raise ValueError("CSMS_CERT_EXPIRY_WARNING_DAYS must be >= 0")
        if not 0 < self.smart_charging_voltage <= 1000:
            raise ValueError("CSMS_SMART_CHARGING_VOLTAGE must be > 0 and <= 1000")
        if self.ocsp_timeout_seconds <= 0:
            raise ValueError("CSMS_OCSP_TIMEOUT_SECONDS must be > 0")
        if self.contract_ca_file is not None and not Path(self.contract_ca_file).is_file():
            raise ValueError(f"CSMS_CONTRACT_CA_FILE {self.contract_ca_file!r} is not a file")
        self._check_security()
        deadlines = (
            self.db_timeout_seconds,
            self.cache_timeout_seconds,
            self.bus_timeout_seconds,
            self.shutdown_grace_seconds,
        )
        if min(deadlines) <= 0:
            raise ValueError(
                "CSMS_DB_TIMEOUT_SECONDS, CSMS_CACHE_TIMEOUT_SECONDS, CSMS_BUS_TIMEOUT_SECONDS "
                "and CSMS_SHUTDOWN_GRACE_SECONDS must be > 0"
            )
        return self

    def _check_security(self) -> None:
        """Station security settings: TLS files that exist, a known default profile, and no
        insecure combination outside dev."""
        dev = self.environment is Environment.DEV
        if self.accept_unknown_stations and not dev:
            raise ValueError(
                "CSMS_ACCEPT_UNKNOWN_STATIONS admits stations without credentials: "
                "only with CSMS_ENVIRONMENT=dev"
            )
        if self.default_security_profile not in (None, 1, 2, 3):
            raise ValueError("CSMS_DEFAULT_SECURITY_PROFILE must be 1, 2 or 3")
        if (self.tls_cert_file is None) != (self.tls_key_file is None):
            raise ValueError("CSMS_TLS_CERT_FILE and CSMS_TLS_KEY_FILE are set together")
        if len(_files(self.tls_cert_file)) != len(_files(self.tls_key_file)):
            raise ValueError("CSMS_TLS_CERT_FILE and CSMS_TLS_KEY_FILE name as many files")
        for name, value in (
            ("CSMS_TLS_CERT_FILE", self.tls_cert_file),
            ("CSMS_TLS_KEY_FILE", self.tls_key_file),
            ("CSMS_TLS_CLIENT_CA_FILE", self.tls_client_ca_file),
        ):
            for path in _files(value):
                if not Path(path).is_file():
                    raise ValueError(f"{name}: no such file {path}")
        if self.tls_client_ca_file is not None and self.tls_cert_file is None:
            raise ValueError("CSMS_TLS_CLIENT_CA_FILE needs CSMS_TLS_CERT_FILE and _KEY_FILE")
        if not 0 < self.tls_port < 65536 or self.tls_port == self.port:
            raise ValueError("CSMS_TLS_PORT must be a port other than CSMS_PORT")
        if bool(self.tls_proxy_cert_header) != bool(self.tls_proxy_addresses.strip()):
            raise ValueError(
                "CSMS_TLS_PROXY_CERT_HEADER and CSMS_TLS_PROXY_ADDRESSES are set together"
            )
        try:
            self.proxy_networks  # noqa: B018 - validates the addresses
        except ValueError as error:
            raise ValueError(f"CSMS_TLS_PROXY_ADDRESSES: {error}") from None
        if self.auth_hash_workers < 1 or self.auth_hash_queue < 1:
            raise ValueError("CSMS_AUTH_HASH_WORKERS and CSMS_AUTH_HASH_QUEUE must be >= 1")
        if (
            not dev
            and self.station_security_profile == 1
            and not _loopback(self.host)
            and not self.allow_insecure_profile_1
        ):
            raise ValueError(
                "security profile 1 sends station passwords in clear text: outside dev, "
                "set CSMS_DEFAULT_SECURITY_PROFILE to 2 or 3, listen on a loopback CSMS_HOST, "
                "or opt in with CSMS_ALLOW_INSECURE_PROFILE_1=true"
            )

    @property
    def station_security_profile(self) -> int:
        """The profile a station registered without one requires: the setting, else 1 in dev
        and 2 elsewhere."""
        if self.default_security_profile is not None:
            return self.default_security_profile
        return 1 if self.environment is Environment.DEV else 2

    @property
    def tls_certificates(self) -> list[tuple[str, str]]:
        """(certificate file, key file) pairs of the TLS listener: one, or two (an RSA and an
        ECDSA one, to offer every cipher suite of A00.FR.318)."""
        return list(zip(_files(self.tls_cert_file), _files(self.tls_key_file), strict=False))

    @property
    def tls_enabled(self) -> bool:
        """Whether the node serves wss:// and https:// on CSMS_TLS_PORT."""
        return self.tls_cert_file is not None and self.tls_key_file is not None

    @property
    def proxy_networks(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        """The addresses of TLS-terminating proxies whose certificate header is trusted."""
        return tuple(
            ipaddress.ip_network(item.strip(), strict=False)
            for item in self.tls_proxy_addresses.split(",")
            if item.strip()
        )

    def _check_api(self) -> None:
        """The GraphQL limits are positive; no wildcard origin outside dev."""
        limits = {
            "CSMS_GRAPHQL_MAX_DEPTH": self.graphql_max_depth,
            "CSMS_GRAPHQL_MAX_ALIASES": self.graphql_max_aliases,
            "CSMS_GRAPHQL_MAX_TOKENS": self.graphql_max_tokens,
            "CSMS_GRAPHQL_MAX_DOCUMENT_CHARS": self.graphql_max_document_chars,
            "CSMS_GRAPHQL_MAX_COST": self.graphql_max_cost,
            "CSMS_GRAPHQL_MAX_BODY_BYTES": self.graphql_max_body_bytes,
            "CSMS_GRAPHQL_DOCUMENT_CACHE_BYTES": self.graphql_document_cache_bytes,
            "CSMS_API_AUTH_FAILURES_PER_ADDRESS": self.api_auth_failures_per_address,
        }
        for name, value in limits.items():
            if value < 1:
                raise ValueError(f"{name} must be >= 1")
        if self.api_token_cache_seconds < 0:
            raise ValueError("CSMS_API_TOKEN_CACHE_SECONDS must be >= 0")
        if "*" in self.origin_list and self.environment is not Environment.DEV:
            raise ValueError("CSMS_ALLOWED_ORIGINS must not be '*' outside CSMS_ENVIRONMENT=dev")

    @property
    def origin_list(self) -> list[str]:
        """The browser origins allowed to call the API besides the node's own."""
        return [origin.strip() for origin in self.allowed_origins.split(",") if origin.strip()]

    @property
    def introspection_enabled(self) -> bool:
        """CSMS_GRAPHQL_INTROSPECTION, by default on in dev only."""
        if self.graphql_introspection is not None:
            return self.graphql_introspection
        return self.environment is Environment.DEV

    @property
    def graphiql_enabled(self) -> bool:
        """CSMS_GRAPHIQL, by default on in dev only."""
        if self.graphiql is not None:
            return self.graphiql
        return self.environment is Environment.DEV

    @property
    def role_set(self) -> frozenset[str]:
        """The roles this node runs."""
        roles = frozenset(r.strip() for r in self.roles.split(",") if r.strip())
        unknown = roles - {"gateway", "worker", "api"}
        if unknown:
            raise ValueError(f"unknown roles in CSMS_ROLES: {sorted(unknown)}")
        return roles


def _files(value: str | None) -> list[str]:
    """The comma-separated file names of a setting."""
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"
