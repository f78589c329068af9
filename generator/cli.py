"""The ``litreview`` command: import, check and build without MkDocs.

Exit codes: 0 fine, 1 problems in the content, 2 a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.errors import Diagnostics, LitReviewError, summary_line
from generator.pipeline import asset_files, build_pages, load_review
from generator.project import Project
from generator.render.pages import RenderOptions
from generator.store.importer import import_files

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="litreview",
        description="Build a literature-review site from a paper store and topic files.",
    )
    parser.add_argument(
        "-C", "--project", type=Path, default=Path("."), metavar="DIR",
        help="the project folder (holding content/ and templates/); default: here",
    )  # fmt: skip
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    imp = commands.add_parser("import", help="import BibTeX files or paper dumps into the store")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument(
        "--into", type=Path, default=None, metavar="PATH",
        help="the store file new papers go to (default: content/papers/library.bib)",
    )  # fmt: skip
    imp.add_argument("--strict", action="store_true", help="refuse the import on any warning")
    imp.add_argument("--encoding", default="utf-8", help="the input files' encoding")
    imp.add_argument(
        "--format", choices=("bibtex", "abstract-lines", "listing", "metadata"),
        help="the input format (default: detected from the content)",
    )  # fmt: skip
    imp.add_argument("--dry-run", action="store_true", help="report, but write nothing")

    chk = commands.add_parser("check", help="check the store and the topics")
    chk.add_argument("--strict", action="store_true", help="fail on warnings too")
    chk.add_argument("--json", action="store_true", help="print a machine-readable report")

    bld = commands.add_parser("build", help="write the generated Markdown tree")
    bld.add_argument("--out", type=Path, required=True, metavar="DIR")
    bld.add_argument("--strict", action="store_true", help="fail on warnings too")
    bld.add_argument("--site-name", default="Literature review")
    bld.add_argument("--excerpt", choices=("contribution", "lead"), default="contribution")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = args.project
    if not root.is_dir():
        print(f"litreview: error: project folder '{root}' does not exist", file=sys.stderr)
        return EXIT_USAGE
    project = Project.at(root)
    diagnostics = Diagnostics()
    try:
        if args.command == "import":
            return _import(project, args, diagnostics)
        if args.command == "check":
            return _check(project, args, diagnostics)
        return _build(project, args, diagnostics)
    except LitReviewError as exc:
        print(exc.report(), file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print("litreview: interrupted; nothing was written", file=sys.stderr)
        return EXIT_CONTENT


def _print_problems(diagnostics: Diagnostics) -> None:
    for problem in diagnostics:
        print(problem, file=sys.stderr)


def _import(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    into = args.into or project.papers_dir / "library.bib"
    if into.suffix != ".bib":
        print("litreview: error: --into must name a .bib file", file=sys.stderr)
        return EXIT_USAGE
    report = import_files(
        project, list(args.files), into.resolve() if args.into else into, diagnostics,
        strict=args.strict, encoding=args.encoding, forced_format=args.format,
        dry_run=args.dry_run,
    )  # fmt: skip
    _print_problems(diagnostics)
    for line in report.merges:
        print(f"merged: {line}")
    print(report.summary())
    for shown in report.written:
        print(f"wrote {shown}")
    print(summary_line(diagnostics.problems), file=sys.stderr)
    return EXIT_OK


def _check(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    review = load_review(project, diagnostics)
    for paper in review.papers.values():
        if paper.provisional_title:
            diagnostics.warning(f"paper '{paper.key}' has a provisional title", paper.location)
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
        _print_problems(diagnostics)
        print(
            f"{len(review.papers)} papers, {len(review.topics)} topics, "
            f"{len(review.unplaced)} papers in no topic; {summary_line(diagnostics.problems)}"
        )
    return EXIT_CONTENT if failed else EXIT_OK


def _build(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    from generator.emit.directory import write_tree

    options = RenderOptions(site_name=args.site_name, excerpt_mode=args.excerpt)
    build = build_pages(project, options, diagnostics, strict=args.strict)
    files = [(page.path, page.text.encode("utf-8")) for page in build.pages]
    files += asset_files()
    write_tree(args.out, files, project)
    _print_problems(diagnostics)
    print(f"wrote {len(build.pages)} pages to {args.out}; {summary_line(diagnostics.problems)}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
