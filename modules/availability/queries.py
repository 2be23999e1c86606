"""Availability has no reads of its own: connector statuses are read through provisioning."""
