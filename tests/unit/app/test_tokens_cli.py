"""`csms token create` prints a new token's secret once; `csms token revoke` revokes it; both
on the node's database."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

import app.__main__ as cli
from infra.db.config import apply_migrations, close_database, open_database
from modules.operators import ApiToken, Role, SqlOperatorStore, digest


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A migrated SQLite database the command line's settings name."""
    url = f"sqlite://{tmp_path}/csms.sqlite3"
    monkeypatch.setenv("CSMS_DATABASE_URL", url)
    monkeypatch.setenv("CSMS_ENVIRONMENT", "dev")
    asyncio.run(apply_migrations(url))
    return url


def stored(database: str, secret: str) -> ApiToken | None:
    """The token stored for `secret`."""

    async def read() -> ApiToken | None:
        await open_database(database)
        try:
            return await SqlOperatorStore().token_by_digest(digest(secret))
        finally:
            await close_database()

    return asyncio.run(read())


def test_create_then_revoke(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["token", "create", "--name", "ops", "--role", "operator"])
    secret = capsys.readouterr().out.splitlines()[1]
    token = stored(database, secret)
    assert token is not None and token.role is Role.OPERATOR and token.created_by == "command line"

    cli.main(["token", "revoke", str(token.id)])

    assert "revoked" in capsys.readouterr().out
    revoked = stored(database, secret)
    assert revoked is not None and revoked.revoked_at is not None


def test_an_unknown_role_is_refused_by_the_parser() -> None:
    with pytest.raises(SystemExit):
        cli.main(["token", "create", "--name", "x", "--role", "root"])


def test_revoking_no_such_token_fails(database: str) -> None:
    with pytest.raises(SystemExit, match="no API token 42"):
        cli.main(["token", "revoke", "42"])
