"""Transitional: the transactions block still imports `id_token_info` from here; once it
uses `modules.authorization.TokenAuthority`, delete this file."""

from __future__ import annotations

from modules.authorization.authority import id_token_info

__all__ = ["id_token_info"]
