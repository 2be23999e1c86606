"""The compose file's CSMS services run without docker: the image's files laid out as the
Dockerfile's COPY and `pip install .` would, and each service started as its own OS process
with the container's command and environment, its compose host names pointed at the local
PostgreSQL, Redis and Pub/Sub emulator, and its own free port in place of the container's."""

from __future__ import annotations

import asyncio
import contextlib
import fnmatch
import os
import re
import shutil
import signal
import socket
import sysconfig
import tomllib
import venv
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp

from tests.support.compose_file import Dockerfile, Service

POSTGRES_PORT = 5432
REDIS_PORT = 6379
START_LIMIT = 180.0
"""Seconds the processes get to migrate and turn ready: a correctness bound, not a target."""


@dataclass(frozen=True)
class Image:
    """The project's image laid out in a folder."""

    workdir: Path
    """WORKDIR with what COPY put there: every process's working directory."""
    site: Path
    """The site-packages `pip install .` installs the project's packages into."""
    bin: Path
    """`python`, and the console scripts of [project.scripts]."""


def _copy(source: Path, destination: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, destination, ignore=shutil.ignore_patterns("__pycache__"))
    else:
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)


def find_packages(where: Path, include: list[str]) -> list[str]:
    """The packages setuptools' `packages.find` finds under `where`: folders with an
    `__init__.py` whose dotted name matches an `include` pattern, below packages only."""
    found: list[str] = []
    folders = [path for path in sorted(where.iterdir()) if path.is_dir()]
    while folders:
        folder = folders.pop(0)
        if "." in folder.name or not (folder / "__init__.py").is_file():
            continue
        package = ".".join(folder.relative_to(where).parts)
        if any(fnmatch.fnmatchcase(package, pattern) for pattern in include):
            found.append(package)
        folders += [path for path in sorted(folder.iterdir()) if path.is_dir()]
    return found


def _install_packages(workdir: Path, site: Path, bin_dir: Path) -> None:
    """What `pip install .` in `workdir` installs: the modules of the packages
    [tool.setuptools.packages.find] finds there (no data files: there is no MANIFEST.in),
    and a script per [project.scripts] entry."""
    pyproject = tomllib.loads((workdir / "pyproject.toml").read_text())
    include = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    for package in find_packages(workdir, include):
        folder = Path(*package.split("."))
        (site / folder).mkdir(parents=True, exist_ok=True)
        for module in (workdir / folder).glob("*.py"):
            shutil.copy2(module, site / folder / module.name)
    for name, target in pyproject["project"]["scripts"].items():
        module, function = target.split(":")
        script = bin_dir / name
        script.write_text(
            f"#!{bin_dir / 'python'}\nimport sys\nfrom {module} import {function}\n"
            f"sys.exit({function}())\n"
        )
        script.chmod(0o755)


def build_image(dockerfile: Dockerfile, context: Path, folder: Path) -> Image:
    """Lay out the image of `dockerfile` (build context `context`) under `folder`."""
    workdir = folder / dockerfile.workdir.lstrip("/")
    workdir.mkdir(parents=True)
    for sources, destination in dockerfile.copies:
        for source in sources:
            target = workdir / destination
            if destination.endswith("/"):
                target = target / Path(source).name
            _copy(context / source, target)
    assert any("pip install" in run and " ." in run for run in dockerfile.runs), dockerfile.runs
    # the image's Python: an environment of its own that sees this one's dependencies (a
    # plain path in a .pth) but not the checkout's editable install, so only what the image
    # holds can be imported from the project
    python_home = folder / "python"
    venv.EnvBuilder(with_pip=False, symlinks=True).create(python_home)
    paths = {"base": str(python_home), "platbase": str(python_home)}
    site, bin_dir = Path(sysconfig.get_path("purelib", vars=paths)), python_home / "bin"
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    _install_packages(workdir, site, bin_dir)
    (workdir / "data").mkdir(exist_ok=True)  # the image's VOLUME, made in the RUN
    return Image(workdir, site, bin_dir)


@dataclass(frozen=True)
class Backends:
    """The local servers that stand for the compose file's own services."""

    database_url: str
    """A fresh database on the local PostgreSQL, in place of the compose file's."""
    pubsub_emulator_host: str
    cache_namespace: str
    """A key prefix of this run's own in the shared local Redis."""


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _service_address(
    services: Mapping[str, Service], host: str | None, image_prefix: str
) -> Service:
    """The compose service `host` names, which must run an image starting `image_prefix`."""
    assert host is not None and host in services, f"{host!r} is not a service of the compose file"
    service = services[host]
    assert (service.image or "").startswith(image_prefix), (host, service.image)
    return service


def _database(url: str, services: Mapping[str, Service], backends: Backends) -> str:
    """The compose database URL, checked against its PostgreSQL service's own settings."""
    parts = urlsplit(url)
    postgres = _service_address(services, parts.hostname, "postgres:")
    user = postgres.environment.get("POSTGRES_USER", "postgres")
    assert parts.port == POSTGRES_PORT, url
    assert parts.username == user, (url, user)
    assert parts.password == postgres.environment.get("POSTGRES_PASSWORD"), url
    assert parts.path.lstrip("/") == postgres.environment.get("POSTGRES_DB", user), url
    return backends.database_url


def _redis(url: str, services: Mapping[str, Service]) -> str:
    parts = urlsplit(url)
    _service_address(services, parts.hostname, "redis:")
    assert (parts.port or REDIS_PORT) == REDIS_PORT, url
    return parts._replace(netloc=f"127.0.0.1:{REDIS_PORT}").geturl()


def _emulator(address: str, services: Mapping[str, Service], backends: Backends) -> str:
    host, _, port = address.rpartition(":")
    emulator = _service_address(services, host, "gcr.io/google.com/cloudsdktool/")
    listens = [arg.rpartition(":")[2] for arg in emulator.command if arg.startswith("--host-port")]
    assert listens == [port], (address, emulator.command)
    return backends.pubsub_emulator_host


def local_environment(
    service: Service, services: Mapping[str, Service], backends: Backends, port: int
) -> dict[str, str]:
    """The container environment of `service` with every compose address made local, and
    `port` as the port it listens on (the container port the compose file publishes)."""
    env = dict(service.environment)
    env["CSMS_DATABASE_URL"] = _database(env["CSMS_DATABASE_URL"], services, backends)
    if "CSMS_REDIS_URL" in env:
        env["CSMS_REDIS_URL"] = _redis(env["CSMS_REDIS_URL"], services)
        env["CSMS_CACHE_NAMESPACE"] = (
            f"{env.get('CSMS_CACHE_NAMESPACE', 'csms')}-{backends.cache_namespace}"
        )
    if "CSMS_PUBSUB_EMULATOR_HOST" in env:
        address = env["CSMS_PUBSUB_EMULATOR_HOST"]
        env["CSMS_PUBSUB_EMULATOR_HOST"] = _emulator(address, services, backends)
    env["CSMS_PORT"] = str(port)
    for key, value in env.items():
        for name in services:
            named = re.search(rf"(^|//|@){re.escape(name)}(:\d+|/)", value)
            assert named is None, f"{service.name}: {key}={value} still names service {name}"
    return env


@dataclass
class ServiceProcess:
    """One compose service running as a local process group."""

    service: Service
    env: dict[str, str]
    process: asyncio.subprocess.Process
    log: Path

    @property
    def port(self) -> int:
        """The port it listens on."""
        return int(self.env["CSMS_PORT"])

    @property
    def http_url(self) -> str:
        """http://127.0.0.1:<port>."""
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self) -> str:
        """The end of what the process printed."""
        return self.log.read_text(errors="replace")[-4000:]


def _process_env(image: Image, container_env: Mapping[str, str]) -> dict[str, str]:
    outer = {
        key: value for key, value in os.environ.items() if not key.startswith(("CSMS_", "PYTHON"))
    }
    return {
        **outer,
        "PATH": f"{image.bin}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        **container_env,
    }


async def start_service(
    service: Service, image: Image, container_env: Mapping[str, str], log: Path
) -> ServiceProcess:
    """Run the service's command in the image's WORKDIR, in its own process group."""
    env = _process_env(image, container_env)
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            *service.command,
            cwd=image.workdir,
            env=env,
            stdout=out,
            stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,
        )
    return ServiceProcess(service, dict(container_env), process, log)


async def _run(command: list[str], cwd: Path, env: Mapping[str, str]) -> tuple[int, str]:
    check = await asyncio.create_subprocess_exec(
        *command,
        cwd=cwd,
        env=dict(env),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await check.communicate()
    return check.returncode or 0, output.decode(errors="replace")


async def run_healthcheck(running: ServiceProcess, image: Image) -> tuple[int, str]:
    """Run the service's healthcheck command as docker would inside its container; its exit
    code and output."""
    assert running.service.healthcheck is not None, running.service.name
    env = _process_env(image, running.env)
    return await _run(running.service.healthcheck, image.workdir, env)


async def run_local_healthcheck(service: Service, folder: Path) -> tuple[int, str]:
    """Run the healthcheck of a service from another image (PostgreSQL, Redis) on this
    machine, whose own server of that kind listens on the same default port; its exit code
    and output."""
    assert service.healthcheck is not None, service.name
    assert shutil.which(service.healthcheck[0]), f"{service.healthcheck[0]} is not installed"
    return await _run(service.healthcheck, folder, os.environ)


async def stop(running: ServiceProcess) -> None:
    """SIGTERM the process group (as `docker stop`), SIGKILL if it outlives 20 s."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(running.process.pid, sig)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(running.process.wait(), 20)
            return


async def wait_ready(running: ServiceProcess, session: aiohttp.ClientSession) -> None:
    """Wait until the process answers /readyz with 200; fail with its log if it exits or
    does not within START_LIMIT."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + START_LIMIT
    while True:
        if running.process.returncode is not None:
            raise AssertionError(
                f"{running.service.name} exited with {running.process.returncode}:\n"
                f"{running.log_tail()}"
            )
        with contextlib.suppress(aiohttp.ClientError):
            async with session.get(f"{running.http_url}/readyz") as response:
                if response.status == 200:
                    return
        if loop.time() > deadline:
            raise AssertionError(
                f"{running.service.name} was not ready within {START_LIMIT} s:\n"
                f"{running.log_tail()}"
            )
        await asyncio.sleep(0.2)


@contextlib.asynccontextmanager
async def run_services(
    services: Mapping[str, Service], image: Image, backends: Backends, folder: Path
) -> AsyncIterator[dict[str, ServiceProcess]]:
    """Start every service built from the project's image at once, each on a free port;
    yields them by name once started (not yet ready); stops them afterwards."""
    running: dict[str, ServiceProcess] = {}
    try:
        for name, service in services.items():
            if service.build_context is None:
                continue
            env = local_environment(service, services, backends, free_port())
            running[name] = await start_service(service, image, env, folder / f"{name}.log")
        yield running
    finally:
        await asyncio.gather(*(stop(process) for process in running.values()))
