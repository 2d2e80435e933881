"""Matching: recommend partners a place does not have yet, with reasons, proven on real history."""
