"""Browser tests' machinery: Debian's Chromium driven by Playwright against a served kipnet, axe-core on
every page visited, and a page-object `Visitor` that journeys are written with."""
