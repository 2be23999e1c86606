"""Station security settings (Part 2 A00): TLS files, the default security profile, trusted
proxies, and no insecure combination outside dev."""

from __future__ import annotations

import os
from pathlib import Path

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


@pytest.fixture
def pem(tmp_path: Path) -> str:
    """A file that exists (its content is read only when the listener starts)."""
    path = tmp_path / "file.pem"
    path.write_text("-")
    return str(path)


def test_the_default_profile_is_1_in_dev_and_2_elsewhere() -> None:
    assert Settings(environment=Environment.DEV).station_security_profile == 1
    assert Settings(admin_token=TOKEN).station_security_profile == 2
    assert Settings(admin_token=TOKEN, default_security_profile=3).station_security_profile == 3


def test_profile_1_on_a_public_plain_listener_needs_an_opt_in_outside_dev() -> None:
    with pytest.raises(ValidationError, match="CSMS_ALLOW_INSECURE_PROFILE_1"):
        Settings(admin_token=TOKEN, default_security_profile=1)
    assert Settings(admin_token=TOKEN, default_security_profile=1, host="127.0.0.1")
    assert Settings(admin_token=TOKEN, default_security_profile=1, allow_insecure_profile_1=True)
    assert Settings(environment=Environment.DEV, default_security_profile=1)


def test_unauthenticated_stations_are_a_dev_setting_only() -> None:
    with pytest.raises(ValidationError, match="CSMS_ACCEPT_UNKNOWN_STATIONS"):
        Settings(admin_token=TOKEN, accept_unknown_stations=True)


@pytest.mark.parametrize("profile", [0, 4])
def test_an_unknown_default_profile_is_refused(profile: int) -> None:
    with pytest.raises(ValidationError, match="CSMS_DEFAULT_SECURITY_PROFILE"):
        Settings(environment=Environment.DEV, default_security_profile=profile)


def test_tls_needs_both_files_and_they_must_exist(pem: str) -> None:
    with pytest.raises(ValidationError, match="set together"):
        Settings(environment=Environment.DEV, tls_cert_file=pem)
    with pytest.raises(ValidationError, match="no such file"):
        Settings(environment=Environment.DEV, tls_cert_file=pem, tls_key_file="/nowhere.pem")
    settings = Settings(environment=Environment.DEV, tls_cert_file=pem, tls_key_file=pem)
    assert settings.tls_enabled and settings.tls_port == 8443


def test_two_certificates_need_two_keys(pem: str) -> None:
    with pytest.raises(ValidationError, match="as many files"):
        Settings(environment=Environment.DEV, tls_cert_file=f"{pem},{pem}", tls_key_file=pem)
    settings = Settings(
        environment=Environment.DEV, tls_cert_file=f"{pem}, {pem}", tls_key_file=f"{pem},{pem}"
    )
    assert settings.tls_certificates == [(pem, pem), (pem, pem)]


def test_a_client_ca_needs_the_tls_listener(pem: str) -> None:
    with pytest.raises(ValidationError, match="CSMS_TLS_CLIENT_CA_FILE needs"):
        Settings(environment=Environment.DEV, tls_client_ca_file=pem)


def test_the_tls_port_differs_from_the_plain_one() -> None:
    with pytest.raises(ValidationError, match="CSMS_TLS_PORT"):
        Settings(environment=Environment.DEV, port=8443)


def test_a_proxy_header_needs_the_proxy_addresses() -> None:
    with pytest.raises(ValidationError, match="set together"):
        Settings(environment=Environment.DEV, tls_proxy_cert_header="X-Client-Cert")
    with pytest.raises(ValidationError, match="CSMS_TLS_PROXY_ADDRESSES"):
        Settings(
            environment=Environment.DEV,
            tls_proxy_cert_header="X-Client-Cert",
            tls_proxy_addresses="not-an-address",
        )
    settings = Settings(
        environment=Environment.DEV,
        tls_proxy_cert_header="X-Client-Cert",
        tls_proxy_addresses="10.0.0.5, 192.168.0.0/16",
    )
    assert [str(network) for network in settings.proxy_networks] == [
        "10.0.0.5/32",
        "192.168.0.0/16",
    ]
