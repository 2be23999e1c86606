"""GraphQL of the provisioning block (B): stations and their connectors, station registration,
boot policy, configuration and history, Reset and SetNetworkProfile, network profiles."""
