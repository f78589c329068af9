"""The mkdocs.yml files of a benchmark: a synthetic project's, and the floor's.

The floor is the same site built by plain MkDocs from the Markdown `litreview build`
writes: same theme, features and Markdown extensions, the plugin's CSS, and the nav
the plugin would have built (topic tree, hand-written pages; no paper pages).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

PLUGIN = "litreview"
FLOOR_CONFIG = "mkdocs-floor.yml"


class _EnvLoader(yaml.SafeLoader):
    """A safe loader that reads MkDocs' `!ENV [NAME, default]` as its default."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if len(values) > 1 else None
    return None


_EnvLoader.add_constructor("!ENV", _env)


def read_config(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_EnvLoader)  # noqa: S506 (a SafeLoader subclass)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a mapping")
    return data


def write_config(path: Path, config: dict[str, Any]) -> None:
    text = yaml.safe_dump(_plain(config), sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(text, encoding="utf-8")


def _plain(data: Any) -> Any:
    """`data` with `str` subclasses (the nav's titles are `Markup`) as plain strings, which
    is what the YAML dumper can write; their text, already escaped, is kept as it is."""
    if isinstance(data, dict):
        return {_plain(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(item) for item in data]
    return str(data) if isinstance(data, str) else data


def synthetic_config(site_name: str, repo_config: dict[str, Any]) -> dict[str, Any]:
    """tests/fixtures/small/mkdocs.yml with the theme (features, palette) of the repo's."""
    return {
        "site_name": site_name,
        "site_url": "http://127.0.0.1:8000/",
        "docs_dir": "content/pages",
        "theme": repo_config["theme"],
        "plugins": ["search", PLUGIN],
        "validation": {
            "nav": {"omitted_files": "ignore"},
            "links": {"not_found": "warn", "anchors": "warn", "unrecognized_links": "warn"},
        },
    }


def _name(item: Any) -> str:
    return next(iter(item)) if isinstance(item, dict) else str(item)


def effective_assets(config_file: Path) -> dict[str, Any]:
    """The Markdown extensions, stylesheets and scripts of a project's config after every
    plugin's `on_config` ran: what the litreview plugin adds, read from the plugin itself
    so the floor follows it when it changes."""
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    config = config.plugins.on_config(config)
    extensions = [
        {name: config.mdx_configs[name]} if config.mdx_configs.get(name) else name
        for name in config.markdown_extensions
    ]
    scripts: list[Any] = []
    for script in config.extra_javascript:
        extra = {
            key: value
            for key, value in (
                ("type", getattr(script, "type", "")),
                ("async", getattr(script, "async_", False)),
                ("defer", getattr(script, "defer", False)),
            )
            if value
        }
        scripts.append({"path": str(script), **extra} if extra else str(script))
    return {
        "markdown_extensions": extensions,
        "extra_css": [str(css) for css in config.extra_css],
        "extra_javascript": scripts,
    }


def floor_config(
    config: dict[str, Any], assets: dict[str, Any], docs_dir: Path, nav: list[Any]
) -> dict[str, Any]:
    """The project's config without the plugin, with what the plugin adds made explicit."""
    floor = dict(config)
    floor["docs_dir"] = str(docs_dir)
    floor["plugins"] = [p for p in config.get("plugins", []) if _name(p) != PLUGIN]
    floor.update(assets)
    floor["nav"] = nav
    return floor


def hand_written_nav(docs_dir: Path) -> list[dict[str, str]]:
    """The nav entries the plugin appends for the pages in docs_dir (its `_title_of`)."""
    pages = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    return [{Path(uri).stem.replace("-", " ").replace("_", " ").capitalize(): uri} for uri in pages]
