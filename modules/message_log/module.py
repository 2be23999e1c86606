"""The message log has no routing table: it answers no station message and sends no command
(the gateway logs every frame before any module sees it)."""
