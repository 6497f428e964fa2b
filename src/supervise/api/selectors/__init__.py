"""Reads for the API: a fixed number of queries whatever the number of rows."""
