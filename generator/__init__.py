"""litreview: a literature-review site generator (load → model → organize → render → emit)."""
