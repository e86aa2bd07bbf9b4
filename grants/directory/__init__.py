"""The partner directory's use cases: finding partners, their network, and editing them."""
