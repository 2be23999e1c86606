"""The CSMS application: settings, composition root, roles (gateway, worker, api), entry point."""
