"""Demo data for `make run` and the browser tests: the top layer, as it touches every app."""
