"""Security has no rules of its own to apply: every SecurityEventNotification is stored and
confirmed as it came (A04.FR.03), whatever its type."""
