"""Text of records: LaTeX to plain text, slugs, identifiers, near-miss names."""
