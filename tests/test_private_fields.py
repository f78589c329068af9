"""Only bibliographic fields leave the store: the downloads and the BibTeX shown on pages
hold none of the private fields real reference-manager exports carry, unless asked."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.cli import main
from generator.errors import Diagnostics
from generator.load.bibtex import read_bibtex
from tests.support import mkdocs_build, shared_path

# Private fields as BibDesk, JabRef, Mendeley, Zotero and others write them.
PRIVATE = (
    "bdsk-file-1", "bdsk-url-1", "local-url", "pdf", "annote", "annotation",
    "mendeley-groups", "mendeley-tags", "groups", "owner", "timestamp", "file", "keywords",
    "priority", "readstatus", "urldate", "comment",
)  # fmt: skip
_PRIVATE_ENTRY = """
@article{private-paper,
  author = {Alice Author and Bob Writer},
  title = {A Paper With Private Fields},
  journal = {Journal of Tests},
  year = {2021},
  doi = {10.1234/private.5678},
  url = {file:///Users/alice/Papers/private.pdf},
  abstract = {We test that private fields stay private.},
  bdsk-file-1 = {YnBsaXN0MDDSAQIDBFxyZWxhdGl2ZVBhdGhZYWxpYXNEYXRh},
  bdsk-url-1 = {file:///Users/alice/Papers/private.pdf},
  local-url = {file:///Users/alice/Papers/private.pdf},
  pdf = {/home/alice/papers/private.pdf},
  annote = {My secret opinion of this paper.},
  annotation = {Read on the train.},
  mendeley-groups = {Thesis, Secret Project},
  mendeley-tags = {todo},
  groups = {Secret Project},
  owner = {alice},
  timestamp = {2021-03-04},
  file = {:/home/alice/papers/private.pdf:PDF},
  keywords = {to-read, important},
  priority = {prio1},
  readstatus = {skimmed},
  urldate = {2021-03-04},
  comment = {Ask Bob about this.},
}
"""


def _project(tmp_path: Path, config_extra: str = "") -> Path:
    """The small project with one more paper carrying every private field, in a topic."""
    from tests.support import FIXTURES

    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "small", project)
    with (project / "content/papers/library.bib").open("a", encoding="utf-8") as handle:
        handle.write(_PRIVATE_ENTRY)
    topic = project / "content/topics/optimization.yaml"
    text = topic.read_text("utf-8").replace("is learned [@", "is learned [@private-paper; @")
    topic.write_text(text + "  - private-paper\n", encoding="utf-8")
    if config_extra:
        config = project / "mkdocs.yml"
        config.write_text(
            config.read_text("utf-8").replace("  - litreview\n", "  - litreview:\n" + config_extra),
            encoding="utf-8",
        )
    return project


def _fields_everywhere(site: Path) -> dict[str, set[str]]:
    """The field names of the private paper in every place it leaves the store."""
    found: dict[str, set[str]] = {}
    bibs = [site / "downloads/corpus.bib", site / "topics/optimization/optimization.bib"]
    for bib in bibs:
        records = read_bibtex(bib.read_text("utf-8"), str(bib), Diagnostics())
        [record] = [r for r in records if r.key == "private-paper"]
        found[bib.name] = set(record.fields) | set(record.persons)
    page = BeautifulSoup(
        (site / "papers/private-paper/index.html").read_text("utf-8"), "html.parser"
    )
    shown = page.select_one(".lr-bibtex").get_text()  # type: ignore[union-attr]
    records = read_bibtex(shown, "page", Diagnostics())
    found["paper page"] = set(records[0].fields) | set(records[0].persons)
    topic = BeautifulSoup(
        (site / "topics/optimization/index.html").read_text("utf-8"), "html.parser"
    )
    entries = json.loads(topic.select_one(".lr-citations")["data-entries"])  # type: ignore[index]
    records = read_bibtex(entries["private-paper"], "copy button", Diagnostics())
    found["copy button"] = set(records[0].fields) | set(records[0].persons)
    ris = (site / "downloads/corpus.ris").read_text("utf-8")
    found["ris"] = {"urls"} if "file:///" in ris else set()
    items = json.loads((site / "downloads/corpus.json").read_text("utf-8"))
    [item] = [i for i in items if i["id"] == "private-paper"]
    found["csl-json"] = {"url"} if "file:" in item.get("URL", "") else set()
    return found


def test_private_fields_never_leave_the_store(tmp_path: Path) -> None:
    """Downloads, the paper page's BibTeX and the copy buttons hold the bibliographic
    fields only: no private field and no local URL, in BibTeX, RIS or CSL-JSON."""
    project = _project(tmp_path)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    found = _fields_everywhere(tmp_path / "site")
    for place, fields in found.items():
        assert not fields & {*PRIVATE, "url", "urls"}, place
    assert found["corpus.bib"] == {"author", "title", "journal", "year", "doi", "abstract"}
    secrets = ("alice", "/Users/", "/home/", "secret", "Secret", "prio1", "skimmed", "Ask Bob",
               "to-read", "on the train", "YnBsaXN0")  # fmt: skip
    for path in sorted((tmp_path / "site").rglob("*")):
        if path.suffix in (".html", ".json", ".bib", ".ris", ".xml"):
            text = path.read_text("utf-8").replace("Alice Author", "")
            assert not [s for s in secrets if s in text], path
    references = _reference_text(tmp_path / "site")
    assert "Journal of Tests" in references and "A Paper With Private Fields" in references


def test_more_fields_leave_only_when_the_config_names_them(tmp_path: Path) -> None:
    """`extra_export_fields` adds fields; `export_fields` replaces the list."""
    project = _project(tmp_path, "      extra_export_fields: [keywords, annote]\n")
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    found = _fields_everywhere(tmp_path / "site")
    assert found["corpus.bib"] == {
        "author", "title", "journal", "year", "doi", "abstract", "keywords", "annote",
    }  # fmt: skip
    shutil.rmtree(tmp_path / "project")
    project = _project(tmp_path, "      export_fields: [title, year]\n")
    assert mkdocs_build(project, tmp_path / "site2").returncode == 0
    assert _fields_everywhere(tmp_path / "site2")["paper page"] == {"title", "year"}
    references = _reference_text(tmp_path / "site2")  # the reference list follows the list
    assert "A Paper With Private Fields" in references and "Journal of Tests" not in references


def _reference_text(site: Path) -> str:
    """The reference list entry of the private paper on the topic that cites it."""
    topic = BeautifulSoup(
        (site / "topics/optimization/index.html").read_text("utf-8"), "html.parser"
    )
    [item] = [li for li in topic.select(".lr-references li") if "Private Fields" in li.get_text()]
    return item.get_text()


def test_build_command_takes_the_field_lists(tmp_path: Path) -> None:
    """`litreview build --extra-export-fields` and `--export-fields` choose the fields too."""
    project = _project(tmp_path)
    out = tmp_path / "out"
    assert main(["-C", str(project), "build", "--out", str(out), "-q"]) == 0
    records = read_bibtex((out / "downloads/corpus.bib").read_text("utf-8"), "c", Diagnostics())
    [paper] = [r for r in records if r.key == "private-paper"]
    assert not set(paper.fields) & set(PRIVATE)
    argv = ["-C", str(project), "build", "--out", str(tmp_path / "out2"), "-q",
            "--export-fields", "title,author", "--extra-export-fields", "owner"]  # fmt: skip
    assert main(argv) == 0
    records = read_bibtex(
        (tmp_path / "out2/downloads/corpus.bib").read_text("utf-8"), "c", Diagnostics()
    )
    [paper] = [r for r in records if r.key == "private-paper"]
    assert set(paper.fields) | set(paper.persons) == {"title", "author", "owner"}


@pytest.mark.parametrize(
    "export",
    [
        "bibtex-real/jabref-jabref.jabref.bib",
        "bibtex-real/controlnet-annotated-bibliography.zotero.bib",
    ],
)
def test_real_exports_publish_no_private_field(tmp_path: Path, export: str) -> None:
    """A JabRef export (groups, owner, timestamp, file) and a Zotero export (file, urldate,
    keywords), imported and built: no download or page holds one of those fields."""
    source = shared_path("corpora", export)
    project = tmp_path / "project"
    (project / "content/topics").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(
        "site_name: Real\nplugins:\n  - search\n  - litreview\n", encoding="utf-8"
    )
    assert main(["-C", str(project), "import", str(source), "-q"]) == 0
    store = (project / "content/papers/library.bib").read_text("utf-8")
    assert any(f"  {name} = " in store for name in ("groups", "owner", "file", "timestamp"))
    out = tmp_path / "out"
    assert main(["-C", str(project), "build", "--out", str(out), "-q"]) == 0
    for download in ("corpus.bib", "corpus.ris", "corpus.json"):
        text = (out / "downloads" / download).read_text("utf-8")
        assert "/Users/" not in text and "JabRef\\\\" not in text and ":PDF" not in text, download
    records = read_bibtex((out / "downloads/corpus.bib").read_text("utf-8"), "c", Diagnostics())
    assert len(records) > 100
    names = {name for record in records for name in record.fields}
    assert not names & set(PRIVATE), names & set(PRIVATE)
    shown: set[str] = set()  # field names in the BibTeX the paper pages show
    for page in sorted((out / "papers").glob("*/index.md")):
        lines = page.read_text("utf-8").splitlines()
        shown |= {line.split(" &#61; ")[0].strip() for line in lines if " &#61; " in line}
    assert "title" in shown and not shown & set(PRIVATE)
