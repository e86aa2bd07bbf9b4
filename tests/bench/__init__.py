"""Tests of the benchmark tools: the data generator."""
