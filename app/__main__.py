"""Command line: `csms run` starts a node, `csms migrate` applies database migrations, `csms
token create|revoke` manages API tokens."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator

from aiohttp import web

from app import logs, tokens_cli
from app.bootstrap import NODE, build_app
from app.collector import GC_THRESHOLDS, SurvivorFreezer
from app.settings import Settings
from app.tls import open_listeners
from infra.db.config import apply_migrations

log = logging.getLogger("csms")


async def _freeze_startup_objects(app: web.Application) -> None:
    """Move what start-up created (modules, schema, settings) out of the collector's sight:
    it lives as long as the process, and full collections then only walk newer objects."""
    gc.freeze()


async def _survivor_freezer(app: web.Application) -> AsyncIterator[None]:
    freezer = SurvivorFreezer()
    sources = app[NODE].metric_sources  # the node's cleanup context set it up first
    assert sources is not None
    sources.collector_pauses = freezer.pauses
    task = asyncio.create_task(freezer.run())
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def process_app(settings: Settings) -> web.Application:
    """The node's app with the process-wide collector settings of `csms run` (the tests
    build apps without them, several per process)."""
    gc.set_threshold(*GC_THRESHOLDS)
    app = build_app(settings)
    app.on_startup.append(_freeze_startup_objects)
    app.cleanup_ctx.append(_survivor_freezer)
    return app


def _announce(settings: Settings) -> None:
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::") else settings.host
    base = f"{host}:{settings.port}"
    print(f"CSMS node {settings.node_id} ({settings.roles}) on {settings.database_url}", flush=True)
    print(f"  stations connect to: ws://{base}/ocpp/<stationId>  (subprotocol ocpp2.0.1)")
    if settings.tls_enabled:
        secure = f"{host}:{settings.tls_port}"
        print(f"                       wss://{secure}/ocpp/<stationId>  (security profiles 2, 3)")
    print(f"  GraphQL / GraphiQL:  http://{base}/graphql")
    if settings.tls_enabled:
        print(f"                       https://{host}:{settings.tls_port}/graphql")
    if "api" in settings.role_set:
        print(f"  dashboard:           http://{base}/dashboard")
    print(f"  admin token:         {settings.admin_token}", flush=True)


async def _serve(settings: Settings, app: web.Application) -> None:
    """Run the app on its listeners until a signal (SIGINT, SIGTERM) stops it."""
    # requests still under way once the sockets are closed (an operator's command waiting
    # for its station, say) get CSMS_SHUTDOWN_GRACE_SECONDS, then are cancelled
    runner = web.AppRunner(
        app, handle_signals=True, shutdown_timeout=settings.shutdown_grace_seconds
    )
    try:
        # inside the try: a start that fails (the bus unreachable, say) still closes what
        # it had opened, the database first, whose thread would otherwise keep the process
        await runner.setup()
        await open_listeners(runner, settings, lambda: app[NODE].gateway)
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


def event_loop(kind: str) -> asyncio.AbstractEventLoop:
    """A new event loop: uvloop (libuv, much less overhead per callback and per socket
    operation) or the standard library's."""
    if kind == "uvloop":
        import uvloop

        return uvloop.new_event_loop()
    return asyncio.new_event_loop()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `csms` command."""
    parser = argparse.ArgumentParser(prog="csms", description="OCPP 2.0.1 CSMS node")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="start a node (the default)")
    commands.add_parser("migrate", help="apply database migrations")
    tokens_cli.add_parser(commands)
    args = parser.parse_args(argv)
    settings = Settings()
    logs.configure(settings.log_level)
    if args.command == "token":
        print(asyncio.run(tokens_cli.run(settings, args)), flush=True)
        return
    if args.command == "migrate":
        asyncio.run(apply_migrations(settings.database_url))
        print(f"migrations applied to {settings.database_url}")
        return
    _announce(settings)
    loop = event_loop(settings.event_loop)
    asyncio.set_event_loop(loop)
    # The listen backlog (CSMS_LISTEN_BACKLOG): aiohttp's default, 128, overflows when a fleet
    # reconnects at once; the stations then wait for SYN retransmits (1 s, 3 s, 7 s, ...) and
    # time out before they are even accepted.
    serving = loop.create_task(_serve(settings, process_app(settings)))
    try:
        loop.run_until_complete(serving)
    except (web.GracefulExit, KeyboardInterrupt):
        pass
    finally:
        serving.cancel()
        loop.run_until_complete(asyncio.gather(serving, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()


if __name__ == "__main__":
    main()
