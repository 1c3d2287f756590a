"""A YAML loader for untrusted config files: PyYAML's SafeLoader with limits.

A config may come from a pull request, so parsing it must be cheap and must fail cleanly: the
composed node graph is bounded (aliases may not expand past ``MAX_NODES``, no recursive aliases),
nesting is bounded (PyYAML composes recursively), scalars and integers are bounded, and duplicate
or unhashable mapping keys are refused. Merge keys (``<<: *defaults``) work as YAML defines them.
Every problem is a ``YamlLimitError`` naming the line.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_DEPTH = 32
MAX_NODES = 20_000
MAX_SCALAR = 10_000
MAX_INT_DIGITS = 30
MERGE_TAG = "tag:yaml.org,2002:merge"


class YamlLimitError(Exception):
    """The text is YAML, but not one this tool accepts (a limit, a duplicate key, an unhashable key)."""

    def __init__(self, message: str, node: Node | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = node.start_mark.line + 1 if node is not None else line


def _expanded_size(root: Node) -> int:
    """How many nodes the document has once every alias is expanded; refuses a recursive alias."""
    sizes: dict[int, int] = {}
    active: set[int] = set()
    # an explicit stack: the depth is already bounded, but recursion here would still cost frames
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            active.discard(key)
            children = _children(node)
            sizes[key] = min(MAX_NODES + 1, 1 + sum(sizes[id(child)] for child in children))
            continue
        if key in sizes:
            continue
        if key in active:
            msg = "a recursive alias (an anchor used inside itself)"
            raise YamlLimitError(msg, node)
        active.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in active:
                msg = "a recursive alias (an anchor used inside itself)"
                raise YamlLimitError(msg, child)
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)]


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [item for pair in node.value for item in pair]
    return []


class LimitedLoader(yaml.SafeLoader):
    """SafeLoader with the limits above; use through ``load_yaml``."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                msg = f"nested more than {MAX_DEPTH} levels deep"
                raise YamlLimitError(msg, None)
            node: Node | None = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if isinstance(node, ScalarNode) and len(node.value) > MAX_SCALAR:
            msg = f"a value of {len(node.value)} characters (at most {MAX_SCALAR})"
            raise YamlLimitError(msg, node)
        return node

    def compose_document(self) -> Node | None:
        node: Node | None = super().compose_document()
        if node is not None and _expanded_size(node) > MAX_NODES:
            msg = f"more than {MAX_NODES} values once aliases are expanded (an alias bomb?)"
            raise YamlLimitError(msg, node)
        return node

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        # the node's own keys, before merge keys pull others in (an explicit key overrides a merged one)
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == MERGE_TAG:
                continue
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            try:
                first = seen.get(key)
            except TypeError:
                msg = "a mapping key that is a list or a mapping (keys must be plain values)"
                raise YamlLimitError(msg, key_node) from None
            if first is not None:
                msg = f"duplicate key {key!r} (first at line {first})"
                raise YamlLimitError(msg, line=line)
            seen[key] = line
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: ScalarNode) -> int:
        digits = sum(ch.isalnum() for ch in str(node.value))
        if digits > MAX_INT_DIGITS:
            msg = f"an integer of {digits} digits (at most {MAX_INT_DIGITS})"
            raise YamlLimitError(msg, node)
        value: int = super().construct_yaml_int(node)
        return value


LimitedLoader.add_constructor("tag:yaml.org,2002:int", LimitedLoader.construct_yaml_int)


def load_yaml(text: str) -> tuple[Any, Node | None]:
    """Parse one YAML document with the limits: its data and its node tree (which knows every line).

    Raises ``YamlLimitError`` or ``yaml.YAMLError``.
    """
    loader = LimitedLoader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


def _child(node: Node, part: int | str) -> tuple[Node, Node] | None:
    """The (key or item, value) node ``part`` names below ``node``; merge keys are followed."""
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item: Node = node.value[part]
        return item, item
    if not isinstance(node, MappingNode):
        return None
    merged: list[Node] = []
    for key, value in node.value:
        if key.tag == MERGE_TAG:
            merged += value.value if isinstance(value, SequenceNode) else [value]
        elif isinstance(key, ScalarNode) and key.value == str(part):
            return key, value
    return next((found for source in merged if (found := _child(source, part)) is not None), None)


def line_of(root: Node, path: tuple[int | str, ...]) -> int | None:
    """The line (from 1) of what ``path`` (mapping keys, list indexes) names: a mapping entry's key, a list's
    item; where the path leaves the document (a missing key), the line of the last part that is in it, and
    ``None`` when not even its first part is (a key missing from the top level)."""
    node, line = root, None
    for part in path:
        found = _child(node, part)
        if found is None:
            break
        line, node = found[0].start_mark.line + 1, found[1]
    return line
