"""Supervision files (issue 4 fills this in)."""
