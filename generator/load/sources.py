"""Reading import inputs of any supported format into `Record`s.

The format is detected from the content, not the extension: BibTeX starts with an
``@`` entry, the seed dumps with their own markers, and a YAML list of
``{file, line, title}`` items is a metadata overlay for untitled dumps. A JSON array
of items is CSL-JSON, ``TY  -`` lines are RIS, and any other YAML list or mapping of
papers is a paper list (`generator.load.yamllist`).
"""

from __future__ import annotations

from pathlib import Path

from generator.codes import Code
from generator.errors import Diagnostics, Location
from generator.load import bibtex, csljson, ris, seeds, yamllist
from generator.load.files import read_text
from generator.load.metadata import TitleInfo, apply_metadata, read_metadata
from generator.load.yamlsource import load_yaml
from generator.model import Record
from generator.progress import Progress, silent

FORMATS = ("bibtex", "abstract-lines", "listing", "metadata", "csl-json", "ris", "yaml-list")


def detect_format(text: str, name: str) -> str | None:
    stripped = text.lstrip("\ufeff \t\r\n")
    seed = seeds.sniff(stripped)
    if seed:
        return seed
    if name.endswith(".json") or csljson.sniff(stripped):
        return "csl-json"
    if name.endswith(".ris") or ris.sniff(stripped):
        return "ris"
    if name.endswith((".yaml", ".yml")):
        # A YAML file that is no metadata overlay goes to the paper-list reader,
        # whose error says which shapes it takes.
        return _yaml_kind(stripped) or "yaml-list"
    if name.endswith((".bib", ".bibtex")):
        return "bibtex"
    kind = _yaml_kind(stripped) if not stripped.startswith("@") else None
    if kind:
        return kind
    if "@" in stripped[:2000]:
        return "bibtex"
    return None


def _yaml_kind(text: str) -> str | None:
    """'metadata' or 'yaml-list' for YAML text of either shape, else None. Read by the
    bounded loader: a file of any depth, or an alias bomb, only fails to match."""
    ok, value = load_yaml(text, "", Diagnostics())
    if not ok:
        return None
    if isinstance(value, list) and any(
        isinstance(item, dict) and {"file", "line"} <= item.keys() for item in value
    ):
        return "metadata"
    return "yaml-list" if yamllist.looks_like_paper_list(value) else None


def read_sources(
    paths: list[tuple[Path, str]],
    diagnostics: Diagnostics,
    encoding: str = "utf-8",
    forced_format: str | None = None,
    progress: Progress = silent,
    repairs: list[seeds.TextRepair] | None = None,
) -> list[Record]:
    """Read every (path, display name) pair, in order; metadata files apply to all.

    BibTeX macros defined in one file are visible in the files after it, as in BibTeX.
    Text the seed dumps lost TeX from is restored on reading; `repairs` collects what
    was restored.
    """
    records: list[Record] = []
    infos: list[TitleInfo] = []
    macros = bibtex.new_macros()
    for path, shown in progress(paths, "reading", len(paths)):
        text = read_text(path, shown, diagnostics, "input", encoding)
        if text is None:
            continue
        kind = forced_format or detect_format(text, path.name)
        if kind == "bibtex":
            records.extend(bibtex.read_bibtex(text, shown, diagnostics, macros, keyless=True))
        elif kind == "abstract-lines":
            records.extend(seeds.read_abstract_lines(text, shown, diagnostics, repairs))
        elif kind == "listing":
            records.extend(seeds.read_listing(text, shown, diagnostics, repairs))
        elif kind == "metadata":
            infos.extend(read_metadata(text, shown, diagnostics))
        elif kind == "csl-json":
            records.extend(csljson.read_csljson(text, shown, diagnostics))
        elif kind == "ris":
            records.extend(ris.read_ris(text, shown, diagnostics))
        elif kind == "yaml-list":
            records.extend(yamllist.read_yaml_list(text, shown, diagnostics))
        else:
            diagnostics.error(
                Code.UNKNOWN_FORMAT,
                "unknown format: not BibTeX, CSL-JSON, RIS, a YAML paper list, an "
                "'Abstract:' dump, a paper listing or a metadata list "
                "(use --format to say which)",
                Location(shown, 1),
            )
    bibtex.check_crossrefs(records, diagnostics)
    return apply_metadata(records, infos, diagnostics) if infos else records
