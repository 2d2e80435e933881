"""Amity: the registry, resolver and working tool for sister-city partnerships."""

__version__ = "0.1.0"
