"""The portal: pages for people, rendered on the server; the API's first client.

Every page runs named GraphQL operations (the `.graphql` files beside it) through kipnet's schema
in-process with the visitor's token, so the portal can do exactly what any API client can do.
"""
