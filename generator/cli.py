"""The ``litreview`` command: import, check and build without MkDocs, and edit topics.

Exit codes: 0 fine, 1 problems in the content, 2 a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from tqdm import tqdm

from generator.edit import EditResult, UsageError, add_paper, move_paper, new_topic
from generator.errors import Diagnostics, LitReviewError, summary_line
from generator.load.sources import FORMATS
from generator.pipeline import asset_files, build_pages, load_review
from generator.progress import Progress, silent
from generator.project import Project
from generator.render.pages import Content, RenderOptions
from generator.render.references import STYLES
from generator.store.bibfile import write_atomically
from generator.store.importer import import_files

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
T = TypeVar("T")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="litreview",
        description="Build a literature-review site from a paper store and topic files.",
    )
    parser.add_argument(
        "-C", "--project", type=Path, default=Path("."), metavar="DIR",
        help="the project folder (holding content/ and templates/); default: here",
    )  # fmt: skip
    _talk_options(parser, default=0)
    # -q and -v may also follow the command (`litreview build -q ...`).
    talk = argparse.ArgumentParser(add_help=False)
    _talk_options(talk, default=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    imp = commands.add_parser(
        "import", parents=[talk], help="import BibTeX, CSL-JSON, RIS, YAML lists or dumps"
    )
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument(
        "--into", type=Path, default=None, metavar="PATH",
        help="the store file new papers go to (default: content/papers/library.bib)",
    )  # fmt: skip
    imp.add_argument("--strict", action="store_true", help="refuse the import on any warning")
    imp.add_argument("--encoding", default="utf-8", help="the input files' encoding")
    imp.add_argument(
        "--format", choices=FORMATS,
        help="the input format (default: detected from the content)",
    )  # fmt: skip
    imp.add_argument("--dry-run", action="store_true", help="report, but write nothing")

    chk = commands.add_parser("check", parents=[talk], help="check the store and the topics")
    chk.add_argument("--strict", action="store_true", help="fail on warnings too")
    chk.add_argument("--json", action="store_true", help="print a machine-readable report")

    bld = commands.add_parser("build", parents=[talk], help="write the generated Markdown tree")
    bld.add_argument("--out", type=Path, required=True, metavar="DIR")
    bld.add_argument("--strict", action="store_true", help="fail on warnings too")
    bld.add_argument("--site-name", default="Literature review")
    bld.add_argument("--excerpt", choices=("contribution", "lead"), default="contribution")
    bld.add_argument("--citation-style", choices=STYLES, default="unsrt")
    bld.add_argument(
        "--mkdocs-config", type=Path, metavar="FILE",
        help="also write a mkdocs.yml that builds DIR without the plugin (MkDocs, Zensical)",
    )  # fmt: skip
    sug = commands.add_parser(
        "suggest", parents=[talk], help="rank the topics papers most likely belong to"
    )
    sug.add_argument("keys", nargs="*", metavar="KEY", help="papers to place (default: unplaced)")
    sug.add_argument("--topic", metavar="SLUG", help="re-check the papers of this topic")
    sug.add_argument("--top", type=int, default=3, help="topics to list per paper (default: 3)")
    sug.add_argument("--yaml", action="store_true", help="print papers: blocks to paste")
    _edit_commands(commands, talk)
    return parser


def _talk_options(parser: argparse.ArgumentParser, default: object) -> None:
    talk = parser.add_mutually_exclusive_group()
    talk.add_argument(
        "-q", "--quiet", dest="verbosity", action="store_const", const=-1, default=default,
        help="print errors only; no progress bars",
    )  # fmt: skip
    talk.add_argument(
        "-v", "--verbose", dest="verbosity", action="store_const", const=1, default=default,
        help="also list every merge and every file written",
    )  # fmt: skip


def _edit_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], talk: argparse.ArgumentParser
) -> None:
    add = commands.add_parser("add", parents=[talk], help="add a stored paper to a topic's papers")
    add.add_argument("key", metavar="KEY", help="the paper's key in the store")
    add.add_argument("topic", metavar="TOPIC", help="the topic's slug")

    move = commands.add_parser(
        "move", parents=[talk], help="move a paper from one topic to another"
    )
    move.add_argument("key", metavar="KEY", help="the paper's key in the store")
    move.add_argument("source", metavar="FROM", help="the topic it leaves")
    move.add_argument("target", metavar="TO", help="the topic whose papers it joins")

    new = commands.add_parser("new-topic", parents=[talk], help="create a topic file")
    new.add_argument("slug", metavar="SLUG", help="the new topic's slug (its file name)")
    new.add_argument("--parent", metavar="P", help="the parent topic's slug")
    new.add_argument("--title", metavar="T", help="the title (default: from the slug)")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = args.project
    if not root.is_dir():
        print(f"litreview: error: project folder '{root}' does not exist", file=sys.stderr)
        return EXIT_USAGE
    project = Project.at(root)
    diagnostics = Diagnostics()
    handlers = {
        "import": _import, "check": _check, "build": _build, "suggest": _suggest,
        "add": _add, "move": _move, "new-topic": _new_topic,
    }  # fmt: skip
    try:
        return handlers[args.command](project, args, diagnostics)
    except UsageError as exc:
        print(exc.report(), file=sys.stderr)
        return EXIT_USAGE
    except LitReviewError as exc:
        print(exc.report(), file=sys.stderr)
        return EXIT_CONTENT
    except OSError as exc:
        # A file we could not read or write (permissions, a full disk): say which.
        where = f" '{exc.filename}'" if exc.filename else ""
        print(f"litreview: error:{where} {exc.strerror or exc}", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print("litreview: interrupted; nothing was written", file=sys.stderr)
        return EXIT_CONTENT


def _print_problems(diagnostics: Diagnostics, args: argparse.Namespace) -> None:
    shown = diagnostics.errors if args.verbosity < 0 else diagnostics.problems
    for problem in shown:
        print(problem, file=sys.stderr)


def _say(args: argparse.Namespace, text: str, level: int = 0) -> None:
    """Print a progress or summary line at `level` (0: normally, 1: with --verbose)."""
    if args.verbosity >= level:
        print(text)


def _progress(args: argparse.Namespace) -> Progress:
    """A tqdm bar on a terminal (tqdm turns itself off when stderr is not one)."""
    if args.verbosity < 0:
        return silent

    def bar(items: Iterable[T], label: str, total: int | None = None) -> Iterable[T]:
        return tqdm(items, desc=label, total=total, disable=None, leave=False, file=sys.stderr)

    return bar


def _import(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    into = args.into or project.papers_dir / "library.bib"
    if into.suffix != ".bib":
        print("litreview: error: --into must name a .bib file", file=sys.stderr)
        return EXIT_USAGE
    report = import_files(
        project, list(args.files), into.resolve() if args.into else into, diagnostics,
        strict=args.strict, encoding=args.encoding, forced_format=args.format,
        dry_run=args.dry_run, progress=_progress(args),
    )  # fmt: skip
    _print_problems(diagnostics, args)
    for repair in report.repairs:
        _say(args, f"restored: {repair}" if repair.after else f"debris: {repair}", level=1)
    for line in report.merges:
        _say(args, f"merged: {line}", level=1)
    for shown in report.written:
        _say(args, f"wrote {shown}", level=1)
    written = f"; wrote {', '.join(report.written)}" if report.written else "; wrote nothing"
    _say(args, f"{report.summary()}{written}; {summary_line(diagnostics.problems)}")
    return EXIT_OK


def _add(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    return _edited(add_paper(project, args.key, args.topic, diagnostics), diagnostics, args)


def _move(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    result = move_paper(project, args.key, args.source, args.target, diagnostics)
    return _edited(result, diagnostics, args)


def _new_topic(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    result = new_topic(project, args.slug, args.parent, args.title, diagnostics)
    return _edited(result, diagnostics, args)


def _edited(result: EditResult, diagnostics: Diagnostics, args: argparse.Namespace) -> int:
    _print_problems(diagnostics, args)
    _say(args, result.message)
    for shown in result.written:
        _say(args, f"wrote {shown}")
    return EXIT_OK


def _check(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    from generator.text.lint import check_debris

    review = load_review(project, diagnostics)
    for paper in review.papers.values():
        if paper.provisional_title:
            diagnostics.warning(f"paper '{paper.key}' has a provisional title", paper.location)
    check_debris(review.papers.values(), project.root, diagnostics)
    failed = bool(diagnostics.errors) or (args.strict and bool(diagnostics.warnings))
    if args.json:
        report = {
            "papers": len(review.papers),
            "topics": len(review.topics),
            "unplaced": review.unplaced,
            "errors": [p.as_json() for p in diagnostics.errors],
            "warnings": [p.as_json() for p in diagnostics.warnings],
            "ok": not failed,
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        _print_problems(diagnostics, args)
        print(
            f"{len(review.papers)} papers, {len(review.topics)} topics, "
            f"{len(review.unplaced)} papers in no topic; {summary_line(diagnostics.problems)}"
        )
    return EXIT_CONTENT if failed else EXIT_OK


def _suggest(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    from generator.organize.suggest import as_yaml_snippets, suggest

    review = load_review(project, diagnostics)
    diagnostics.raise_if_errors()
    if args.topic:
        if args.topic not in review.topics:
            raise UsageError(f"unknown topic '{args.topic}'")
        keys = list(review.topics[args.topic].paper_keys())
    else:
        keys = list(args.keys) or review.unplaced
    unknown = [k for k in keys if k not in review.papers]
    if unknown:
        raise UsageError(f"unknown paper key '{unknown[0]}'")
    suggestions = suggest(review, keys, top=max(1, args.top))
    if args.yaml:
        print(as_yaml_snippets(review, suggestions), end="")
    else:
        for item in suggestions:
            ranked = ", ".join(f"{slug} ({score:.2f})" for slug, score in item.ranked)
            print(f"{item.key} → {ranked or 'no topic with papers yet'}")
    if not keys:
        print("every paper is in a topic; name papers or --topic to re-check them", file=sys.stderr)
    return EXIT_OK


def _build(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    from generator.emit.directory import write_tree

    options = RenderOptions(
        site_name=args.site_name, excerpt_mode=args.excerpt, citation_style=args.citation_style
    )
    build = build_pages(project, options, diagnostics, strict=args.strict, progress=_progress(args))
    files: list[tuple[str, Content]] = [(p.path, p.text.encode("utf-8")) for p in build.pages]
    files += [*build.downloads, *asset_files()]
    config = None
    if args.mkdocs_config:
        from generator.emit.mkdocs_config import CONFIG_MARK, standalone_config

        target = args.mkdocs_config.resolve()
        if target.exists() and not target.read_text(encoding="utf-8").startswith(CONFIG_MARK):
            raise UsageError(
                f"refusing to overwrite '{args.mkdocs_config}': litreview did not write it"
            )
        config = standalone_config(build.review, args.out, target, args.site_name)
    write_tree(args.out, files, project)
    if config is not None:
        write_atomically(args.mkdocs_config.resolve(), config)
    _print_problems(diagnostics, args)
    _say(
        args, f"wrote {len(build.pages)} pages to {args.out}; {summary_line(diagnostics.problems)}"
    )
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
