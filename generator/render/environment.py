"""The Jinja environment pages are rendered with, and the filters it gives templates.

Templates come from the user's template folder first, then the shipped defaults,
so any one of them can be overridden. The environment escapes on purpose:
autoescape is on, undefined names fail, corpus text goes through the ``tex``
filter (inert in Markdown and HTML alike) and curator prose through ``cite.md``.
Corpus text is only ever a value in a template, never a template itself.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from typing import Any

import yaml
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.render import records
from generator.render.excerpt import excerpt
from generator.render.markdown_text import markdown_to_text
from generator.render.provenance import public_source
from generator.render.texhtml import escape, tex_to_html, tex_to_html_with_links
from generator.text.latex import plain_text


def default_templates_dir() -> Path:
    """The shipped templates: inside the installed package, or the repo's folder."""
    packaged = Path(__file__).resolve().parent.parent / "_templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "templates"


def make_environment(user_dir: Path | None) -> Environment:
    dirs = [default_templates_dir()]
    if user_dir is not None and user_dir.is_dir() and user_dir.resolve() != dirs[0].resolve():
        dirs.insert(0, user_dir)
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in dirs]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["tex"] = tex_to_html
    env.filters["tex_links"] = tex_to_html_with_links
    env.filters["plain"] = plain_text
    env.filters["esc"] = lambda s: Markup(escape(str(s)))  # noqa: S704 (escaped: every special char)
    env.filters["names"] = display_names
    env.filters["short_authors"] = records.short_authors
    env.filters["full_authors"] = records.full_authors
    env.filters["venue"] = records.venue
    env.filters["lead"] = summary_lead
    env.filters["basename"] = posixpath.basename
    env.globals["byline"] = records.byline
    env.globals["external_links"] = records.external_links
    env.filters["source"] = public_source
    return env


# Front-matter values the theme prints into HTML as they are: Material writes
# ``page.meta.title`` into ``<title>`` and the header, and ``page.meta.description``
# into a ``content="…"`` attribute, all without escaping.
HTML_META = frozenset({"title", "description"})


def front_matter(**fields: Any) -> Markup:
    """YAML front matter written by a YAML writer: no title can break out of it. The
    values the theme prints raw are HTML-escaped text (quotes too), so a title full of
    markup shows as written in ``<title>``, the header and meta tags."""
    fields = {
        name: html.escape(value) if name in HTML_META and isinstance(value, str) else value
        for name, value in fields.items()
    }
    # libyaml's emitter, where PyYAML has it: the same text, ten times faster.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    body = yaml.dump(fields, Dumper=dumper, allow_unicode=True, sort_keys=True, width=1000)
    return Markup(f"---\n{body}---\n")  # noqa: S704 (safe_dump quotes whatever needs it)


def display_names(names: tuple[str, ...], limit: int = 8) -> str:
    """BibTeX names ("Last, First") as a reader writes them ("First Last")."""
    shown = [records.person_name(n) for n in names[:limit]]
    if len(names) > limit:
        shown.append("et al.")
    return ", ".join(shown)


def summary_lead(summary: str, limit: int = 280) -> str:
    """The first sentences of a summary's first paragraph, citations removed."""
    first = markdown_to_text(summary).split("\n\n")[0]
    first = re.sub(r"\s+([.,;:])", r"\1", first)
    return excerpt(first, mode="lead", limit=limit)
