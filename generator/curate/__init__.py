"""Curating topics from the command line: edits to topic files that keep their bytes."""
