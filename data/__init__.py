"""Offline dataset seeding for tests, benchmarks and offline classrooms.

The notebooks load data through the libraries' own calls; this package fills those libraries'
caches so the same calls work without a network.
"""
