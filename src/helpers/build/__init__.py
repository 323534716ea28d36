"""Build the reports: registry, parameters, cache, run, run record, lock file, pipeline."""
