"""The programme staff's pages: queue, application page, review, scoring, decisions, aftercare."""
