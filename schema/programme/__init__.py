"""The programme phases, funding areas and indicators in the schema."""
