"""Domain rules and values: plain Python, no Qt, no database."""
