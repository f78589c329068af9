"""`litreview enrich`: authors, years, ids and venues from arXiv and Crossref.

`http` carries requests (the transport is passed in, so tests feed recorded responses),
`arxiv` and `crossref` turn each service's answer into records, `propose` decides what a
paper could gain, `provenance` records where each filled field came from, and `apply`
runs a whole enrichment of the store.
"""
