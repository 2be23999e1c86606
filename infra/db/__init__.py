"""Persistence: Tortoise ORM models, configuration and migrations."""
