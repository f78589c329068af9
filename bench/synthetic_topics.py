"""A synthetic topic tree over synthetic papers, written as topic YAML files.

Shape, after the default review: two levels (`parent`), every paper in one or two
topics, topics of more than 25 papers split into `sections`, a summary of about 150
words citing a few of the topic's papers, notes on some entries, some `see_also`.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field

from synthetic_text import TextMaker, unique_slug

PAPERS_PER_TOPIC = 20
MIN_TOPICS, MAX_TOPICS = 30, 300
SECOND_TOPIC_SHARE = 0.2  # papers listed in two topics
SECTION_THRESHOLD = 25  # topics with more papers than this get sections
NOTE_SHARE = 0.15  # entries with a note
SEE_ALSO_SHARE = 0.3


@dataclass
class SyntheticTopic:
    slug: str
    title: str
    parent: str | None
    order: int
    keys: list[str] = field(default_factory=list)
    summary: str = ""
    sections: list[tuple[str, str, list[str]]] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    see_also: list[str] = field(default_factory=list)

    def yaml(self) -> str:
        out = [f"title: {_quoted(self.title)}"]
        if self.parent:
            out.append(f"parent: {_plain(self.parent)}")
        out.append(f"order: {self.order}")
        out.append("summary: |")
        for index, paragraph in enumerate(self.summary.split("\n\n")):
            out += ([""] if index else []) + [f"  {paragraph}"]
        if self.sections:
            out.append("sections:")
            for title, summary, keys in self.sections:
                out.append(f"  - title: {_quoted(title)}")
                out.append(f"    summary: {_quoted(summary)}")
                out.append("    papers:")
                out += self._entries(keys, "      ")
        else:
            out.append("papers:")
            out += self._entries(self.keys, "  ")
        if self.see_also:
            out.append(f"see_also: [{', '.join(_plain(s) for s in self.see_also)}]")
        return "\n".join(out) + "\n"

    def _entries(self, keys: list[str], indent: str) -> list[str]:
        lines = []
        for key in keys:
            if key in self.notes:
                lines.append(f"{indent}- key: {_plain(key)}")
                lines.append(f"{indent}  note: {_quoted(self.notes[key])}")
            else:
                lines.append(f"{indent}- {_plain(key)}")
        return lines


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def _plain(slug: str) -> str:
    """A slug unquoted, as curators write them, unless YAML would read it as a number,
    a boolean, null or a date (a one-word or digit-led slug)."""
    return slug if "-" in slug and not slug[0].isdigit() else _quoted(slug)


def topic_count(papers: int) -> int:
    return min(MAX_TOPICS, max(MIN_TOPICS, round(papers / PAPERS_PER_TOPIC)))


def make_topics(
    keys: list[str], text: TextMaker, rng: random.Random, count: int = 0, per_topic: int = 0
) -> list[SyntheticTopic]:
    """The topic tree of a corpus; `count` topics of `per_topic` papers each when given
    (to measure scaling in topics at a fixed corpus), else the default's shape."""
    count = count or topic_count(len(keys))
    parents = max(5, round(count / 6))
    taken: set[str] = set()
    topics: list[SyntheticTopic] = []
    for index in range(count):
        title = text.title(2, 5)
        parent = None if index < parents else topics[rng.randrange(parents)].slug
        topics.append(SyntheticTopic(unique_slug(title, taken, words=4), title, parent, index))
    # Top-level topics mostly hold sub-topics, so they get fewer papers of their own.
    weights = [rng.uniform(0.4, 1.6) * (0.4 if t.parent is None else 1.0) for t in topics]
    for topic in topics if per_topic else []:
        topic.keys.extend(rng.sample(keys, min(per_topic, len(keys))))
    for key in keys if not per_topic else []:
        first = rng.choices(range(count), weights)[0]
        topics[first].keys.append(key)
        if rng.random() < SECOND_TOPIC_SHARE:
            second = rng.choices(range(count), weights)[0]
            if second != first:
                topics[second].keys.append(key)
    for topic in topics:
        if not topic.keys:
            topic.keys.append(rng.choice(keys))
        _write_prose(topic, text, rng)
        if rng.random() < SEE_ALSO_SHARE:
            others = [t.slug for t in rng.sample(topics, 3) if t.slug != topic.slug]
            topic.see_also = others[: rng.randint(1, 2)]
    return topics


def _write_prose(topic: SyntheticTopic, text: TextMaker, rng: random.Random) -> None:
    words = rng.randint(130, 170)
    first = rng.randint(words // 3, 2 * words // 3)
    topic.summary = "\n\n".join(
        text.cited_paragraph(n, topic.keys, rng.randint(1, 3)) for n in (first, words - first)
    )
    for key in topic.keys:
        if rng.random() < NOTE_SHARE:
            cites = 1 if rng.random() < 0.3 else 0
            topic.notes[key] = text.cited_paragraph(rng.randint(15, 35), topic.keys, cites)
    if len(topic.keys) > SECTION_THRESHOLD:
        start = 0
        while start < len(topic.keys):
            end = start + rng.randint(10, 20)
            if len(topic.keys) - end < 5:
                end = len(topic.keys)
            keys = topic.keys[start:end]
            summary = text.cited_paragraph(rng.randint(12, 25), keys, int(rng.random() < 0.3))
            topic.sections.append((text.title(2, 6), summary, keys))
            start = end
