"""`litreview init DIR`: a new review that builds and serves as it is.

It writes mkdocs.yml, the content folders (the docs folder for pages of one's own
among them), a first topic and a .gitignore, and refuses a folder that holds anything
already: it never overwrites.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.cli.output import say
from generator.curate.yamltext import quoted
from generator.emit.mkdocs_config import starter_config
from generator.errors import Diagnostics, UsageError
from generator.project import Project
from generator.store.bibfile import write_atomically

EXIT_OK = 0
FIRST_TOPIC = """\
title: Reading list
summary: |
  The papers to read first. Add papers with `litreview add reading-list KEY...`
  (`litreview list --search WORDS` finds keys), start more topics with
  `litreview new-topic SLUG`, and let `litreview suggest` propose where the rest go.
papers: []
"""
SOURCES_README = """\
Keep the files you import here (a Zotero or Better BibTeX export, a JabRef library,
CSL-JSON, RIS or a YAML paper list), and re-run `litreview import content/sources/FILE`
whenever the export changes: the store in content/papers/ is brought in line.
"""
GITIGNORE = "site/\n.venv/\n__pycache__/\n.cache/\n"


def register(commands: argparse._SubParsersAction, talk: argparse.ArgumentParser) -> None:
    init = commands.add_parser("init", parents=[talk], help="start a new review in DIR")
    init.add_argument("dir", type=Path, metavar="DIR", help="the new project's folder")
    init.add_argument("--title", default="My literature review", help="the site's name")
    init.add_argument("--author", default="", help="who curates it (site_author)")
    init.set_defaults(handler=run_init, creates_project=True)


def run_init(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    root: Path = args.dir
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise UsageError(f"'{root}' exists and is not an empty folder; nothing was written")
    files = {
        "mkdocs.yml": starter_config(args.title, args.author),
        "content/topics/reading-list.yaml": FIRST_TOPIC,
        # MkDocs needs the docs folder to exist; git keeps no empty folder.
        "content/pages/.gitkeep": "",
        "content/sources/README.md": SOURCES_README,
        ".gitignore": GITIGNORE,
    }
    for name, text in files.items():
        write_atomically(root / name, text)
    (root / "content/papers").mkdir(parents=True, exist_ok=True)
    say(args, f"started a review in {root} ({quoted(args.title)})")
    say(args, f"next: cd {root} && litreview import ~/library.bib && mkdocs serve")
    return EXIT_OK
