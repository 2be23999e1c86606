"""GraphQL of the smart-charging block (K): charging profiles, their requests and reports,
composite schedules, external limits, EV charging needs and schedules."""
