"""The Dockerfile and deploy/docker-compose.yml agree with the project, read without docker:
the image runs the `csms` script, copies what exists and what the nodes need, checks a route
the nodes serve; the compose file's CSMS services publish the port they listen on and carry
settings a node accepts (tests/integration/node/test_compose_file.py runs them)."""

from __future__ import annotations

import os
import re
import shlex
import tomllib

import pytest

from app.settings import Settings
from tests.support.compose_file import (
    COMPOSE_FILE,
    OPERATOR_VARIABLES,
    ROOT,
    Service,
    read_compose,
    read_dockerfile,
)

DOCKERFILE = read_dockerfile(ROOT / "Dockerfile")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
SERVICES = read_compose()
BUILT = [service for service in SERVICES.values() if service.build_context is not None]


def _invocations(command: list[str]) -> list[list[str]]:
    """The programs a container command runs, with their arguments (`sh -c "a && b"`: two)."""
    if command[:2] in (["sh", "-c"], ["/bin/sh", "-c"]):
        return [shlex.split(part) for part in re.split(r"&&|;|\|\|", command[2])]
    return [command]


def _without_exec(words: list[str]) -> list[str]:
    return words[1:] if words[:1] == ["exec"] else words


def test_the_image_migrates_then_runs_the_csms_script() -> None:
    scripts = PYPROJECT["project"]["scripts"]
    command = DOCKERFILE.entrypoint + DOCKERFILE.cmd
    invocations = [_without_exec(words) for words in _invocations(command)]
    assert invocations == [["csms", "migrate"], ["csms", "run"]], command
    assert scripts["csms"] == "app.__main__:main"


def test_every_copied_file_exists_and_the_packages_are_copied() -> None:
    copied = [source for sources, _ in DOCKERFILE.copies for source in sources]
    for source in copied:
        assert (ROOT / source).exists(), f"COPY {source}: no such file in the build context"
    # pip install . needs the readme pyproject names; the nodes import the four packages
    # (import-linter's root packages) and serve dashboard/ from the working directory
    needed = [PYPROJECT["project"]["readme"], "dashboard"]
    needed += PYPROJECT["tool"]["importlinter"]["root_packages"]
    assert set(needed) <= set(copied), sorted(set(needed) - set(copied))
    assert any("pip install" in run for run in DOCKERFILE.runs), DOCKERFILE.runs


def test_the_image_listens_where_it_exposes_and_checks_its_health_there() -> None:
    port = int(DOCKERFILE.env["CSMS_PORT"])
    assert DOCKERFILE.expose == [port]
    assert DOCKERFILE.healthcheck is not None
    check = " ".join(DOCKERFILE.healthcheck)
    assert "CSMS_PORT" in check and "/healthz" in check, check


def test_the_compose_services_build_the_projects_dockerfile() -> None:
    assert [service.name for service in BUILT] == ["node-a", "node-b", "worker"]
    for service in BUILT:
        assert service.build_context == ROOT, service.build_context
        assert set(service.depends_on) <= set(SERVICES), service.depends_on


@pytest.mark.parametrize("service", BUILT, ids=[service.name for service in BUILT])
def test_a_compose_node_publishes_the_port_it_listens_on(service: Service) -> None:
    for _, container in service.ports:
        assert container == int(service.environment["CSMS_PORT"]), service.ports


def test_the_compose_header_names_the_published_ports() -> None:
    header = [line for line in COMPOSE_FILE.read_text().splitlines() if line.startswith("#")]
    named = {int(port) for port in re.findall(r"localhost:(\d+)", "\n".join(header))}
    published = {host for service in BUILT for host, _ in service.ports}
    assert named and named == published, (named, published)


@pytest.mark.parametrize("service", BUILT, ids=[service.name for service in BUILT])
def test_a_compose_node_accepts_its_settings(
    service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a node checks at start-up, on the container's environment; and with no TLS
    listener, a station registered without a profile can connect (profile 1 over ws://)."""
    for name in [name for name in os.environ if name.startswith("CSMS_")]:
        monkeypatch.delenv(name)
    for name, value in service.environment.items():
        monkeypatch.setenv(name, value)
    settings = Settings()
    assert settings.role_set
    if not settings.tls_enabled:
        assert settings.station_security_profile == 1


def test_the_build_backend_reads_the_license_expression() -> None:
    """`pip install .` in the image builds with setuptools; a `project.license` string (PEP
    639) is refused below setuptools 77."""
    assert isinstance(PYPROJECT["project"]["license"], str)
    (backend,) = PYPROJECT["build-system"]["requires"]
    floor = re.fullmatch(r"setuptools>=(\d+)(\.\d+)*", backend)
    assert floor is not None and int(floor.group(1)) >= 77, backend


def test_the_admin_token_comes_from_the_operator_never_from_the_file() -> None:
    """The compose file names no admin token of its own: `docker compose up` without
    CSMS_ADMIN_TOKEN set refuses to start, and the operator's token is the one the nodes get."""
    with pytest.raises(AssertionError, match="CSMS_ADMIN_TOKEN is unset"):
        read_compose(variables={})
    token = OPERATOR_VARIABLES["CSMS_ADMIN_TOKEN"]
    assert BUILT and all(s.environment["CSMS_ADMIN_TOKEN"] == token for s in BUILT)
