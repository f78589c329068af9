"""litreview: a static literature-review site generator (load → model → organize → render → emit)."""
