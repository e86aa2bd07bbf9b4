"""The administrators' pages: funding calls and the directory."""
