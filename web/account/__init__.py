"""Signing in and out, the language switch, and the visitor's own account."""
