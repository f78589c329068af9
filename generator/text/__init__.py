"""Conditions of corpus text: TeX that lost its backslashes, and how to restore it."""
