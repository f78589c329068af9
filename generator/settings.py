"""The site settings the command line shares with `mkdocs build`: read from mkdocs.yml.

`litreview check` and `litreview build` must judge and render a project exactly as
the MkDocs plugin does, so they read the same mkdocs.yml: the site name, the docs
folder (hand-written pages, which may cite papers) and the litreview plugin's
options. MkDocs' own YAML tags (``!ENV``, ``!relative``, Python names used by
Markdown extensions) are read without running anything.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.codes import Code
from generator.errors import Diagnostics, Location

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
DEFAULT_SITE_NAME = "Literature review"


@dataclass(frozen=True)
class Settings:
    """What mkdocs.yml says that litreview needs; defaults where there is no mkdocs.yml."""

    site_name: str = DEFAULT_SITE_NAME
    site_author: str = ""
    docs_dir: str = "docs"
    plugin: dict[str, Any] = field(default_factory=dict)
    has_plugin: bool = False
    nav: list | None = None
    path: Path | None = None

    def option(self, name: str, default: Any) -> Any:
        value = self.plugin.get(name, default)
        return default if value is None else value


class _Loader(yaml.SafeLoader):
    """A safe loader that reads MkDocs' tags as plain values instead of refusing them."""


def _env(loader: _Loader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = items[:-1], items[-1] if len(items) > 1 else None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return default


def _other(loader: _Loader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", _other)


def read_settings(root: Path, diagnostics: Diagnostics) -> Settings:
    """The settings of the project at `root` (defaults when it has no mkdocs.yml)."""
    path = next((root / name for name in CONFIG_NAMES if (root / name).is_file()), None)
    if path is None:
        return Settings()
    shown = path.name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (safe)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        diagnostics.error(Code.SETTINGS, f"cannot read {shown}: {exc}", Location(shown))
        return Settings(path=path)
    if not isinstance(data, dict):
        diagnostics.error(Code.SETTINGS, f"{shown} is not a mapping of settings", Location(shown))
        return Settings(path=path)
    plugin, has_plugin = _plugin_options(data.get("plugins"))
    return Settings(
        site_name=str(data.get("site_name") or DEFAULT_SITE_NAME),
        site_author=str(data.get("site_author") or ""),
        docs_dir=str(data.get("docs_dir") or "docs"),
        plugin=plugin,
        has_plugin=has_plugin,
        nav=data.get("nav") if isinstance(data.get("nav"), list) else None,
        path=path,
    )


def _plugin_options(plugins: Any) -> tuple[dict[str, Any], bool]:
    """The litreview plugin's options in a ``plugins`` list or mapping."""
    items = plugins.items() if isinstance(plugins, dict) else plugins or []
    for item in items:
        if item == "litreview":
            return {}, True
        if isinstance(item, tuple) and item[0] == "litreview":
            return (item[1] if isinstance(item[1], dict) else {}), True
        if isinstance(item, dict) and "litreview" in item:
            options = item["litreview"]
            return (options if isinstance(options, dict) else {}), True
    return {}, False
