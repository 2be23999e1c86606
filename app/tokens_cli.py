"""`csms token create --name NAME --role ROLE` and `csms token revoke ID`: API tokens managed
from the command line, on the node's database (migrations applied)."""

from __future__ import annotations

import argparse

from app.clock import utc_now
from app.settings import Settings
from infra.db.config import close_database, open_database
from modules.operators import ApiTokens, Caller, Role, SqlOperatorStore

CLI_ACTOR = "command line"
"""Who created a token from the command line, as `createdBy` shows it."""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `token` command and its `create` and `revoke` subcommands."""
    token = commands.add_parser("token", help="create or revoke an API token")
    actions = token.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="create a token; its secret is printed once")
    create.add_argument("--name", required=True)
    create.add_argument("--role", required=True, choices=[role.value for role in Role])
    revoke = actions.add_parser("revoke", help="revoke a token by its id")
    revoke.add_argument("id", type=int)


async def run(settings: Settings, args: argparse.Namespace) -> str:
    """Carry out `csms token ...`; returns what to print."""
    await open_database(settings.database_url, 1, settings.db_timeout_seconds)
    try:
        tokens = ApiTokens(SqlOperatorStore(), utc_now, settings.admin_token)
        if args.action == "create":
            by = Caller(None, CLI_ACTOR, Role.ADMIN)
            created = await tokens.create(args.name, Role(args.role), by)
            return (
                f"token {created.token.id} ({created.token.role.value}) '{created.token.name}':\n"
                f"{created.secret}\n(shown once; send it as 'Authorization: Bearer <token>')"
            )
        revoked = await tokens.revoke(args.id)
        if revoked is None:
            raise SystemExit(f"no API token {args.id}")
        return f"token {revoked.id} '{revoked.name}' revoked at {revoked.revoked_at}"
    finally:
        await close_database()
