"""The local-lists routing table."""

from __future__ import annotations

from modules.kernel.routing import Module, command
from modules.local_auth_lists.commands import LocalListResults
from modules.local_auth_lists.store import LocalListStore


def build_module(store: LocalListStore) -> Module:
    """The local-lists module (block D: D01 SendLocalList, D02 GetLocalListVersion)."""
    results = LocalListResults(store)
    return Module(
        name="local_auth_lists",
        commands={
            "SendLocalList": command("SendLocalList", results.send_local_list_result),
            "GetLocalListVersion": command(
                "GetLocalListVersion", results.get_local_list_version_result
            ),
        },
    )
