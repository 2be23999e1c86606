"""`/dashboard` serves the operator dashboard's static files on api nodes: no token needed
(the files hold no data), nothing outside `dashboard/`, nothing on a node without the api
role, and nothing fetched from anywhere but the node itself."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import NodeFactory

ROOT = Path(__file__).resolve().parents[3]
DASHBOARD = ROOT / "dashboard"


async def test_the_page_and_its_modules_are_served_without_a_token(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    node = await make_node(sqlite_url)
    async with node.session.get(f"{node.http_url}/dashboard") as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/html")
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        page = await response.text()
    assert '<script type="module" src="/dashboard/js/app.js">' in page
    for path, kind in [
        ("js/app.js", "text/javascript"),
        ("style.css", "text/css"),
        ("vendor/uplot/uPlot.esm.js", "text/javascript"),
    ]:
        async with node.session.get(f"{node.http_url}/dashboard/{path}") as response:
            assert response.status == 200, path
            assert response.headers["Content-Type"].startswith(kind), path
            assert await response.read() == (DASHBOARD / path).read_bytes()


async def test_nothing_outside_the_dashboard_folder_is_served(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    node = await make_node(sqlite_url)
    for path in [
        "../pyproject.toml",
        "..%2f..%2fpyproject.toml",
        "%2e%2e/app/settings.py",
        "js",
        "missing.js",
        ".hidden",
    ]:
        async with node.session.get(f"{node.http_url}/dashboard/{path}") as response:
            assert response.status == 404, path


async def test_a_node_without_the_api_role_serves_no_dashboard(
    make_node: NodeFactory, sqlite_url: str
) -> None:
    node = await make_node(sqlite_url, roles="gateway,worker")
    async with node.session.get(f"{node.http_url}/dashboard") as response:
        assert response.status == 404
    async with node.session.get(f"{node.http_url}/dashboard/js/app.js") as response:
        assert response.status == 404


def test_the_dashboard_loads_nothing_from_elsewhere() -> None:
    """No CDN, no runtime download: every URL in its files is the node's own."""
    remote = re.compile(
        r"""(?:(?:src|href)\s*=\s*["']?|(?:import|from)\s*\(?["']|url\(\s*["']?)(?:https?:)?//"""
    )
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in DASHBOARD.rglob("*")
        if path.suffix in {".html", ".js", ".css"} and remote.search(path.read_text())
    ]
    assert offenders == []
