"""Supervise: children's social workers' supervision, tracked against the authority's policy."""

__version__ = "0.1.0"
