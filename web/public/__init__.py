"""The pages anyone may read: start, directory, municipalities, calls, figures, open data."""
