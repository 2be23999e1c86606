"""The project's Dockerfile and deploy/docker-compose.yml read as data: what each service of
the compose file runs (its command, its environment, its published ports, its healthcheck),
as docker would start it from the image or from its own image name."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "deploy/docker-compose.yml"
OPERATOR_VARIABLES = {"CSMS_ADMIN_TOKEN": "an-operators-own-compose-admin-token-7f3a9c"}
"""What an operator sets in the shell (or an `.env` file) before `docker compose up`."""
_VARIABLE = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:\?|:-)(?P<arg>[^}]*))?\}")


def interpolate(value: str, variables: Mapping[str, str]) -> str:
    """Compose's `${NAME}`, `${NAME:-default}` and `${NAME:?error}` in one value; a required
    variable left unset or empty fails as compose would."""

    def one(match: re.Match[str]) -> str:
        name, op, arg = match["name"], match["op"], match["arg"]
        found = variables.get(name, "")
        if found:
            return found
        if op == ":?":
            raise AssertionError(f"compose would refuse to start: {name} is unset ({arg})")
        return arg if op == ":-" else ""

    return _VARIABLE.sub(one, value)


@dataclass
class Dockerfile:
    """The instructions of a single-stage Dockerfile that say what a container runs."""

    workdir: str = "/"
    copies: list[tuple[list[str], str]] = field(default_factory=list)
    """(sources relative to the build context, destination) of each COPY."""
    runs: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    expose: list[int] = field(default_factory=list)
    entrypoint: list[str] = field(default_factory=list)
    cmd: list[str] = field(default_factory=list)
    healthcheck: list[str] | None = None
    """The HEALTHCHECK command in exec form (a shell form runs under /bin/sh -c)."""


def _logical_lines(text: str) -> list[str]:
    """The instructions, with backslash continuations joined and comments dropped."""
    lines: list[str] = []
    pending = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        lines.append(pending + stripped)
        pending = ""
    if pending:
        lines.append(pending)
    return lines


def _command(text: str) -> list[str]:
    """A CMD, ENTRYPOINT or HEALTHCHECK CMD argument: the exec form (JSON) or a shell form."""
    text = text.strip()
    if text.startswith("["):
        parsed = json.loads(text)
        assert isinstance(parsed, list) and all(isinstance(arg, str) for arg in parsed), text
        return parsed
    return ["/bin/sh", "-c", text]


def _env(arguments: str) -> dict[str, str]:
    words = shlex.split(arguments)
    if words and "=" not in words[0]:  # the legacy `ENV KEY value` form
        return {words[0]: arguments.split(None, 1)[1].strip()}
    return dict(word.split("=", 1) for word in words)


def _healthcheck(arguments: str) -> list[str] | None:
    words = arguments.split()
    if words[0].upper() == "NONE":
        return None
    while words[0].startswith("--"):  # --interval=..., --timeout=...
        words.pop(0)
    assert words[0].upper() == "CMD", arguments
    return _command(arguments[arguments.upper().index("CMD") + 3 :])


def read_dockerfile(path: Path) -> Dockerfile:
    """Parse the Dockerfile at `path` (one stage; what a container of it runs)."""
    parsed = Dockerfile()
    for line in _logical_lines(path.read_text()):
        keyword, _, arguments = line.partition(" ")
        keyword = keyword.upper()
        if keyword == "WORKDIR":
            parsed.workdir = str(Path(parsed.workdir) / arguments.strip())
        elif keyword == "COPY":
            words = [word for word in shlex.split(arguments) if not word.startswith("--")]
            parsed.copies.append((words[:-1], words[-1]))
        elif keyword == "RUN":
            parsed.runs.append(arguments.strip())
        elif keyword == "ENV":
            parsed.env.update(_env(arguments))
        elif keyword == "EXPOSE":
            parsed.expose += [int(port.split("/")[0]) for port in arguments.split()]
        elif keyword == "ENTRYPOINT":
            parsed.entrypoint = _command(arguments)
            parsed.cmd = []  # docker resets CMD when ENTRYPOINT is set after it
        elif keyword == "CMD":
            parsed.cmd = _command(arguments)
        elif keyword == "HEALTHCHECK":
            parsed.healthcheck = _healthcheck(arguments)
    return parsed


@dataclass(frozen=True)
class Service:
    """One compose service as docker would start it."""

    name: str
    image: str | None
    """Its `image:`, or None for a service built from the project's Dockerfile."""
    build_context: Path | None
    command: list[str]
    """What the container runs: the image's ENTRYPOINT and the service's command (else the
    image's CMD); for a service from another image, its own command as given."""
    environment: dict[str, str]
    """The image's ENV (for a built service), then the service's `environment:`."""
    ports: list[tuple[int, int]]
    """(published host port, container port) of each `ports:` entry."""
    healthcheck: list[str] | None
    """The service's healthcheck, else the image's, in exec form (None: none)."""
    depends_on: list[str]


def _compose_command(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return shlex.split(value)
    assert isinstance(value, list), value
    return [str(arg) for arg in value]


def _environment(value: Any, service: str, variables: Mapping[str, str]) -> dict[str, str]:
    """A service's `environment:` (a mapping or KEY=VALUE items), interpolated; compose
    refuses booleans."""
    if value is None:
        return {}
    if isinstance(value, list):
        pairs = (str(item).split("=", 1) for item in value)
        return {key: interpolate(setting, variables) for key, setting in pairs}
    environment: dict[str, str] = {}
    for key, setting in value.items():
        assert not isinstance(setting, bool), (
            f"{service}: {key} is a YAML boolean; compose wants a string (quote it)"
        )
        text = "" if setting is None else str(setting)
        environment[str(key)] = interpolate(text, variables)
    return environment


def _port(entry: Any) -> tuple[int, int]:
    """(published, container) of one short-syntax or long-syntax `ports:` entry."""
    if isinstance(entry, dict):
        return int(entry["published"]), int(entry["target"])
    parts = str(entry).split("/")[0].split(":")
    container = int(parts[-1])
    published = int(parts[-2]) if len(parts) > 1 else container
    return published, container


def _healthcheck_test(value: Any) -> list[str] | None:
    """A compose `healthcheck.test` in exec form."""
    test = [value] if isinstance(value, str) else list(value)
    if isinstance(value, str) or test[0] == "CMD-SHELL":
        return ["/bin/sh", "-c", test[-1]]
    if test[0] == "NONE":
        return None
    assert test[0] == "CMD", value
    return [str(arg) for arg in test[1:]]


def _build_context(value: Any, compose_dir: Path) -> tuple[Path, str]:
    if isinstance(value, str):
        return (compose_dir / value).resolve(), "Dockerfile"
    return (compose_dir / value.get("context", ".")).resolve(), value.get(
        "dockerfile", "Dockerfile"
    )


def _service(
    name: str, spec: dict[str, Any], compose_dir: Path, variables: Mapping[str, str]
) -> Service:
    image = spec.get("image")
    own_command = _compose_command(spec.get("command"))
    environment = _environment(spec.get("environment"), name, variables)
    healthcheck = _healthcheck_test(spec["healthcheck"]["test"]) if "healthcheck" in spec else None
    depends = spec.get("depends_on") or []
    depends_on = list(depends) if isinstance(depends, (list, dict)) else []
    ports = [_port(entry) for entry in spec.get("ports") or []]
    if "build" not in spec:
        return Service(name, image, None, own_command, environment, ports, healthcheck, depends_on)
    context, dockerfile_name = _build_context(spec["build"], compose_dir)
    dockerfile = read_dockerfile(context / dockerfile_name)
    command = dockerfile.entrypoint + (own_command or dockerfile.cmd)
    if "healthcheck" not in spec:
        healthcheck = dockerfile.healthcheck
    return Service(
        name,
        None,
        context,
        command,
        {**dockerfile.env, **environment},
        ports,
        healthcheck,
        depends_on,
    )


def read_compose(
    path: Path = COMPOSE_FILE, variables: Mapping[str, str] = OPERATOR_VARIABLES
) -> dict[str, Service]:
    """Every service of the compose file at `path`, by name, in the file's order (YAML
    anchors and `<<` merge keys resolved, `${...}` filled from `variables`)."""
    document = yaml.safe_load(path.read_text())
    return {
        name: _service(name, spec, path.parent, variables)
        for name, spec in document["services"].items()
    }
