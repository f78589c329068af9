"""Benchmark litreview at scale (issues 7, 18): `python bench/run.py [--sizes 2000,20000]`.

It measures the `generator` package Python imports, and the default site of the tree
that package is in; to measure a fixed commit while the repo is being edited, export it
and put it first on the path: `git archive HEAD | tar -x -C /tmp/snap &&
PYTHONPATH=/tmp/snap python bench/run.py` (every child process inherits the path).

For the repo's default site and synthetic corpora of the given sizes, measures side by
side: the generator alone (import and pipeline, in fresh processes), a full `mkdocs
build` with the plugin against the floor (plain MkDocs on the Markdown `litreview build`
writes, same theme, features and nav), peak memory of each build, the search index
against the raw titles and abstracts, and `mkdocs serve` latency from a topic edit.
Everything is built in temporary folders below /tmp, removed at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from configs import (
    FLOOR_CONFIG,
    effective_assets,
    floor_config,
    hand_written_nav,
    read_config,
    write_config,
)
from machine import code_line, machine_lines
from measure import (
    BIN,
    LOAD_SAMPLES,
    Run,
    generator_time,
    measured,
    median_run,
    mkdocs_build,
    warnings_in,
)
from report import SiteResult, TopicResult, index_parts_table, table, topics_table
from results_io import append_result, read_results
from searchindex import abstract_copies, index_size
from serve import EditPlan, ServeFailed, serve_latency
from synthetic_project import write_project
from vocabulary import Vocabulary, read_vocabulary

import generator
from generator.emit.nav import nav_structure
from generator.errors import Diagnostics
from generator.organize.review import Review
from generator.pipeline import load_review
from generator.project import Project

# The tree whose `generator` package is measured (its default site, its corpus).
REPO = Path(generator.__file__).resolve().parent.parent
DEFAULT_SIZES = (2000, 20000)
# Scaling in topics: topics of PER_TOPIC papers each over a corpus of TOPIC_PAPERS.
DEFAULT_TOPIC_SIZES = (1000, 10000)
TOPIC_PAPERS = 2000
PER_TOPIC = 4
BUILD_TIMEOUT_S = 3600.0  # per command; every loop and wait is bounded too


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default=",".join(map(str, DEFAULT_SIZES)),
        help="comma-separated corpus sizes in papers (default: %(default)s); '' for none",
    )  # fmt: skip
    parser.add_argument("--no-default", action="store_true", help="skip the repo's default site")
    parser.add_argument(
        "--runs", type=int, default=0,
        help="fresh processes timing the generator (default: 3 up to 5,000 papers, else 1)",
    )  # fmt: skip
    parser.add_argument(
        "--build-runs", type=int, default=0,
        help="builds of each kind per site, median taken (default: 3 up to 5,000 papers, else 1)",
    )  # fmt: skip
    parser.add_argument("--edits", type=int, default=3, help="topic edits while serving")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve latency")
    parser.add_argument(
        "--serve-max-papers", type=int, default=5000,
        help="measure serve latency on sites up to this many papers (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument(
        "--topic-sizes", default=",".join(map(str, DEFAULT_TOPIC_SIZES)),
        help=f"topic counts at {TOPIC_PAPERS:,} papers, {PER_TOPIC} papers a topic "
        "(default: %(default)s); '' for none",
    )  # fmt: skip
    parser.add_argument(
        "--serve-modes", default="plain,dirty",
        help="'plain' (mkdocs serve) and/or 'dirty' (mkdocs serve --dirty, as `make serve`)",
    )  # fmt: skip
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--save", type=Path, metavar="FILE",
        help="append each site's results to FILE (JSON lines) as soon as it is measured",
    )  # fmt: skip
    parser.add_argument(
        "--report", type=Path, metavar="FILE", help="print the tables of a --save file; no run"
    )
    return parser


def copy_default_site(target: Path) -> Path:
    """The repo's own site, copied: nothing is ever written into the repo."""
    target.mkdir(parents=True)
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("content", "templates"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, target / folder)
    return target


def review_of(root: Path) -> Review:
    return load_review(Project.at(root), Diagnostics())


def build_floor(root: Path, review: Review, work: Path) -> str:
    """Write the Markdown with `litreview build`, add docs_dir's pages, and write the
    floor's mkdocs.yml (no plugin, same theme, assets and nav). Returns its file name."""
    config = read_config(root / "mkdocs.yml")
    docs = work / "floor-docs"
    if docs.exists():
        shutil.rmtree(docs)
    command = [str(BIN / "litreview"), "-C", str(root), "build", "--out", str(docs),
               "--site-name", str(config["site_name"])]  # fmt: skip
    measured(command, root, BUILD_TIMEOUT_S)
    pages_dir = root / config.get("docs_dir", "docs")
    for page in sorted(p for p in pages_dir.rglob("*") if p.is_file()):
        target = docs / page.relative_to(pages_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(page, target)
    nav = nav_structure(review)
    listed = {path for entry in nav for path in entry.values() if isinstance(path, str)}
    nav += [e for e in hand_written_nav(pages_dir) if not set(e.values()) & listed]
    assets = effective_assets(root / "mkdocs.yml")
    write_config(root / FLOOR_CONFIG, floor_config(config, assets, docs.resolve(), nav))
    return FLOOR_CONFIG


def paired_builds(root: Path, floor_file: str, site: Path, runs: int, name: str) -> tuple[Run, Run]:
    """`runs` builds each of the floor and the plugin, taking turns in the order ABBA
    (so a machine that slows down or speeds up during the run weighs on both alike,
    which one first in every round would not: the second of each pair would always
    meet the slower machine); the plugin's last, leaving its site in `site`. Returns
    the medians, plugin first."""
    results: dict[str, list[Run]] = {"floor": [], "plugin": []}
    builds = (("floor", floor_file), ("plugin", "mkdocs.yml"))
    for number in range(1, runs + 1):
        # Rounds alternate which kind goes first; the last round ends with the plugin.
        for label, config in builds if (runs - number) % 2 == 0 else builds[::-1]:
            run = mkdocs_build(root, config, site, BUILD_TIMEOUT_S)
            log(f"[{name}] mkdocs build, {label} {number}/{runs}: {run.seconds:.1f} s, "
                f"{run.max_rss_mb:.0f} MB")  # fmt: skip
            results[label].append(run)
    return median_run(results["plugin"]), median_run(results["floor"])


def measure_site(name: str, root: Path, work: Path, args: argparse.Namespace) -> SiteResult:
    LOAD_SAMPLES.clear()
    review = review_of(root)
    papers, topics = len(review.papers), len(review.topics)
    runs = args.build_runs or (3 if papers <= 5000 else 1)
    generator_runs = args.runs or (3 if papers <= 5000 else 1)
    log(f"[{name}] {papers:,} papers, {topics} topics: generator alone x{generator_runs}")
    generator = generator_time(root, generator_runs, BUILD_TIMEOUT_S)
    log(f"[{name}] import {generator.import_s:.2f} s, pipeline {generator.pipeline_s:.2f} s")

    log(f"[{name}] floor: litreview build --out, then plain mkdocs build")
    floor_file = build_floor(root, review, work)
    site = work / "site"
    plugin, floor = paired_builds(root, floor_file, site, runs, name)
    index = index_size(site, root)
    copies = abstract_copies(site, root)
    shutil.rmtree(site)
    shutil.rmtree(work / "floor-docs")

    result = SiteResult(name, papers, topics, generator, plugin, floor, index, copies,
                        warnings_in(plugin.log))  # fmt: skip
    if not args.no_serve and papers <= args.serve_max_papers:
        for mode in args.serve_modes.split(","):
            measure_serve(result, mode, root, edit_plan(review_of(root)), work, args.edits)
    LOAD_SAMPLES.append(os.getloadavg()[0])
    result.max_load = max(LOAD_SAMPLES)
    return result


SERVE_ARGS = {"plain": (), "dirty": ("--dirty",)}


def edit_plan(review: Review) -> EditPlan:
    """The first sub-topic (else the first topic), and papers of other topics for it."""
    topic = next((t for _, t in review.walk() if t.parent), next(iter(review.topics.values())))
    own = set(topic.paper_keys())
    movable = []
    for other in review.topics.values():
        keys = [k for k in other.paper_keys() if k not in own and k in review.papers]
        if other.slug != topic.slug and len(keys) > 1:  # never empty a topic
            movable.append((keys[0], other.slug))
            own.add(keys[0])
    return EditPlan(topic.slug, movable)


def measure_serve(
    result: SiteResult, mode: str, root: Path, plan: EditPlan, work: Path, edits: int
) -> None:
    """Serve latency in one mode; a server killed by a signal (not by us) is retried."""
    name = result.name
    LOAD_SAMPLES.append(os.getloadavg()[0])
    log(f"[{name}] mkdocs serve {' '.join(SERVE_ARGS[mode])}: {edits} edits of '{plan.topic}'")
    for attempt in (1, 2, 3):
        try:
            latency = serve_latency(
                root, plan, edits,
                startup_timeout=max(120.0, 6 * result.plugin.seconds),
                edit_timeout=max(30.0, 4 * result.plugin.seconds),
                log=work / f"serve-{name}-{mode}.log", extra_args=SERVE_ARGS[mode],
            )  # fmt: skip
        except ServeFailed as exc:
            result.serve_errors[mode] = str(exc)
            log(f"[{name}] serve {mode} failed (attempt {attempt}): {exc}")
            if "exited (-" not in str(exc):  # only retry when killed by a signal
                return
            continue
        result.serve[mode] = latency
        result.serve_errors.pop(mode, None)
        log(f"[{name}] {mode}: served after {_seconds(latency.visible_s)}, "
            f"reloaded after {_seconds(latency.reloaded_s)}; "
            f"rebuilds took {_seconds(latency.rebuild_s)}")  # fmt: skip
        return


def _seconds(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values) + " s"


def measure_topics(count: int, work: Path, vocabulary: Vocabulary) -> TopicResult:
    """`litreview build --out` and `check` at `count` topics over TOPIC_PAPERS papers."""
    root = work / f"topics-{count}"
    write_project(root, TOPIC_PAPERS, vocabulary, REPO / "mkdocs.yml",
                  topics=count, per_topic=PER_TOPIC)  # fmt: skip
    out = work / f"topics-{count}-out"
    command = [str(BIN / "litreview"), "-q", "-C", str(root)]
    build = measured([*command, "build", "--out", str(out)], root, BUILD_TIMEOUT_S)
    log(f"[topics {count:,}] build --out: {build.seconds:.1f} s, {build.cpu_seconds:.1f} s CPU, "
        f"{build.max_rss_mb:.0f} MB")  # fmt: skip
    check = measured([*command, "check"], root, BUILD_TIMEOUT_S)
    shutil.rmtree(out)
    shutil.rmtree(root)
    return TopicResult(count, TOPIC_PAPERS, build, check)


def print_report(results: list[SiteResult], topics: list[TopicResult] | None = None) -> None:
    print("\n".join([*machine_lines(), code_line(REPO)]))
    print()
    print(table(results))
    if topics:
        print()
        print(topics_table(topics))
    print()
    print(index_parts_table(results))
    for result in results:
        for line in result.build_warnings[:5]:
            print(f"[{result.name}] build warning: {line}")
        for mode, error in result.serve_errors.items():
            print(f"[{result.name}] serve {mode} failed: {error.splitlines()[0]}")


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.report:
        if not args.report.is_file():
            message = f"run.py: --report {args.report}: no such file (--save writes one)"
            print(message, file=sys.stderr)
            return 2
        print_report(read_results(args.report))
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    # SIGTERM and SIGHUP stop the run like Ctrl-C: servers stopped, folders removed.
    signal.signal(signal.SIGTERM, _interrupted)
    signal.signal(signal.SIGHUP, _interrupted)
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="bench-", dir="/tmp"))
    log(f"working in {work}")
    results: list[SiteResult] = []
    topic_results: list[TopicResult] = []

    def done(result: SiteResult) -> None:
        results.append(result)
        if args.save:
            append_result(args.save, result)

    status = 0
    try:
        if not args.no_default:
            root = copy_default_site(work / "default")
            done(measure_site("default", root, work, args))
        vocabulary = read_vocabulary(REPO / "content" / "papers" / "corpus.bib")
        for size in sizes:
            begin = time.perf_counter()
            root = work / f"synthetic-{size}"
            write_project(root, size, vocabulary, REPO / "mkdocs.yml")
            log(f"[{size}] corpus generated in {time.perf_counter() - begin:.2f} s")
            done(measure_site(str(size), root, work, args))
            if not args.keep:
                shutil.rmtree(root)
        for count in [int(t.replace("_", "")) for t in args.topic_sizes.split(",") if t.strip()]:
            topic_results.append(measure_topics(count, work, vocabulary))
    except (subprocess.SubprocessError, RuntimeError, KeyboardInterrupt) as exc:
        log(f"benchmark stopped: {exc!r}")
        status = 1
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if results or topic_results:
        print_report(results, topic_results)
    print(f"\nwhole run: {time.perf_counter() - started:.0f} s")
    return status


if __name__ == "__main__":
    sys.exit(main())
