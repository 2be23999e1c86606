"""One validated settings object, read from `CSMS_*` environment variables."""

from __future__ import annotations

import secrets
import uuid
from enum import StrEnum

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Environment(StrEnum):
    """Where the node runs; `dev` allows the insecure conveniences."""

    DEV = "dev"
    PRODUCTION = "production"


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
    smart_charging_voltage: float = 230.0
    log_level: str = "INFO"
    event_loop: str = "uvloop"
    metrics_token: str = ""

    @model_validator(mode="after")
    def _check_secrets(self) -> Settings:
        if not self.admin_token:
            if self.environment is not Environment.DEV:
                raise ValueError("CSMS_ADMIN_TOKEN must be set outside CSMS_ENVIRONMENT=dev")
            self.admin_token = secrets.token_urlsafe(24)
        elif len(self.admin_token) < 16 and self.environment is not Environment.DEV:
            raise ValueError("CSMS_ADMIN_TOKEN must be at least 16 characters")
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

    @property
    def role_set(self) -> frozenset[str]:
        """The roles this node runs."""
        roles = frozenset(r.strip() for r in self.roles.split(",") if r.strip())
        unknown = roles - {"gateway", "worker", "api"}
        if unknown:
            raise ValueError(f"unknown roles in CSMS_ROLES: {sorted(unknown)}")
        return roles
