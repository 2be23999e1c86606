"""Node settings: `CSMS_*` environment variables, validated once at start-up."""

from __future__ import annotations

import os

import pytest
from pydantic import ValidationError

from app.settings import Environment, Settings

TOKEN = "a-long-enough-admin-token"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees CSMS_* variables from the shell that runs the suite."""
    for name in list(os.environ):
        if name.upper().startswith("CSMS_"):
            monkeypatch.delenv(name)


# --- admin token --------------------------------------------------------------------------------


def test_a_missing_admin_token_is_refused_outside_dev() -> None:
    with pytest.raises(ValidationError, match="CSMS_ADMIN_TOKEN must be set"):
        Settings()


def test_production_is_the_default_environment() -> None:
    assert Settings(admin_token=TOKEN).environment is Environment.PRODUCTION


@pytest.mark.parametrize("token", ["x", "fifteen-chars!!"])
def test_a_short_admin_token_is_refused_outside_dev(token: str) -> None:
    assert len(token) < 16
    with pytest.raises(ValidationError, match="at least 16 characters"):
        Settings(admin_token=token)


def test_a_16_character_admin_token_is_accepted() -> None:
    assert Settings(admin_token="k3Q-x9vTz_Lp2mWa").admin_token == "k3Q-x9vTz_Lp2mWa"


@pytest.mark.parametrize(
    "token", ["x" * 16, "changeme-changeme", "admin-admin-0123", "abcabcabcabcabcabc"]
)
def test_a_default_looking_or_repetitive_admin_token_is_refused_outside_dev(token: str) -> None:
    with pytest.raises(ValidationError, match="CSMS_ADMIN_TOKEN"):
        Settings(admin_token=token)
    assert Settings(admin_token=token, environment=Environment.DEV).admin_token == token


def test_introspection_and_graphiql_are_on_in_dev_only_unless_set() -> None:
    production = Settings(admin_token=TOKEN)
    dev = Settings(environment=Environment.DEV)

    assert not production.introspection_enabled and not production.graphiql_enabled
    assert dev.introspection_enabled and dev.graphiql_enabled
    forced = Settings(admin_token=TOKEN, graphql_introspection=True, graphiql=True)
    assert forced.introspection_enabled and forced.graphiql_enabled


def test_a_wildcard_origin_is_refused_outside_dev() -> None:
    with pytest.raises(ValidationError, match="CSMS_ALLOWED_ORIGINS"):
        Settings(admin_token=TOKEN, allowed_origins="*")
    assert Settings(admin_token=TOKEN, allowed_origins="https://a.example, https://b.example")
    assert Settings(environment=Environment.DEV, allowed_origins="*").origin_list == ["*"]


@pytest.mark.parametrize(
    "name", ["graphql_max_depth", "graphql_max_cost", "graphql_max_body_bytes"]
)
def test_graphql_limits_must_be_positive(name: str) -> None:
    with pytest.raises(ValidationError, match=name.upper()):
        Settings.model_validate({"admin_token": TOKEN, name: 0})


def test_dev_generates_an_admin_token_when_none_is_set() -> None:
    first = Settings(environment=Environment.DEV)
    second = Settings(environment=Environment.DEV)

    assert len(first.admin_token) >= 16
    assert first.admin_token != second.admin_token


def test_dev_accepts_a_short_admin_token() -> None:
    assert Settings(environment=Environment.DEV, admin_token="dev").admin_token == "dev"


def test_an_unknown_environment_is_refused() -> None:
    with pytest.raises(ValidationError):
        Settings(environment="staging", admin_token=TOKEN)  # type: ignore[arg-type]


# --- bus and registration status ----------------------------------------------------------------


@pytest.mark.parametrize("bus", ["memory", "pubsub"])
def test_known_buses_are_accepted(bus: str) -> None:
    assert Settings(admin_token=TOKEN, bus=bus).bus == bus


def test_a_negative_subscription_flush_is_refused() -> None:
    assert Settings(admin_token=TOKEN, subscription_flush_ms=0).subscription_flush_ms == 0
    with pytest.raises(ValidationError, match="CSMS_SUBSCRIPTION_FLUSH_MS"):
        Settings(admin_token=TOKEN, subscription_flush_ms=-1)


@pytest.mark.parametrize(
    ("name", "value"),
    [("log_max_bytes", 0), ("log_retention_days", 0), ("log_retention_days", -1)],
)
def test_log_limits_must_be_positive(name: str, value: float) -> None:
    """CSMS_LOG_MAX_BYTES and CSMS_LOG_RETENTION_DAYS (block N, N01)."""
    accepted = Settings(admin_token=TOKEN, log_max_bytes=1, log_retention_days=0.5)
    assert (accepted.log_max_bytes, accepted.log_retention_days) == (1, 0.5)
    with pytest.raises(ValidationError, match=f"CSMS_{name.upper()}"):
        Settings.model_validate({"admin_token": TOKEN, name: value})


@pytest.mark.parametrize("bus", ["kafka", "", "Memory"])
def test_an_unknown_bus_is_refused(bus: str) -> None:
    with pytest.raises(ValidationError, match="CSMS_BUS"):
        Settings(admin_token=TOKEN, bus=bus)


@pytest.mark.parametrize("status", ["Accepted", "Pending", "Rejected"])
def test_registration_statuses_of_the_spec_are_accepted(status: str) -> None:
    settings = Settings(admin_token=TOKEN, default_registration_status=status)

    assert settings.default_registration_status == status


@pytest.mark.parametrize("status", ["accepted", "Unknown", ""])
def test_an_unknown_registration_status_is_refused(status: str) -> None:
    with pytest.raises(ValidationError, match="CSMS_DEFAULT_REGISTRATION_STATUS"):
        Settings(admin_token=TOKEN, default_registration_status=status)


# --- roles --------------------------------------------------------------------------------------


def test_every_role_runs_by_default() -> None:
    assert Settings(admin_token=TOKEN).role_set == {"gateway", "worker", "api"}


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        ("gateway", {"gateway"}),
        ("worker,api", {"worker", "api"}),
        (" gateway , worker ", {"gateway", "worker"}),
        ("api,,api,", {"api"}),
    ],
)
def test_role_set_parses_a_comma_separated_list(roles: str, expected: set[str]) -> None:
    assert Settings(admin_token=TOKEN, roles=roles).role_set == expected


def test_unknown_roles_are_refused_by_name() -> None:
    settings = Settings(admin_token=TOKEN, roles="gateway,scheduler,Worker")

    with pytest.raises(ValueError, match=r"\['Worker', 'scheduler'\]"):
        _ = settings.role_set


# --- environment variables ----------------------------------------------------------------------


def test_settings_are_read_from_csms_prefixed_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSMS_ADMIN_TOKEN", TOKEN)
    monkeypatch.setenv("CSMS_PORT", "9000")
    monkeypatch.setenv("CSMS_NODE_ID", "node-x")
    monkeypatch.setenv("CSMS_ROLES", "gateway")
    monkeypatch.setenv("CSMS_BUS", "pubsub")
    monkeypatch.setenv("CSMS_ACCEPT_UNKNOWN_STATIONS", "true")
    monkeypatch.setenv("CSMS_ENVIRONMENT", "dev")
    monkeypatch.setenv("CSMS_CALL_TIMEOUT", "2.5")
    monkeypatch.setenv("CSMS_REDIS_URL", "redis://127.0.0.1:6379/1")
    monkeypatch.setenv("CSMS_DEFAULT_REGISTRATION_STATUS", "Pending")

    settings = Settings()

    assert settings.admin_token == TOKEN
    assert settings.port == 9000
    assert settings.node_id == "node-x"
    assert settings.role_set == {"gateway"}
    assert settings.bus == "pubsub"
    assert settings.accept_unknown_stations is True
    assert settings.call_timeout == 2.5
    assert settings.redis_url == "redis://127.0.0.1:6379/1"
    assert settings.default_registration_status == "Pending"


def test_environment_variables_are_case_insensitive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("csms_environment", "dev")

    assert Settings().environment is Environment.DEV


def test_unprefixed_variables_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_TOKEN", TOKEN)
    monkeypatch.setenv("PORT", "1")

    with pytest.raises(ValidationError, match="CSMS_ADMIN_TOKEN must be set"):
        Settings()


def test_a_refused_value_from_the_environment_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSMS_ADMIN_TOKEN", TOKEN)
    monkeypatch.setenv("CSMS_BUS", "rabbit")

    with pytest.raises(ValidationError, match="CSMS_BUS"):
        Settings()


def test_a_non_numeric_port_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSMS_ADMIN_TOKEN", TOKEN)
    monkeypatch.setenv("CSMS_PORT", "eighty")

    with pytest.raises(ValidationError):
        Settings()


def test_dev_from_the_environment_generates_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSMS_ENVIRONMENT", "dev")

    assert len(Settings().admin_token) >= 16


def test_each_node_gets_its_own_default_node_id() -> None:
    assert Settings(admin_token=TOKEN).node_id != Settings(admin_token=TOKEN).node_id


# --- certificates -------------------------------------------------------------------------------


def test_the_certificate_settings_have_their_documented_defaults() -> None:
    settings = Settings(admin_token=TOKEN)

    assert (settings.ca_cert_file, settings.ca_key_file, settings.ocsp_url) == (None, None, None)
    assert (settings.cert_validity_days, settings.cert_expiry_warning_days) == (365, 30)
    assert (settings.data_dir, settings.contract_cert_dir) == ("data", None)
    assert settings.contract_ca_file is None


@pytest.mark.parametrize(
    ("values", "named"),
    [
        ({"ca_cert_file": "ca.pem"}, "CSMS_CA_CERT_FILE and CSMS_CA_KEY_FILE"),
        ({"ca_key_file": "ca.key"}, "CSMS_CA_CERT_FILE and CSMS_CA_KEY_FILE"),
        ({"cert_validity_days": 0}, "CSMS_CERT_VALIDITY_DAYS"),
        ({"cert_validity_days": 3651}, "CSMS_CERT_VALIDITY_DAYS"),
        ({"cert_expiry_warning_days": -1}, "CSMS_CERT_EXPIRY_WARNING_DAYS"),
        ({"smart_charging_voltage": 0}, "CSMS_SMART_CHARGING_VOLTAGE"),
        ({"ocsp_timeout_seconds": 0}, "CSMS_OCSP_TIMEOUT_SECONDS"),
        ({"contract_ca_file": "no/such/contract-cas.pem"}, "CSMS_CONTRACT_CA_FILE"),
    ],
)
def test_certificate_settings_out_of_range_are_refused(
    values: dict[str, object], named: str
) -> None:
    with pytest.raises(ValidationError, match=named):
        Settings(admin_token=TOKEN, **values)  # type: ignore[arg-type]
