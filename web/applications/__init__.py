"""The applicant's pages: their organisation's applications, the form in sections, reports, history."""
