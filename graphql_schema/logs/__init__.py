"""GraphQL of the logs block (N01): getLog, log requests with their timelines and files."""
