"""The pieces of `python -m bench.generate`: words, the world it needs, lifecycles, bulk writing."""
