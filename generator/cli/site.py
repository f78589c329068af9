"""The commands that read and write a whole project: import, check, build."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from generator.cli.output import print_problems, progress, say
from generator.errors import Diagnostics, UsageError, summary_line
from generator.load.sources import FORMATS
from generator.pipeline import build_pages, load_review
from generator.project import Project
from generator.render.public_fields import export_fields
from generator.render.references import STYLES
from generator.render.renderer import RenderOptions
from generator.store.bibfile import write_atomically
from generator.store.importer import import_files

EXIT_OK, EXIT_CONTENT = 0, 1


def register(commands: argparse._SubParsersAction, talk: argparse.ArgumentParser) -> None:
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
    imp.add_argument(
        "--prune", action="store_true",
        help="remove stored papers their source file no longer has (unless a topic lists them)",
    )  # fmt: skip
    imp.set_defaults(handler=run_import)

    chk = commands.add_parser("check", parents=[talk], help="check the store and the topics")
    chk.add_argument("--strict", action="store_true", help="fail on warnings too")
    chk.add_argument("--json", action="store_true", help="print a machine-readable report")
    chk.set_defaults(handler=run_check)

    bld = commands.add_parser("build", parents=[talk], help="write the generated Markdown tree")
    bld.add_argument("--out", type=Path, required=True, metavar="DIR")
    bld.add_argument("--strict", action="store_true", help="fail on warnings too")
    bld.add_argument("--site-name", help="default: site_name in mkdocs.yml")
    bld.add_argument(
        "--excerpt", choices=("contribution", "lead"), help="default: the plugin's option"
    )
    bld.add_argument("--citation-style", choices=STYLES, help="default: the plugin's option")
    bld.add_argument(
        "--export-fields", type=_names, metavar="F,G,...",
        help="the BibTeX fields downloads and pages show (default: the bibliographic ones)",
    )  # fmt: skip
    bld.add_argument(
        "--extra-export-fields", type=_names, default=[], metavar="F,G,...",
        help="fields to show besides those, e.g. keywords (private fields never leave unasked)",
    )  # fmt: skip
    bld.add_argument(
        "--mkdocs-config", type=Path, metavar="FILE",
        help="also write a mkdocs.yml that builds DIR without the plugin (MkDocs, Zensical)",
    )  # fmt: skip
    bld.set_defaults(handler=run_build)


def _names(text: str) -> list[str]:
    """A comma-separated list of field names."""
    return [name.strip() for name in text.split(",") if name.strip()]


def run_import(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    into = project.papers_dir / "library.bib"
    if args.into:
        # A store file lives in the project, so a relative --into is read from there
        # (as with `-C`), and only a .bib directly in the store folder is ever read back.
        into = (args.into if args.into.is_absolute() else project.root / args.into).resolve()
        if into.suffix != ".bib" or into.parent != project.papers_dir.resolve():
            shown = project.display(project.papers_dir)
            raise UsageError(f"--into must name a .bib file in {shown}/, not '{args.into}'")
    report = import_files(
        project, list(args.files), into, diagnostics,
        strict=args.strict, encoding=args.encoding, forced_format=args.format,
        dry_run=args.dry_run, prune=args.prune, progress=progress(args),
    )  # fmt: skip
    print_problems(diagnostics, args)
    for line in report.renamed:
        say(args, f"key changed: {line}")
    for line in report.made:
        say(args, f"key made: {line}", level=1)
    for repair in report.repairs:
        say(args, f"restored: {repair}" if repair.after else f"debris: {repair}", level=1)
    for line in report.merges:
        say(args, f"merged: {line}", level=1)
    for key, names in report.updated.items():
        say(args, f"updated: {key} ({', '.join(names)})", level=1)
    for key in report.pruned:
        say(args, f"removed: {key} (no longer in its source)")
    for shown in report.written:
        say(args, f"wrote {shown}", level=1)
    written = f"; wrote {', '.join(report.written)}" if report.written else "; wrote nothing"
    say(args, f"{report.summary()}{written}; {summary_line(diagnostics.problems)}")
    return EXIT_OK


def run_check(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    from generator.emit.nav import site_nav

    review = load_review(project, diagnostics)
    settings = project.settings
    if settings.has_plugin:  # judge the nav as `mkdocs build` will
        site_nav(
            settings.nav, review, diagnostics, enabled=bool(settings.option("nav", True)),
            config_name=settings.path.name if settings.path else "mkdocs.yml",
        )  # fmt: skip
    failed = bool(diagnostics.errors) or (args.strict and bool(diagnostics.warnings))
    if args.json:
        report = {
            "papers": len(review.papers),
            "topics": len(review.topics),
            "unplaced": review.unplaced,
            "errors": [p.as_json() for p in diagnostics.errors],
            "warnings": [p.as_json() for p in diagnostics.warnings],
            "notes": [p.as_json() for p in diagnostics.notes],
            "ok": not failed,
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_problems(diagnostics, args)
        print(
            f"{len(review.papers)} papers, {len(review.topics)} topics, "
            f"{len(review.unplaced)} papers in no topic; {summary_line(diagnostics.problems)}"
        )
    return EXIT_CONTENT if failed else EXIT_OK


def run_build(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    from generator.emit.assets import asset_files
    from generator.emit.directory import write_tree
    from generator.emit.mkdocs_config import standalone_config, writable_config

    settings = project.settings
    options = RenderOptions(
        site_name=args.site_name or settings.site_name,
        excerpt_mode=args.excerpt or settings.option("excerpt", "contribution"),
        citation_style=args.citation_style or settings.option("citation_style", "unsrt"),
        home=str(settings.option("home", "index.md")),
        unsorted_page=bool(settings.option("unsorted_page", True)),
        export_fields=export_fields(
            args.export_fields or settings.option("export_fields", None),
            args.extra_export_fields or settings.option("extra_export_fields", ()),
        ),
    )
    build = build_pages(project, options, diagnostics, strict=args.strict, progress=progress(args))
    config = None
    if args.mkdocs_config:
        target = writable_config(args.mkdocs_config)
        config = standalone_config(build.review, args.out, target, options.site_name)
    files = [*((p.path, p.data) for p in build.pages), *build.files]
    for stale in write_tree(args.out, [*files, *asset_files()], project):
        say(args, f"removed {stale.name}, left by a build that was stopped", level=1)
    if config is not None:
        write_atomically(args.mkdocs_config.resolve(), config)
    print_problems(diagnostics, args)
    summary = summary_line(diagnostics.problems)
    say(args, f"wrote {len(build.pages)} pages to {args.out}; {summary}")
    return EXIT_OK
