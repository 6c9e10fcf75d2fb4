"""Use cases. Each owns its transaction, takes and returns domain values, never ORM objects or Qt types."""
