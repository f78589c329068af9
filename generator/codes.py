"""The stable code of every kind of problem litreview reports.

Callers decide by code, never by message text; `litreview check --json` prints the
code beside each message, so a CI script can allow or fail on exactly the kinds it
chooses. Codes are kebab-case and never renamed; new kinds get new codes.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    # Reading files (any input)
    READ_ERROR = "read-error"  # the file cannot be read (permissions, not a regular file)
    DECODE_ERROR = "decode-error"  # bytes that are not text in the expected encoding
    UNKNOWN_FORMAT = "unknown-format"  # an import input of no known format
    INPUT_SYNTAX = "input-syntax"  # JSON, BibTeX or YAML syntax error
    INPUT_SHAPE = "input-shape"  # valid syntax, but not the shape the reader takes
    INPUT_TOO_DEEP = "input-too-deep"  # JSON nesting deeper than any real export
    NO_RECORDS = "no-records"  # an input with no entries at all
    RECORD_SKIPPED = "record-skipped"  # an item that is not a paper (no title, not a mapping)
    RECORD_INCOMPLETE = "record-incomplete"  # an entry cut short by a syntax error
    VALUE_IGNORED = "value-ignored"  # a field whose value has the wrong kind
    # BibTeX specifics
    UNDEFINED_MACRO = "undefined-macro"  # an @string that no input defines
    DUPLICATE_FIELD = "duplicate-field"  # a field given twice in one entry
    COMMENTED_ENTRY = "commented-entry"  # an entry after a '%', which BibTeX still reads
    MISSING_CROSSREF = "missing-crossref"  # crossref to an entry no input defines
    NAME_UNPARSABLE = "name-unparsable"  # a person name BibTeX cannot split
    KEY_CLASH = "key-clash"  # two different records under one key in the inputs
    # Import
    CONFLICTING_ID = "conflicting-id"  # two different titles share an arXiv id or DOI
    METADATA_UNMATCHED = "metadata-unmatched"  # a metadata item that fits no abstract
    MISSING_UPSTREAM = "missing-upstream"  # a stored paper its source file no longer has
    PROVISIONAL_TITLE = "provisional-title"  # a paper whose title was made from its abstract
    UNBALANCED_BRACES = "unbalanced-braces"  # braces that BibTeX cannot store, escaped
    TEX_DEBRIS = "tex-debris"  # TeX that lost its backslashes, left in a text (a note)
    # The store
    STORE_DUPLICATE_KEY = "store-duplicate-key"  # one key in two store entries
    PAGE_NAME_CLASH = "page-name-clash"  # two keys that would share a page
    RESERVED_NAME = "reserved-name"  # a key Windows cannot use as a file name (con, nul...)
    # YAML
    YAML_SYNTAX = "yaml-syntax"
    YAML_DUPLICATE_KEY = "yaml-duplicate-key"
    YAML_COMPLEX_KEY = "yaml-complex-key"  # a mapping or list used as a key
    YAML_TOO_LARGE = "yaml-too-large"  # alias bombs, recursion, nesting too deep
    # Topic files
    TOPIC_FILE_NAME = "topic-file-name"  # a file name that is not a slug
    DUPLICATE_SLUG = "duplicate-slug"  # two topic files with one slug
    TOPIC_EMPTY_FILE = "topic-empty-file"
    TOPIC_SHAPE = "topic-shape"  # a value of the wrong kind or shape in a topic file
    UNKNOWN_FIELD = "unknown-field"  # a misspelt key in a topic file
    REQUIRED_FIELD = "required-field"  # 'title' missing
    # The topics against the corpus
    UNKNOWN_PAPER_KEY = "unknown-paper-key"
    UNKNOWN_PARENT = "unknown-parent"
    TOPIC_CYCLE = "topic-cycle"
    UNKNOWN_TOPIC = "unknown-topic"  # see_also naming no topic
    REDIRECT_CONFLICT = "redirect-conflict"
    UNKNOWN_CITATION = "unknown-citation"
    PAPER_LISTED_TWICE = "paper-listed-twice"
    EMPTY_TOPIC = "empty-topic"  # no papers and no sub-topics
    EMPTY_SECTION = "empty-section"  # a section that lists no papers
    UNPLACED_PAPER = "unplaced-paper"  # a paper in no topic
    # Settings and hand-written pages
    SETTINGS = "settings"  # mkdocs.yml that cannot be read
    PAGE_REPLACED = "page-replaced"  # a hand-written page where a generated page would go
    NAV_NOT_MERGED = "nav-not-merged"  # a site nav with no place for the topics
    # enrich
    SERVICE_UNAVAILABLE = "service-unavailable"  # arXiv or Crossref could not be asked
    ENRICH_MISMATCH = "enrich-mismatch"  # an id whose record has another paper's title
    ENRICH_AMBIGUOUS = "enrich-ambiguous"  # several records with the paper's exact title
    # Commands
    USAGE = "usage"  # a name on the command line that does not resolve
    EDIT_REFUSED = "edit-refused"  # a topic edit that would reformat the file
    OUTPUT_REFUSED = "output-refused"  # an output folder that would overwrite inputs
