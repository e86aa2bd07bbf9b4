"""Building blocks shared by every domain of the schema: context, errors, nodes, connections, text."""
