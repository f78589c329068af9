"""The commands that curate topics: add, remove, move, new-topic, rename-topic, list, suggest."""

from __future__ import annotations

import argparse
import sys

from generator.cli.output import print_problems, say
from generator.curate.commands import (
    EditResult,
    add_papers,
    move_paper,
    new_topic,
    remove_papers,
    rename_topic,
)
from generator.errors import Diagnostics, UsageError
from generator.pipeline import load_review
from generator.project import Project
from generator.text.nearest import did_you_mean

EXIT_OK = 0


def register(commands: argparse._SubParsersAction, talk: argparse.ArgumentParser) -> None:
    add = commands.add_parser("add", parents=[talk], help="add stored papers to a topic's papers")
    add.add_argument("topic", metavar="TOPIC", help="the topic's slug")
    add.add_argument("keys", nargs="+", metavar="KEY", help="paper keys ('-': read from stdin)")
    add.set_defaults(handler=run_add)

    rem = commands.add_parser("remove", parents=[talk], help="take papers out of a topic")
    rem.add_argument("topic", metavar="TOPIC", help="the topic's slug")
    rem.add_argument("keys", nargs="+", metavar="KEY", help="paper keys ('-': read from stdin)")
    rem.set_defaults(handler=run_remove)

    move = commands.add_parser(
        "move", parents=[talk], help="move a paper from one topic to another"
    )
    move.add_argument("key", metavar="KEY", help="the paper's key in the store")
    move.add_argument("source", metavar="FROM", help="the topic it leaves")
    move.add_argument("target", metavar="TO", help="the topic whose papers it joins")
    move.set_defaults(handler=run_move)

    new = commands.add_parser("new-topic", parents=[talk], help="create a topic file")
    new.add_argument("slug", metavar="SLUG", help="the new topic's slug (its file name)")
    new.add_argument("--parent", metavar="P", help="the parent topic's slug")
    new.add_argument("--title", metavar="T", help="the title (default: from the slug)")
    new.set_defaults(handler=run_new_topic)

    ren = commands.add_parser(
        "rename-topic", parents=[talk], help="give a topic a new slug; its old URL redirects"
    )
    ren.add_argument("old", metavar="OLD")
    ren.add_argument("new", metavar="NEW")
    ren.set_defaults(handler=run_rename_topic)

    lst = commands.add_parser("list", parents=[talk], help="list stored papers and their topics")
    lst.add_argument("--unplaced", action="store_true", help="only papers in no topic")
    lst.add_argument("--topic", metavar="SLUG", help="only the papers of this topic")
    lst.add_argument(
        "--search", nargs="+", metavar="WORD", help="only papers whose key, title, authors or "
        "abstract hold every word",
    )  # fmt: skip
    lst.add_argument("--keys", action="store_true", help="print keys only, one per line")
    lst.set_defaults(handler=run_list)

    sug = commands.add_parser(
        "suggest", parents=[talk], help="rank the topics papers most likely belong to"
    )
    sug.add_argument("keys", nargs="*", metavar="KEY", help="papers to place (default: unplaced)")
    sug.add_argument("--topic", metavar="SLUG", help="re-check the papers of this topic")
    sug.add_argument("--top", type=int, default=3, help="topics to list per paper (default: 3)")
    sug.add_argument(
        "--min-score", type=float, default=0.0, metavar="S",
        help="leave out topics scoring below S (0 to 1)",
    )  # fmt: skip
    sug.add_argument("--yaml", action="store_true", help="print papers: blocks to paste")
    sug.add_argument(
        "--apply", action="store_true",
        help="add each paper to its best topic scoring at least --min-score",
    )  # fmt: skip
    sug.set_defaults(handler=run_suggest)


def _keys(args: argparse.Namespace) -> list[str]:
    """The keys named, with '-' standing for keys read from stdin (one or more a line)."""
    keys: list[str] = []
    for key in args.keys:
        keys.extend(sys.stdin.read().split() if key == "-" else [key])
    return keys


def run_add(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    return _edited(add_papers(project, args.topic, _keys(args), diagnostics), diagnostics, args)


def run_remove(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    result = remove_papers(project, args.topic, _keys(args), diagnostics)
    return _edited(result, diagnostics, args)


def run_move(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    result = move_paper(project, args.key, args.source, args.target, diagnostics)
    return _edited(result, diagnostics, args)


def run_new_topic(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    result = new_topic(project, args.slug, args.parent, args.title, diagnostics)
    return _edited(result, diagnostics, args)


def run_rename_topic(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    return _edited(rename_topic(project, args.old, args.new, diagnostics), diagnostics, args)


def _edited(result: EditResult, diagnostics: Diagnostics, args: argparse.Namespace) -> int:
    print_problems(diagnostics, args)
    say(args, result.message)
    for shown in result.written:
        say(args, f"wrote {shown}")
    return EXIT_OK


def run_list(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    from generator.organize.listing import list_papers

    review = load_review(project, diagnostics)
    diagnostics.raise_if_errors()
    if args.topic and args.topic not in review.topics:
        raise UsageError(f"unknown topic '{args.topic}'{did_you_mean(args.topic, review.topics)}")
    rows = list_papers(review, unplaced=args.unplaced, topic=args.topic, words=args.search or [])
    for row in rows:
        print(row.key if args.keys else row.line())
    if not args.keys:
        print(f"{len(rows)} of {len(review.papers)} papers", file=sys.stderr)
    return EXIT_OK


def run_suggest(project: Project, args: argparse.Namespace, diagnostics: Diagnostics) -> int:
    from generator.organize.suggest import as_yaml_snippets, best_topics, suggest

    review = load_review(project, diagnostics)
    diagnostics.raise_if_errors()
    if args.topic:
        if args.topic not in review.topics:
            raise UsageError(
                f"unknown topic '{args.topic}'{did_you_mean(args.topic, review.topics)}"
            )
        keys = list(review.topics[args.topic].paper_keys())
    else:
        keys = list(args.keys) or review.unplaced
    unknown = [k for k in keys if k not in review.papers]
    if unknown:
        lines = [f"unknown paper key '{k}'{did_you_mean(k, review.papers)}" for k in unknown]
        raise UsageError("\n".join(lines))
    suggestions = suggest(review, keys, top=max(1, args.top), min_score=args.min_score)
    if args.apply:
        for topic, chosen in best_topics(suggestions).items():
            _edited(add_papers(project, topic, chosen, diagnostics), diagnostics, args)
        left = [s.key for s in suggestions if not s.ranked]
        if left:
            say(args, f"{len(left)} papers had no topic scoring at least {args.min_score:g}")
    elif args.yaml:
        print(as_yaml_snippets(review, suggestions), end="")
    else:
        for item in suggestions:
            ranked = ", ".join(f"{slug} ({score:.2f})" for slug, score in item.ranked)
            print(f"{item.key} → {ranked or 'no topic scores high enough'}")
    if not keys:
        print("every paper is in a topic; name papers or --topic to re-check them", file=sys.stderr)
    return EXIT_OK
