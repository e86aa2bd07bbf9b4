"""Tests of the benchmark tools: the data generator; the suite's pure parts (wrk scripts and output, /proc, tables, the bare app)."""
