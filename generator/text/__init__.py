"""Text of records: LaTeX to plain text, slugs, identifiers, near-miss names, and TeX
that lost its backslashes (debris) with how to restore it."""
