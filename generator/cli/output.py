"""What the command line prints: problems, summary lines, progress bars."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import TypeVar

from tqdm import tqdm

from generator.errors import Diagnostics
from generator.progress import Progress, silent

T = TypeVar("T")


def print_problems(diagnostics: Diagnostics, args: argparse.Namespace) -> None:
    shown = diagnostics.errors if args.verbosity < 0 else diagnostics.problems
    for problem in shown:
        print(problem, file=sys.stderr)


def say(args: argparse.Namespace, text: str, level: int = 0) -> None:
    """Print a progress or summary line at `level` (0: normally, 1: with --verbose)."""
    if args.verbosity >= level:
        print(text)


def progress(args: argparse.Namespace) -> Progress:
    """A tqdm bar on a terminal (tqdm turns itself off when stderr is not one)."""
    if args.verbosity < 0:
        return silent

    def bar(items: Iterable[T], label: str, total: int | None = None) -> Iterable[T]:
        return tqdm(items, desc=label, total=total, disable=None, leave=False, file=sys.stderr)

    return bar
