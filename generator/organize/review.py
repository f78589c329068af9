"""The whole-corpus view: which papers are in which topics, the topic tree, and
every cross-file check (unknown keys, missing parents, cycles, unplaced papers).

Nothing here knows about pages or MkDocs; render walks the `Review` it returns.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import numpy as np

from generator.cache import Cache
from generator.codes import Code
from generator.errors import Diagnostics, Location
from generator.model import HandPage, Paper, Section, Topic, TopicEntry
from generator.organize.citations import citation_lines, locate
from generator.organize.containers import container_phrase, inherit, split_containers
from generator.organize.debris import note_debris
from generator.organize.similarity import TextModel
from generator.text.nearest import did_you_mean


@dataclass(frozen=True)
class Membership:
    """A paper's place in one topic: the topic, its entry there, and its section."""

    topic: Topic
    entry: TopicEntry
    section: Section | None


@dataclass
class Review:
    papers: dict[str, Paper]
    topics: dict[str, Topic]
    children: dict[str | None, list[str]] = field(default_factory=dict)
    memberships: dict[str, list[Membership]] = field(default_factory=dict)
    cache: Cache = field(default_factory=Cache, repr=False, compare=False)
    # Other keys papers answer to (BibLaTeX `ids`): alias -> key.
    aliases: dict[str, str] = field(default_factory=dict)
    # Proceedings and books that papers cross-reference: stored, but not papers.
    containers: dict[str, Paper] = field(default_factory=dict)

    def resolve(self, key: str) -> str | None:
        """The stored key a cited or listed key names: itself, or the paper it is an alias of."""
        if key in self.papers:
            return key
        return self.aliases.get(key)

    @property
    def unplaced(self) -> list[str]:
        return [key for key in self.papers if not self.memberships.get(key)]

    def walk(self, parent: str | None = None, depth: int = 0) -> Iterator[tuple[int, Topic]]:
        """Topics in hierarchy order (parents before children, siblings by order)."""
        for slug in self.children.get(parent, []):
            yield depth, self.topics[slug]
            yield from self.walk(slug, depth + 1)

    def ancestors(self, topic: Topic) -> list[Topic]:
        chain: list[Topic] = []
        current = topic.parent
        while current and current in self.topics and len(chain) < len(self.topics):
            chain.append(self.topics[current])
            current = self.topics[current].parent
        return list(reversed(chain))

    def forget_model(self) -> None:
        """Let go of the text model and what was computed with it (a one-off build
        that has made its pages: at 20,000 papers, tens of MB)."""
        for name in ("text_model", "related", "_topic_centroids"):
            self.__dict__.pop(name, None)

    @cached_property
    def text_model(self) -> TextModel:
        """The similarity model, fitted on first use and once per build."""
        return TextModel.fit(self.papers.values(), self.cache)

    @cached_property
    def related(self) -> dict[str, list[tuple[str, float]]]:
        """Each paper's most similar papers by title and abstract."""
        return self.text_model.related()

    def related_topics(self, topic: Topic, limit: int = 3) -> list[Topic]:
        """Topics sharing the most papers with `topic`, then the closest by text;
        its own parent, children and see_also topics are listed elsewhere on the page.
        Shared papers are counted through each paper's memberships, not by comparing
        every pair of topics, so a build stays linear in the number of topics."""
        skip = {topic.slug, topic.parent, *self.children.get(topic.slug, [])}
        skip |= {slug for slug, _ in topic.see_also}
        shared: dict[str, int] = {}
        for key in set(topic.paper_keys()):
            for membership in self.memberships.get(key, []):
                shared[membership.topic.slug] = shared.get(membership.topic.slug, 0) + 1
        ranked = sorted(
            (-count, self.topics[slug].title.casefold(), slug)
            for slug, count in shared.items()
            if slug not in skip
        )
        chosen = [slug for *_, slug in ranked[:limit]]
        if len(chosen) < limit:
            for slug, _ in self._topic_similarity(topic.slug, limit + len(skip) + len(chosen)):
                if slug not in skip and slug not in chosen:
                    chosen.append(slug)
                if len(chosen) == limit:
                    break
        return [self.topics[slug] for slug in chosen]

    @cached_property
    def _topic_centroids(self) -> tuple[dict[str, int], Any]:
        groups = {slug: t.paper_keys() for slug, t in self.topics.items()}
        names, centroids = self.text_model.centroids(groups)
        return {name: i for i, name in enumerate(names)}, centroids

    def _topic_similarity(self, slug: str, count: int) -> list[tuple[str, float]]:
        """The `count` topics closest to `slug` by the cosine of their centroids, best
        first (ties by slug)."""
        rows, centroids = self._topic_centroids
        if slug not in rows:
            return []
        names = list(rows)
        scores = (centroids @ centroids[rows[slug]].T).toarray().ravel()
        scores[rows[slug]] = -np.inf
        if count < len(names):
            # The count-th best score, and every topic tied with it, for a stable order.
            cut = np.partition(-scores, count - 1)[count - 1]
            candidates = np.flatnonzero(-scores <= cut)
        else:
            candidates = np.arange(len(names))
        ranked = sorted(candidates.tolist(), key=lambda i: (-float(scores[i]), names[i]))
        return [(names[i], float(scores[i])) for i in ranked[:count] if names[i] != slug]

    def subtree_keys(self, slug: str) -> set[str]:
        keys = set(self.topics[slug].paper_keys())
        for child in self.children.get(slug, []):
            keys |= self.subtree_keys(child)
        return keys


def organize(
    papers: list[Paper],
    topics: list[Topic],
    diagnostics: Diagnostics,
    cache: Cache | None = None,
    pages: list[HandPage] | None = None,
    home: str = "index.md",
) -> Review:
    papers, containers = split_containers(papers)
    papers = inherit(papers, papers + containers)
    review = Review(
        papers={p.key: p for p in sorted(papers, key=lambda p: p.key)},
        containers={p.key: p for p in sorted(containers, key=lambda p: p.key)},
        topics={t.slug: t for t in sorted(topics, key=lambda t: t.slug)},
        cache=Cache() if cache is None else cache,
    )
    for paper in review.papers.values():
        for alias in paper.aliases:
            if alias not in review.papers:
                review.aliases.setdefault(alias, paper.key)
    if review.aliases:
        review.topics = {slug: _resolve_aliases(t, review) for slug, t in review.topics.items()}
    _check_parents(review, diagnostics)
    _check_redirects(review, diagnostics)
    _build_tree(review)
    for topic in review.topics.values():
        _place_papers(review, topic, diagnostics)
        _check_see_also(review, topic, diagnostics)
        _check_citations(review, topic, diagnostics)
        if not topic.all_entries() and not review.children.get(topic.slug):
            diagnostics.warning(
                Code.EMPTY_TOPIC,
                f"topic '{topic.slug}' has no papers and no sub-topics",
                topic.location,
            )
        for index, section in enumerate(topic.sections):
            if not section.entries:
                diagnostics.warning(
                    Code.EMPTY_SECTION,
                    f"section '{section.title}' (sections[{index}]) of topic '{topic.slug}' "
                    "has no papers; its page would show a bare heading",
                    section.location,
                    subject=topic.slug,
                )
    for page in pages or []:
        _check_keys(review, page.text, page.location, diagnostics)
    _check_hand_pages(review, pages or [], home, diagnostics)
    note_debris(review.papers.values(), diagnostics, review.cache)
    for paper in review.papers.values():
        if paper.provisional_title:
            diagnostics.warning(
                Code.PROVISIONAL_TITLE,
                f"paper '{paper.key}' has a provisional title (made from its abstract)",
                paper.location,
                subject=paper.key,
            )
    for key in review.unplaced:
        diagnostics.warning(
            Code.UNPLACED_PAPER,
            f"paper '{key}' is in no topic",
            review.papers[key].location,
            subject=key,
        )
    return review


def _check_parents(review: Review, diagnostics: Diagnostics) -> None:
    slugs = list(review.topics)
    for topic in review.topics.values():
        if topic.parent and topic.parent not in review.topics:
            hint = did_you_mean(topic.parent, slugs)
            diagnostics.error(
                Code.UNKNOWN_PARENT,
                f"topic '{topic.slug}' has unknown parent '{topic.parent}'{hint}",
                topic.parent_location or topic.location,
            )
    reported: set[str] = set()
    for topic in review.topics.values():
        chain = [topic.slug]
        current = topic.parent
        while current in review.topics and current not in chain:
            chain.append(current)
            current = review.topics[current].parent
        if current == topic.slug and topic.slug not in reported:
            reported.update(chain)
            cycle = " → ".join([*chain, topic.slug])
            diagnostics.error(
                Code.TOPIC_CYCLE, f"topic hierarchy has a cycle: {cycle}", topic.parent_location
            )


def _check_redirects(review: Review, diagnostics: Diagnostics) -> None:
    """An old slug may redirect to one topic only, and never shadow a live topic."""
    claimed: dict[str, str] = {}
    for topic in review.topics.values():
        for old, where in topic.redirect_from:
            if old in review.topics:
                diagnostics.error(
                    Code.REDIRECT_CONFLICT,
                    f"redirect_from '{old}' of topic '{topic.slug}' is a live topic's slug",
                    where,
                )
            elif old in claimed:
                both = f"'{claimed[old]}' and '{topic.slug}'"
                diagnostics.error(
                    Code.REDIRECT_CONFLICT,
                    f"redirect_from '{old}' is claimed by topics {both}",
                    where,
                )
            else:
                claimed[old] = topic.slug


def _build_tree(review: Review) -> None:
    def parent_of(topic: Topic) -> str | None:
        # Topics whose parent is missing or in a cycle are shown at the top level, so the
        # rest of the site still builds while the user fixes the reported error.
        seen = {topic.slug}
        current = topic.parent
        while current in review.topics and current not in seen:
            seen.add(current)
            current = review.topics[current].parent
        return topic.parent if topic.parent in review.topics and current is None else None

    for topic in review.topics.values():
        review.children.setdefault(parent_of(topic), []).append(topic.slug)
    for slugs in review.children.values():
        slugs.sort(key=lambda s: (review.topics[s].order, review.topics[s].title.casefold(), s))


def _check_hand_pages(
    review: Review, pages: list[HandPage], home: str, diagnostics: Diagnostics
) -> None:
    """A hand-written page where a generated one would go wins, and says so."""
    generated = {
        home: "the review's home page (set the plugin's `home` option to move it)",
        "papers/index.md": "the list of all papers",
        "unsorted/index.md": "the list of unsorted papers",
        "authors/index.md": "the list of authors",
        "years/index.md": "the years",
    }
    # (A hand-written about.md simply replaces the generated About page: that is what it is for.)
    generated |= {f"topics/{slug}/index.md": f"topic '{slug}'" for slug in review.topics}
    generated |= {f"papers/{p.slug}/index.md": f"paper '{p.key}'" for p in review.papers.values()}
    for page in pages:
        if page.uri in generated:
            diagnostics.warning(
                Code.PAGE_REPLACED,
                f"this page is written by hand, so the generated page for "
                f"{generated[page.uri]} is not built",
                Location(page.location.path),
                subject=page.uri,
            )


def _resolve_aliases(topic: Topic, review: Review) -> Topic:
    """The topic with entries that name a paper by an alias naming it by its key."""

    def resolved(entries: tuple[TopicEntry, ...]) -> tuple[TopicEntry, ...]:
        return tuple(replace(e, key=review.resolve(e.key) or e.key) for e in entries)

    sections = tuple(replace(s, entries=resolved(s.entries)) for s in topic.sections)
    return replace(topic, entries=resolved(topic.entries), sections=sections)


def _place_papers(review: Review, topic: Topic, diagnostics: Diagnostics) -> None:
    seen: dict[str, Location] = {}
    keys = list(review.papers)
    lists = [("papers", None, topic.entries)] + [
        (f"sections[{i}].papers", s, s.entries) for i, s in enumerate(topic.sections)
    ]
    for path, section, entries in lists:
        for index, entry in enumerate(entries):
            if entry.key not in review.papers:
                container = review.containers.get(entry.key)
                diagnostics.error(
                    Code.UNKNOWN_PAPER_KEY,
                    f"'{entry.key}' in {path}[{index}] of topic '{topic.slug}' is "
                    f"{container_phrase(container)}; list the papers in it instead"
                    if container is not None
                    else f"unknown paper key '{entry.key}' in {path}[{index}] of topic "
                    f"'{topic.slug}'{did_you_mean(entry.key, keys)}",
                    entry.location,
                )
                continue
            if entry.key in seen:
                diagnostics.warning(
                    Code.PAPER_LISTED_TWICE,
                    f"paper '{entry.key}' is listed twice in topic '{topic.slug}' "
                    f"(first on line {seen[entry.key].line}); the second is ignored",
                    entry.location,
                )
                continue
            seen[entry.key] = entry.location
            review.memberships.setdefault(entry.key, []).append(Membership(topic, entry, section))
        _check_text_citations(review, topic, entries, diagnostics)


def _check_see_also(review: Review, topic: Topic, diagnostics: Diagnostics) -> None:
    for slug, where in topic.see_also:
        if slug not in review.topics:
            diagnostics.error(
                Code.UNKNOWN_TOPIC,
                f"see_also names unknown topic '{slug}'{did_you_mean(slug, list(review.topics))}",
                where,
            )


def _check_citations(review: Review, topic: Topic, diagnostics: Diagnostics) -> None:
    texts = [(topic.summary, topic.summary_location)]
    texts += [(s.summary, s.location) for s in topic.sections]
    for text, where in texts:
        _check_keys(review, text, where, diagnostics)


def _check_text_citations(
    review: Review, topic: Topic, entries: tuple[TopicEntry, ...], diagnostics: Diagnostics
) -> None:
    for entry in entries:
        if entry.note:
            _check_keys(review, entry.note, entry.location, diagnostics)


def _check_keys(
    review: Review, text: str, where: Location | None, diagnostics: Diagnostics
) -> None:
    keys = list(review.papers)
    found = review.cache.get("citation-lines", text, lambda: citation_lines(text))
    for citation in locate(text, found, where):
        for key in citation.keys:
            if review.resolve(key) is None:
                diagnostics.error(
                    Code.UNKNOWN_CITATION,
                    f"citation of unknown paper '@{key}'{did_you_mean(key, keys)}",
                    citation.location,
                )
