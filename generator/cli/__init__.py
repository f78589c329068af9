"""The ``litreview`` command: start, import, check and build without MkDocs, and curate topics.

Exit codes: 0 fine, 1 problems in the content, 2 a usage error. Every problem is
printed as ``path:line: severity: message``; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cli import curation, enrich, site, start
from generator.errors import Diagnostics, LitReviewError, UsageError
from generator.project import Project

if TYPE_CHECKING:
    from generator.enrich.http import Transport

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
    _talk_options(parser, default=0)
    # -q and -v may also follow the command (`litreview build -q ...`).
    talk = argparse.ArgumentParser(add_help=False)
    _talk_options(talk, default=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    start.register(commands, talk)
    site.register(commands, talk)
    curation.register(commands, talk)
    enrich.register(commands, talk)
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


def main(argv: Sequence[str] | None = None, transport: Transport | None = None) -> int:
    """Run one command; `transport` replaces the network for `enrich` (tests pass one)."""
    args = _parser().parse_args(argv)
    args.transport = transport
    root = args.project
    if not getattr(args, "creates_project", False) and not root.is_dir():
        print(f"litreview: error: project folder '{root}' does not exist", file=sys.stderr)
        return EXIT_USAGE
    diagnostics = Diagnostics()
    try:
        project = Project.configured(root, diagnostics)
        if args.verbosity >= 1 and root.is_dir():
            for shown, reason in project.skipped_files():
                print(f"skipped {shown}: {reason}", file=sys.stderr)
        return int(args.handler(project, args, diagnostics))
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


if __name__ == "__main__":
    sys.exit(main())
