"""Tools for the people who run a site: new records, the JSON Schema, synthetic sites."""
