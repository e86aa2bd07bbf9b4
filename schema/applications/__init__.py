"""Applications in the schema: types, inputs, queries and the workflow mutations."""
