"""`litreview enrich`: fill authors, years, ids and venues from arXiv and Crossref."""

from __future__ import annotations

import argparse
import os
import sys

from generator.cli.output import print_problems, progress, say
from generator.errors import Diagnostics, summary_line
from generator.project import Project

EXIT_OK, EXIT_CONTENT = 0, 1


def register(commands: argparse._SubParsersAction, talk: argparse.ArgumentParser) -> None:
    enr = commands.add_parser(
        "enrich", parents=[talk], help="fill authors, years, ids and venues from arXiv and Crossref"
    )
    enr.add_argument("keys", nargs="*", metavar="KEY", help="papers to enrich (default: all)")
    enr.add_argument(
        "--only-missing", action="store_true",
        help="only papers lacking authors, a year or an arXiv id/DOI; fill, never refresh",
    )  # fmt: skip
    enr.add_argument("--dry-run", action="store_true", help="report, but write nothing")
    enr.add_argument(
        "--mailto", metavar="ADDR", default=os.environ.get("LITREVIEW_MAILTO"),
        help="your e-mail address, sent to Crossref as its etiquette asks "
        "(default: $LITREVIEW_MAILTO)",
    )  # fmt: skip
    enr.set_defaults(handler=run_enrich)


def run_enrich(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    from generator.enrich.apply import EnrichOptions, enrich_store
    from generator.enrich.http import urllib_transport
    from generator.enrich.sources import Sources

    # Tests pass recorded responses as `transport` (generator.cli.main); users, the network.
    sources = Sources(getattr(args, "transport", None) or urllib_transport, mailto=args.mailto)
    options = EnrichOptions(keys=args.keys, only_missing=args.only_missing, dry_run=args.dry_run)
    report = enrich_store(project, sources, diagnostics, options, progress=progress(args))
    if sources.offline:
        print(f"enrich: {sources.why_offline()}: nothing changed", file=sys.stderr)
        return EXIT_CONTENT
    print_problems(diagnostics, args)
    for service, why in sources.down.items():
        print(f"enrich: {service} {why}; later papers were not looked up there", file=sys.stderr)
    for key, changes in report.changed.items():
        for change in changes:
            was = f" (was {change.old!r})" if change.old else ""
            say(args, f"{key}: {change.field} from {change.source}{was}", 0 if args.dry_run else 1)
    for key in report.not_found:
        say(args, f"{key}: not found on arXiv or Crossref", level=1)
    done = f"; wrote {', '.join(report.written)}" if report.written else "; wrote nothing"
    say(args, f"enrich: {report.summary()}{done}; {summary_line(diagnostics.problems)}")
    return EXIT_CONTENT if sources.down else EXIT_OK
