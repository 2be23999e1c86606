"""Availability answers no station message of its own: the connector statuses that follow a
ChangeAvailability arrive as StatusNotification, which provisioning owns."""
