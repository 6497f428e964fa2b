"""Supervise: supervision of children's social workers, tracked against the authority's own policy."""

__version__ = "0.1.0"
