"""Benchmarks and the data generator for scale measurements (run as modules from the project folder)."""
