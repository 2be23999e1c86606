"""`/dashboard`: the operator dashboard's static files (`dashboard/` at the top of the
repository), served by every node with the api role.

The files hold no data, so they need no token: the page asks for an API token and reads
everything from `/graphql` with it. Only files inside the folder are served (no listing, no
path outside it), with a content security policy that lets the page talk to its own origin
only.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web

DASHBOARD_DIR_NAME = "dashboard"

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".txt": "text/plain; charset=utf-8",
}
"""What is served, by suffix; any other file (LICENSE, README) as plain text."""

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
        "style-src 'self' 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
}
"""Sent with every file: the page reaches only its own origin, is never framed, and a
browser revalidates the files so a new release is picked up at the next load."""


def dashboard_dir() -> Path:
    """The folder of the dashboard's files: beside the source tree (a checkout, `make run`),
    else in the working directory (an installed package, the container image)."""
    beside = Path(__file__).resolve().parents[1] / DASHBOARD_DIR_NAME
    return beside if beside.is_dir() else Path.cwd() / DASHBOARD_DIR_NAME


def _file_response(path: Path) -> web.FileResponse:
    content_type = CONTENT_TYPES.get(path.suffix, "text/plain; charset=utf-8")
    return web.FileResponse(path, headers={**SECURITY_HEADERS, "Content-Type": content_type})


def resolve(root: Path, relative: str) -> Path | None:
    """The file `relative` names inside `root`, or None (absent, a folder, hidden, or
    outside `root`)."""
    if any(part.startswith(".") for part in Path(relative).parts):
        return None
    base = root.resolve()
    target = (base / relative).resolve()
    if not target.is_relative_to(base) or not target.is_file():
        return None
    return target


def dashboard_routes(serves_api: Callable[[web.Request], bool]) -> list[web.RouteDef]:
    """The routes: `/dashboard` (the page) and `/dashboard/{file}` (its modules, styles and
    vendored libraries); both 404 on a node for which `serves_api` is false."""

    def guarded(
        handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    ) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        async def run(request: web.Request) -> web.StreamResponse:
            if not serves_api(request):
                raise web.HTTPNotFound(text="this node does not run the api role")
            return await handler(request)

        return run

    async def page(request: web.Request) -> web.StreamResponse:
        index = resolve(dashboard_dir(), "index.html")
        if index is None:
            raise web.HTTPNotFound(text="the dashboard's files are not installed")
        return _file_response(index)

    async def asset(request: web.Request) -> web.StreamResponse:
        path = resolve(dashboard_dir(), request.match_info["path"])
        if path is None:
            raise web.HTTPNotFound()
        return _file_response(path)

    return [
        web.get("/dashboard", guarded(page)),
        web.get("/dashboard/", guarded(page)),
        web.get("/dashboard/{path:.+}", guarded(asset)),
    ]
