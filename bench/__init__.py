"""The benchmarks (`make bench`): bench/run.py runs them, bench/report.py writes them up."""
