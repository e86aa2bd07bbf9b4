"""kipnet's benchmarks: the suite (`python -m bench`), the data generator and single-purpose probes."""
