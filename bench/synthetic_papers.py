"""Synthetic papers shaped like the default store's entries, and their BibTeX."""

from __future__ import annotations

import random
from dataclasses import dataclass

from synthetic_text import TextMaker, unique_slug

SOURCE_FILES = (
    "content/sources/000_a7a85a8ad47f24b6.txt",
    "content/sources/001_b359d69eb2f19940.txt",
    "content/sources/002_dbc30cdf6c3606d2.txt",
    "content/sources/003_24668c759a1afdd8.txt",
)
MERGED_SHARE = 0.02  # entries merged from two sources
BIBLIOGRAPHIC_SHARE = 0.04  # entries with author, year and an arXiv id
SURNAMES = ("Kaplan", "Hoffmann", "Borgeaud", "Nguyen", "Zhang", "Müller", "Rossi", "Okafor",
            "Silva", "Tanaka", "Dubois", "Kowalski", "Ivanova", "Haddad", "Chen")  # fmt: skip
GIVEN = ("Jared", "Ana", "Wei", "Lena", "Tomás", "Priya", "Sam", "Yuki", "Omar", "Ines")


@dataclass(frozen=True)
class SyntheticPaper:
    key: str
    title: str
    abstract: str
    sources: str
    authors: str = ""
    year: str = ""
    eprint: str = ""

    def bibtex(self) -> str:
        """The entry as `generator.store.bibfile.format_entry` writes it."""
        lines = [f"@misc{{{self.key},"]
        if self.authors:
            lines.append(f"  author = {{{self.authors}}},")
        lines.append(f"  title = {{{self.title}}},")
        if self.year:
            lines.append(f"  year = {{{self.year}}},")
        if self.eprint:
            lines.append(f"  eprint = {{{self.eprint}}},")
            lines.append("  archiveprefix = {arXiv},")
        lines.append(f"  abstract = {{{self.abstract}}},")
        lines.append(f"  litreview-sources = {{{self.sources}}},")
        lines.append("}")
        return "\n".join(lines) + "\n"


def make_papers(count: int, text: TextMaker, rng: random.Random) -> list[SyntheticPaper]:
    taken: set[str] = set()
    papers = []
    lines = dict.fromkeys(SOURCE_FILES, 1)
    for _ in range(count):
        title = text.title()
        key = unique_slug(title, taken)
        sources = []
        for _ in range(2 if rng.random() < MERGED_SHARE else 1):
            name = rng.choice(SOURCE_FILES)
            lines[name] += rng.randint(2, 6)
            sources.append(f"{name}:{lines[name]}")
        extra: dict[str, str] = {}
        if rng.random() < BIBLIOGRAPHIC_SHARE:
            year = rng.randint(2017, 2025)
            extra = {
                "authors": " and ".join(
                    f"{rng.choice(SURNAMES)}, {rng.choice(GIVEN)}" for _ in range(rng.randint(1, 6))
                ),
                "year": str(year),
                "eprint": f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(1, 29999):05d}",
            }
        papers.append(
            SyntheticPaper(
                key=key,
                title=title,
                abstract=text.abstract(),
                sources="; ".join(sorted(set(sources))),
                **extra,
            )
        )
    return sorted(papers, key=lambda p: p.key)
