"""`litreview enrich` against recorded arXiv and Crossref responses (tests/fixtures/api/)."""

from __future__ import annotations

import socket
import textwrap
from itertools import pairwise
from pathlib import Path

import pytest

from generator.cli import main
from generator.enrich.apply import EnrichOptions, enrich_store
from generator.enrich.arxiv import ArxivError, parse_feed
from generator.enrich.crossref import latex_text, parse_work
from generator.enrich.http import NetworkError, Response, urllib_transport
from generator.enrich.provenance import fingerprint, read_origins
from generator.enrich.sources import Sources
from generator.errors import Diagnostics
from generator.project import Project
from generator.render.exports import public
from generator.render.public_fields import export_fields
from generator.store.bibfile import read_store
from tests.recorded import FakeClock, Recorded, arxiv_recording, crossref_recording, offline

ASTRO = "id_astro-ph_0601001_s0_m100_3150dca9dc76.json"
PAIR = "id_0808.05394_1707.08567_s0_m100_42e5aa0ec3af.json"
QUANT = "id_quant-ph_0201082v1_s0_m100_86989fe779ef.json"
UNKNOWN = "id_0000.0000_s0_m100_8b51d9633a68.json"
BAD_ID = "id_abc_s0_m100_b79c8dcf6bc3.json"
SEARCH = "q_testing_s0_m10_bc5a6c384fe9.json"
PLOS = "test_works_with_one_id.yaml"
NO_DOI = "test_works_bad_id_warn.yaml"

HOT_JUPITERS = (
    "Frequency of Hot Jupiters and Very Hot Jupiters from the OGLE-III Transit Surveys "
    "Toward the Galactic Bulge and Carina"
)
TESTING_DL = (
    "Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques"
)
PLOS_TITLE = (
    "Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia "
    "in the Basal Ganglia of Mice"
)
QUANT_TITLE = (
    "Quantum Computers and Quantum Computer Languages: Quantum Assembly Language and "
    "Quantum C Language"
)
TODAY = "2026-11-30"


def body(name: str) -> bytes:
    return arxiv_recording(name).body


def project_with(tmp_path: Path, bib: str) -> Project:
    papers = tmp_path / "content" / "papers"
    papers.mkdir(parents=True)
    (papers / "library.bib").write_text(textwrap.dedent(bib).lstrip(), encoding="utf-8")
    return Project.at(tmp_path)


def store_text(project: Project) -> str:
    return (project.papers_dir / "library.bib").read_text(encoding="utf-8")


def stored(project: Project) -> dict[str, object]:
    files = [(p, project.display(p)) for p in project.store_files()]
    return {p.key: p for p in read_store(files, Diagnostics())}


def run(
    project: Project, answers: dict, *, batch: int = 1, **options: object
) -> tuple[object, Recorded, Diagnostics]:
    clock = FakeClock()
    transport = Recorded(answers, clock)
    sources = Sources(transport, mailto="lit@example.org", clock=clock, sleep=clock.sleep)
    sources.arxiv_batch = batch
    diagnostics = Diagnostics()
    opts = EnrichOptions(**{"today": TODAY, **options})
    report = enrich_store(project, sources, diagnostics, opts)
    return report, transport, diagnostics


# Reading the services' answers ----------------------------------------------------------


def test_arxiv_feed_gives_old_style_id_authors_date_and_journal_ref() -> None:
    """An id-list answer reads into id, version, authors, first-version date and journal ref."""
    [entry] = parse_feed(body(ASTRO))
    assert entry.arxiv_id == "astro-ph/0601001"
    assert entry.version == "v1"
    assert entry.title == HOT_JUPITERS
    assert entry.authors == ("Andrew Gould", "Susan Dorsher", "B. Scott Gaudi", "Andrzej Udalski")
    assert entry.published == "2006-01-02"
    assert entry.journal_ref == "ActaAstron.56:1-50,2006"
    assert entry.primary_class == "astro-ph"
    assert entry.doi == ""


def test_arxiv_feed_reads_utf8_names_and_omits_unknown_ids() -> None:
    """A two-id answer holds only the id arXiv knows, its 34 authors decoded from UTF-8."""
    [entry] = parse_feed(body(PAIR))
    assert entry.arxiv_id == "1707.08567"
    assert len(entry.authors) == 34
    assert entry.authors[-2] == "Dirk Wübben"


def test_arxiv_search_feed_gives_dois_and_accented_names() -> None:
    """A search answer's entries carry their DOIs and journal references."""
    entries = parse_feed(body(SEARCH))
    assert len(entries) == 10
    first, second = entries[0], entries[1]
    assert (first.arxiv_id, first.title) == ("2202.12139", TESTING_DL)
    assert first.doi == "10.1109/ICSTW55395.2022.00035"
    assert second.authors[0] == "Aurora Ramírez"
    assert second.journal_ref.startswith("Proc. 2023 IEEE International Conference")


def test_arxiv_error_entry_is_an_error_and_empty_feed_is_no_paper() -> None:
    """arXiv's error entry raises with its message; an unknown id gives no entries."""
    with pytest.raises(ArxivError, match="incorrect id format for abc"):
        parse_feed(body(BAD_ID))
    assert parse_feed(body(UNKNOWN)) == []


def test_crossref_work_gives_bibtex_names_date_and_venue() -> None:
    """A Crossref work reads into BibTeX names, year and month, and its journal's details."""
    work = parse_work(crossref_recording(PLOS).body)
    assert work.doi == "10.1371/journal.pone.0033693"
    assert work.authors[:2] == ("Sadasivan, Shankar", "Pond, Brooks B.")
    assert len(work.authors) == 6
    assert (work.year, work.month) == ("2012", "3")
    assert (work.venue_field, work.container) == ("journal", "PLoS ONE")
    assert (work.volume, work.issue, work.pages) == ("7", "3", "e33693")
    assert work.publisher == "Public Library of Science (PLoS)"
    assert work.title == PLOS_TITLE


def test_crossref_text_is_stored_as_latex_source() -> None:
    """Crossref's plain text has entities decoded, tags dropped and LaTeX specials escaped."""
    assert latex_text("Science &amp; <i>Society</i> 100% $5 #1 a_b") == (
        r"Science \& Society 100\% \$5 \#1 a\_b"
    )


# Merging into a store ------------------------------------------------------------------

STORE = """
    @misc{hot-jupiters,
      title = {Frequency of Hot Jupiters and Very Hot Jupiters from the OGLE-III Transit Surveys Toward the Galactic Bulge and Carina},
      eprint = {astro-ph/0601001},
      archiveprefix = {arXiv},
    }

    @misc{testing-dl,
      title = {Testing deep-learning models -- a first comparative study of multiple testing techniques},
    }

    @article{methylphenidate,
      title = {Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia in the Basal Ganglia of Mice},
      year = {2011},
      doi = {10.1371/journal.pone.0033693},
    }

    @misc{quantum-c,
      author = {Blaha, S.},
      title = {Quantum Computers and Quantum Computer Languages: Quantum Assembly Language and Quantum C Language},
      eprint = {quant-ph/0201082v1},
      archiveprefix = {arXiv},
    }
"""

ANSWERS = {
    ("ids", "astro-ph/0601001"): arxiv_recording(ASTRO),
    ("ids", "quant-ph/0201082"): arxiv_recording(QUANT),
    (
        "search",
        'ti:"Testing deep learning models a first comparative study of multiple testing techniques"',
    ): arxiv_recording(SEARCH),
    # once found by title, the paper is asked for by id; the search answer holds its entry
    ("ids", "2202.12139"): arxiv_recording(SEARCH),
    # a real empty answer stands for "no paper with this title"
    ("search", f'ti:"{PLOS_TITLE}"'): arxiv_recording(UNKNOWN),
    ("doi", "10.1371/journal.pone.0033693"): crossref_recording(PLOS),
    ("doi", "10.1109/icstw55395.2022.00035"): crossref_recording(NO_DOI),
}


def test_enrich_fills_missing_fields_from_arxiv_and_crossref(tmp_path: Path) -> None:
    """Authors, dates, ids and venues are filled from the records each paper matches."""
    project = project_with(tmp_path, STORE)
    report, _, diagnostics = run(project, ANSWERS)
    assert not diagnostics.problems
    papers = stored(project)

    hot = papers["hot-jupiters"]
    assert hot.authors == ("Andrew Gould", "Susan Dorsher", "B. Scott Gaudi", "Andrzej Udalski")
    assert (hot.fields["year"], hot.fields["month"]) == ("2006", "January")
    assert hot.fields["primaryclass"] == "astro-ph"
    assert hot.fields["howpublished"] == "ActaAstron.56:1-50,2006"

    found_by_title = papers["testing-dl"]
    assert found_by_title.fields["eprint"] == "2202.12139"
    assert found_by_title.fields["archiveprefix"] == "arXiv"
    assert found_by_title.fields["doi"] == "10.1109/ICSTW55395.2022.00035"
    assert found_by_title.authors == ("Mohit Kumar Ahuja", "Arnaud Gotlieb", "Helge Spieker")
    assert found_by_title.fields["year"] == "2022"

    published = papers["methylphenidate"]
    assert published.authors[0] == "Sadasivan, Shankar"
    assert published.fields["journal"] == "PLoS ONE"
    assert (published.fields["volume"], published.fields["number"]) == ("7", "3")
    assert published.fields["pages"] == "e33693"
    assert report.not_found == []


def test_enrich_never_overwrites_what_the_user_wrote(tmp_path: Path) -> None:
    """User fields stay, and a month is not paired with a year the user wrote."""
    project = project_with(tmp_path, STORE)
    run(project, ANSWERS)
    papers = stored(project)
    assert papers["quantum-c"].authors == ("Blaha, S.",)
    assert papers["quantum-c"].fields["eprint"] == "quant-ph/0201082v1"
    assert papers["quantum-c"].fields["year"] == "2002"
    assert papers["methylphenidate"].fields["year"] == "2011"
    assert "month" not in papers["methylphenidate"].fields
    assert papers["methylphenidate"].entry_type == "article"


def test_enrich_records_where_each_field_came_from(tmp_path: Path) -> None:
    """Each filled field names its source, id and date; user fields have no entry."""
    project = project_with(tmp_path, STORE)
    run(project, ANSWERS)
    papers = stored(project)
    origins = read_origins(papers["methylphenidate"].fields)
    assert set(origins) == {"author", "journal", "volume", "number", "pages", "publisher"}
    assert origins["journal"].source == "Crossref 10.1371/journal.pone.0033693"
    assert origins["journal"].day == TODAY
    title_found = read_origins(papers["testing-dl"].fields)
    assert title_found["doi"].source == "arXiv 2202.12139"
    assert "author" not in read_origins(papers["quantum-c"].fields)
    text = store_text(project)
    assert "litreview-enriched = {author: arXiv astro-ph/0601001 (2026-11-30, " in text
    assert "litreview-enriched" not in public(papers["hot-jupiters"], export_fields()).fields


def test_second_run_changes_nothing(tmp_path: Path) -> None:
    """Running enrich again, a day later, on its own output leaves the store byte for byte."""
    project = project_with(tmp_path, STORE)
    run(project, ANSWERS)
    first = store_text(project)
    report, _, _ = run(project, ANSWERS, today="2026-12-01")
    assert report.changed == {}
    assert report.written == []
    assert store_text(project) == first


def test_field_edited_after_enrich_becomes_the_users(tmp_path: Path) -> None:
    """A value enrich wrote and the user then edited is kept, and loses its provenance."""
    project = project_with(tmp_path, STORE)
    run(project, ANSWERS)
    bib = project.papers_dir / "library.bib"
    text = bib.read_text(encoding="utf-8")
    bib.write_text(text.replace("Andrew Gould and", "A. Gould and"), encoding="utf-8")
    run(project, ANSWERS)
    hot = stored(project)["hot-jupiters"]
    assert hot.authors[0] == "A. Gould"
    assert "author" not in read_origins(hot.fields)
    assert "year" in read_origins(hot.fields)


STALE = f"""
    @misc{{quantum-c,
      author = {{S. Blaha}},
      title = {{{QUANT_TITLE}}},
      eprint = {{quant-ph/0201082}},
      archiveprefix = {{arXiv}},
      litreview-enriched = {{author: arXiv quant-ph/0201082 (2025-01-01, {fingerprint("S. Blaha")})}},
    }}
"""


def test_refresh_updates_enrichs_own_fields_unless_only_missing(tmp_path: Path) -> None:
    """A field enrich filled earlier takes the source's current value; --only-missing keeps it."""
    kept = project_with(tmp_path / "kept", STALE)
    run(kept, ANSWERS, only_missing=True)
    assert stored(kept)["quantum-c"].authors == ("S. Blaha",)

    refreshed = project_with(tmp_path / "refreshed", STALE)
    run(refreshed, ANSWERS)
    paper = stored(refreshed)["quantum-c"]
    assert paper.authors == ("Stephen Blaha",)
    assert read_origins(paper.fields)["author"].day == TODAY


def test_only_missing_leaves_complete_papers_alone(tmp_path: Path) -> None:
    """--only-missing looks up only papers lacking authors, a year or an id."""
    complete = """
        @misc{complete,
          author = {Gould, Andrew},
          title = {Frequency of Hot Jupiters},
          year = {2006},
          eprint = {astro-ph/0601001},
          archiveprefix = {arXiv},
        }

        @misc{quantum-c,
          title = {Quantum Computers and Quantum Computer Languages: Quantum Assembly Language and Quantum C Language},
          eprint = {quant-ph/0201082},
          archiveprefix = {arXiv},
        }
    """
    project = project_with(tmp_path, complete)
    report, transport, _ = run(project, ANSWERS, only_missing=True)
    assert report.looked_up == ["quantum-c"]
    assert transport.asked("ids") == ["quant-ph/0201082"]


def test_dry_run_reports_and_writes_nothing(tmp_path: Path) -> None:
    """--dry-run lists the changes but leaves the store file as it was."""
    project = project_with(tmp_path, STORE)
    before = store_text(project)
    report, _, _ = run(project, ANSWERS, dry_run=True)
    assert "hot-jupiters" in report.changed
    assert report.written == []
    assert store_text(project) == before


def test_title_match_is_exact_up_to_case_and_punctuation(tmp_path: Path) -> None:
    """A title one word off the arXiv record's attaches nothing; a repunctuated one does."""
    near = """
        @misc{near,
          title = {Testing Deep Learning Models: A Comparative Study of Multiple Testing Techniques},
        }
    """
    project = project_with(tmp_path, near)
    query = 'ti:"Testing Deep Learning Models A Comparative Study of Multiple Testing Techniques"'
    report, transport, _ = run(project, {("search", query): arxiv_recording(SEARCH)})
    assert transport.asked("search") == [query]
    assert report.not_found == ["near"]
    assert report.changed == {}
    assert "eprint" not in stored(project)["near"].fields


def test_record_found_by_id_with_another_title_is_not_attached(tmp_path: Path) -> None:
    """An id whose arXiv record is another paper is reported, and nothing is taken from it."""
    wrong = """
        @misc{scaling-laws,
          title = {Scaling Laws for Neural Language Models},
          eprint = {1707.08567},
          archiveprefix = {arXiv},
        }

        @misc{unknown-id,
          title = {A paper whose arXiv id does not exist},
          eprint = {0808.05394},
          archiveprefix = {arXiv},
        }
    """
    project = project_with(tmp_path, wrong)
    answers = {("ids", "0808.05394,1707.08567"): arxiv_recording(PAIR)}
    report, transport, diagnostics = run(project, answers, batch=50)
    assert len(transport.requests) == 1  # both ids in one request
    [warning] = diagnostics.warnings
    assert "scaling-laws" in warning.message and "check its id" in warning.message
    assert str(warning.location).endswith("library.bib:1")
    assert report.changed == {}
    assert sorted(report.not_found) == ["scaling-laws", "unknown-id"]


def test_requests_are_spaced_and_name_a_contact(tmp_path: Path) -> None:
    """arXiv requests start at least 3 s apart; Crossref gets a User-Agent and mailto."""
    project = project_with(tmp_path, STORE)
    _, transport, _ = run(project, ANSWERS)
    arxiv_times = [t for t, url, _ in transport.requests if "export.arxiv.org" in url]
    assert len(arxiv_times) == 4
    assert all(b - a >= 3.0 for a, b in pairwise(arxiv_times))
    crossref = [(url, h) for _, url, h in transport.requests if "api.crossref.org" in url]
    assert crossref and all("mailto=lit%40example.org" in url for url, _ in crossref)
    assert all("mailto:lit@example.org" in h["User-Agent"] for _, h in crossref)


def test_service_refusing_to_serve_is_given_up_on(tmp_path: Path) -> None:
    """After a 503 arXiv is asked nothing more in that run, and the reason is kept."""
    project = project_with(tmp_path, STORE)
    busy = Response(503, b"")
    answers = {**ANSWERS, ("ids", "astro-ph/0601001"): busy}
    report, transport, _ = run(project, answers)
    sources_asked = transport.asked("ids") + transport.asked("search")
    assert sources_asked == ["astro-ph/0601001"]
    assert "methylphenidate" in report.changed  # Crossref still answered


# The command -------------------------------------------------------------------------


def test_command_says_plainly_when_offline(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """Offline, enrich prints one line, exits 1 and leaves the store untouched."""
    # The author enrich wrote was edited since: online, its provenance entry would go.
    edited = STALE.replace("author = {S. Blaha}", "author = {Stephen Blaha}")
    project = project_with(tmp_path, edited)
    before = store_text(project)
    code = main(["-C", str(tmp_path), "enrich"], transport=offline)
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err == "enrich: no network (arXiv unreachable): nothing changed\n"
    assert captured.out == ""
    assert store_text(project) == before


def test_command_enriches_and_summarises(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """The command writes the store and ends with a summary line."""
    bib = """
        @misc{hot-jupiters,
          title = {Frequency of Hot Jupiters and Very Hot Jupiters from the OGLE-III Transit Surveys Toward the Galactic Bulge and Carina},
          eprint = {astro-ph/0601001},
          archiveprefix = {arXiv},
        }
    """
    project = project_with(tmp_path, bib)
    code = main(["-C", str(tmp_path), "enrich", "-v"], transport=Recorded(ANSWERS))
    out = capsys.readouterr().out
    assert code == 0
    assert "hot-jupiters: author from arXiv astro-ph/0601001" in out
    assert out.splitlines()[-1] == (
        "enrich: 1 paper looked up: 1 updated, 0 not found; "
        "wrote content/papers/library.bib; 0 errors, 0 warnings"
    )
    assert "Andrew Gould" in store_text(project)


def test_real_transport_turns_a_refused_connection_into_network_error() -> None:
    """urllib's failure to connect becomes NetworkError (so the command can say "offline")."""
    with socket.socket() as probe:  # a local port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(NetworkError):
        urllib_transport(f"https://127.0.0.1:{port}/api/query", {"User-Agent": "test"})
    with pytest.raises(ValueError, match="https"):
        urllib_transport(f"http://127.0.0.1:{port}/", {})
