"""The partner directory in the schema."""
