"""Accounts in the schema: the viewer, login and logout."""
