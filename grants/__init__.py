"""kipnet's domain: models, rules and use cases of the KIP partner directory and grants.

Nothing here knows about HTTP or GraphQL; the schema and server layers call in.
"""
