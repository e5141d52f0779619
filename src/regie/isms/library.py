"""Reading a framework library in the CISO Assistant YAML format, checked whole.

A library holds one framework whose `requirement_nodes` form a forest through `parent_urn`.
`parse_library` either returns the complete, consistent structure or raises `LibraryError`
naming the offending node; the caller imports nothing on error. No Django imports.
"""

from dataclasses import dataclass, field
from typing import Any

import yaml


class LibraryError(ValueError):
    """A library that cannot be imported. `code` selects the message shown to people,
    `node` names the offending node (its urn, or its position when it has none)."""

    def __init__(self, code: str, node: str = "", detail: str = "") -> None:
        self.code = code
        self.node = node
        self.detail = detail
        super().__init__(f"{code}: {node} {detail}".strip())


@dataclass(frozen=True)
class NodeData:
    urn: str
    ref_id: str
    parent_urn: str
    depth: int
    assessable: bool
    name: str
    description: str
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class LibraryData:
    urn: str
    version: int
    provider: str
    framework_urn: str
    ref_id: str
    name: str
    description: str
    translations: dict[str, dict[str, str]]
    min_score: int
    max_score: int
    nodes: list[NodeData]

    @property
    def assessable_count(self) -> int:
        return sum(1 for node in self.nodes if node.assessable)


DEFAULT_SCALE = (0, 5)


class _NoAliases(yaml.SafeLoader):
    """A library has no use for YAML anchors and aliases, and they can make a small file
    expand into an enormous document; refuse them."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise LibraryError("alias", "", str(self.peek_event().start_mark.line + 1))
        return super().compose_node(parent, index)


def _text(value: Any, where: str = "", key: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise LibraryError("bad_field", where, key)
    return str(value).strip()


def _translations(value: Any, where: str) -> dict[str, dict[str, str]]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise LibraryError("bad_field", where, "translations")
    return {
        str(lang): {str(k): _text(v, where, "translations") for k, v in texts.items()}
        for lang, texts in value.items()
    }


def _required(mapping: dict[str, Any], key: str, where: str) -> Any:
    value = mapping.get(key)
    if value is None or value == "":
        raise LibraryError("missing_field", where, key)
    return value


def _node(raw: Any, position: int) -> NodeData:
    where = f"#{position + 1}"
    if not isinstance(raw, dict):
        raise LibraryError("bad_node", where)
    urn = _text(_required(raw, "urn", where), where, "urn")
    assessable = raw.get("assessable", False)
    if not isinstance(assessable, bool):
        raise LibraryError("bad_field", urn, "assessable")
    depth = raw.get("depth", 1)
    if not isinstance(depth, int) or depth < 1:
        raise LibraryError("bad_field", urn, "depth")
    ref_id = _text(raw.get("ref_id"), urn, "ref_id")
    name = _text(raw.get("name"), urn, "name")
    description = _text(raw.get("description"), urn, "description")
    if not (ref_id or name or description):
        raise LibraryError("missing_field", urn, "ref_id/name/description")
    return NodeData(
        urn=urn,
        ref_id=ref_id,
        parent_urn=_text(raw.get("parent_urn"), urn, "parent_urn"),
        depth=depth,
        assessable=assessable,
        name=name,
        description=description,
        translations=_translations(raw.get("translations"), urn),
    )


def _check_tree(nodes: list[NodeData]) -> None:
    by_urn: dict[str, NodeData] = {}
    for node in nodes:
        if node.urn in by_urn:
            raise LibraryError("duplicate_urn", node.urn)
        by_urn[node.urn] = node
    for node in nodes:
        if node.parent_urn and node.parent_urn not in by_urn:
            raise LibraryError("unknown_parent", node.urn, node.parent_urn)
    for node in nodes:
        seen = {node.urn}
        current = node
        while current.parent_urn:
            current = by_urn[current.parent_urn]
            if current.urn in seen:
                raise LibraryError("cycle", node.urn)
            seen.add(current.urn)


def _scale(framework: dict[str, Any], where: str) -> tuple[int, int]:
    low, high = framework.get("min_score"), framework.get("max_score")
    if low is None and high is None:
        return DEFAULT_SCALE
    if not isinstance(low, int) or not isinstance(high, int) or low >= high:
        raise LibraryError("bad_field", where, "min_score/max_score")
    return low, high


def parse_library(text: str | bytes) -> LibraryData:
    try:
        document = yaml.load(text, Loader=_NoAliases)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = str(mark.line + 1) if mark is not None else "?"
        raise LibraryError("not_yaml", "", line) from None
    if not isinstance(document, dict):
        raise LibraryError("not_library")
    urn = _text(_required(document, "urn", "library"), "library", "urn")
    version = document.get("version", 1)
    if not isinstance(version, int):
        raise LibraryError("bad_field", urn, "version")
    objects = _required(document, "objects", urn)
    framework = objects.get("framework") if isinstance(objects, dict) else None
    if not isinstance(framework, dict):
        raise LibraryError("missing_field", urn, "objects.framework")
    framework_urn = _text(_required(framework, "urn", urn), urn, "urn")
    raw_nodes = framework.get("requirement_nodes")
    if not isinstance(raw_nodes, list) or not raw_nodes:
        raise LibraryError("missing_field", framework_urn, "requirement_nodes")
    nodes = [_node(raw, position) for position, raw in enumerate(raw_nodes)]
    _check_tree(nodes)
    low, high = _scale(framework, framework_urn)
    return LibraryData(
        urn=urn,
        version=version,
        provider=_text(document.get("provider"), urn, "provider"),
        framework_urn=framework_urn,
        ref_id=_text(framework.get("ref_id"), framework_urn, "ref_id"),
        name=_text(_required(framework, "name", framework_urn), framework_urn, "name"),
        description=_text(framework.get("description"), framework_urn, "description"),
        translations=_translations(framework.get("translations"), framework_urn),
        min_score=low,
        max_score=high,
        nodes=nodes,
    )
