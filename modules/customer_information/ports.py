"""What the customer-information block needs from other blocks, filled by the composition
root: removing what the CSMS itself holds about a customer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

DeleteIdToken = Callable[[str, str], Awaitable[bool]]
"""Delete the id token (value, type) from the CSMS's id-token registry, and with it from every
local authorization list holding it; False when the registry had none. The composition root
fills it with the authorization block's `IdTokenRegistry.delete`."""
