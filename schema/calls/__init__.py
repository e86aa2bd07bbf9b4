"""Funding calls in the schema: types, inputs, queries and the admin mutations."""
