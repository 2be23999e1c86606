"""Availability stores nothing: what a station's EVSEs and connectors are is what its
StatusNotifications say, stored by provisioning."""
