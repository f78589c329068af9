"""YAML loading that remembers where every value came from.

PyYAML's constructors drop positions and silently keep the last of two equal keys.
We compose the node graph with the safe loader and build plain Python values
ourselves: mappings become `YMap` (a dict that knows the line of each key) and
sequences `YList` (a list that knows the line of each item). Duplicate keys, alias
cycles and alias bombs become located problems instead of surprises.
"""

from __future__ import annotations

from typing import Any

import yaml

from generator.codes import Code
from generator.errors import Diagnostics, Location
from generator.load.nesting import MAX_DEPTH

# An alias bomb expands a few lines into billions of nodes; real topic files have
# a few thousand. Past this many constructed values we stop and report.
MAX_VALUES = 200_000


class YMap(dict[Any, Any]):
    """A mapping with the location of the mapping and of each of its keys."""

    location: Location
    key_locations: dict[Any, Location]

    def where(self, key: Any) -> Location:
        return self.key_locations.get(key, self.location)


class YList(list[Any]):
    """A sequence with the location of the sequence and of each item."""

    location: Location
    item_locations: list[Location]

    def where(self, index: int) -> Location:
        if 0 <= index < len(self.item_locations):
            return self.item_locations[index]
        return self.location


def where(value: Any, fallback: Location) -> Location:
    return getattr(value, "location", fallback)


# libyaml's parser when PyYAML was built with it (about ten times faster); it gives
# the same nodes and marks as the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Builder:
    def __init__(
        self, path: str, loader: yaml.SafeLoader | yaml.CSafeLoader, diagnostics: Diagnostics
    ) -> None:
        self.path = path
        self.loader = loader
        self.diagnostics = diagnostics
        self.count = 0
        self.depth = 0
        self.active: set[int] = set()

    def at(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    def build(self, node: yaml.Node) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _TooLarge(self.at(node))
        if id(node) in self.active:
            raise _Recursive(self.at(node))
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise _TooDeep(self.at(node))
            # Aliases make the node graph shared; a node inside itself is a cycle.
            self.active.add(id(node))
            try:
                if isinstance(node, yaml.MappingNode):
                    return self._mapping(node)
                return self._sequence(node)
            finally:
                self.active.discard(id(node))
                self.depth -= 1
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode) -> YMap:
        self.loader.flatten_mapping(node)  # resolves YAML merge keys (<<)
        result = YMap()
        result.location = self.at(node)
        result.key_locations = {}
        for key_node, value_node in node.value:
            key = self.build(key_node)
            if not isinstance(key, str | int | float | bool) and key is not None:
                self.diagnostics.error(
                    Code.YAML_COMPLEX_KEY, "mapping keys must be plain values", self.at(key_node)
                )
                continue
            if key in result:
                first = result.key_locations[key]
                self.diagnostics.error(
                    Code.YAML_DUPLICATE_KEY,
                    f"duplicate key '{key}' (first defined on line {first.line})",
                    self.at(key_node),
                )
                continue
            result.key_locations[key] = self.at(key_node)
            result[key] = self.build(value_node)
        return result

    def _sequence(self, node: yaml.SequenceNode) -> YList:
        result = YList()
        result.location = self.at(node)
        result.item_locations = []
        for item in node.value:
            result.item_locations.append(self.at(item))
            result.append(self.build(item))
        return result


class _TooLarge(Exception):
    def __init__(self, location: Location) -> None:
        self.location = location


class _TooDeep(Exception):
    def __init__(self, location: Location) -> None:
        self.location = location


class _Recursive(Exception):
    def __init__(self, location: Location) -> None:
        self.location = location


def load_yaml(text: str, path: str, diagnostics: Diagnostics) -> tuple[bool, Any]:
    """Parse one YAML document. Returns (ok, value); problems go to `diagnostics`."""
    text = text.removeprefix("\ufeff")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return True, None
        return True, _Builder(path, loader, diagnostics).build(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        location = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            problem = f"{exc.context}: {exc.problem}"
        diagnostics.error(Code.YAML_SYNTAX, f"YAML syntax error: {problem}", location)
    except yaml.YAMLError as exc:
        diagnostics.error(Code.YAML_SYNTAX, f"YAML error: {exc}", Location(path))
    except _TooLarge as exc:
        diagnostics.error(
            Code.YAML_TOO_LARGE,
            f"YAML document expands to more than {MAX_VALUES} values (alias bomb?)",
            exc.location,
        )
    except _TooDeep as exc:
        diagnostics.error(
            Code.YAML_TOO_LARGE, f"YAML nests deeper than {MAX_DEPTH} levels here", exc.location
        )
    except _Recursive as exc:
        diagnostics.error(Code.YAML_TOO_LARGE, "recursive YAML alias", exc.location)
    except RecursionError:
        diagnostics.error(Code.YAML_TOO_LARGE, "YAML nesting is too deep", Location(path))
    finally:
        loader.dispose()
    return False, None
