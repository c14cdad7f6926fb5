"""Load YAML as plain data that remembers the line of every key and item.

Why not `yaml.safe_load`: packs are written by editors, and an error must name the line and the
key. We compose the node tree with the safe (libyaml when present) loader and build values
ourselves, which also lets us refuse what `safe_load` would accept silently: duplicate keys
(a silent overwrite), and aliases that expand into millions of values ("billion laughs").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newslint.errors import PackError

if TYPE_CHECKING:
    import yaml

MAX_VALUES = 500_000  # far above a 10,000-name dictionary (about 40,000 values)

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "binary")
}


class YMap(dict):
    """A mapping that knows its own line and the line of each key (1-based)."""

    __slots__ = ("line", "key_lines")

    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YList(list):
    """A sequence that knows its own line and the line of each item (1-based)."""

    __slots__ = ("line", "item_lines")

    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


def load_yaml(source: str, path: str) -> Any:
    """Parse one YAML document from `source`; errors name `path` and the line."""
    import yaml  # here, not at the top: a run whose packs come from the cache never parses YAML

    try:
        node = yaml.compose(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if "\t" in problem or "'\\t'" in problem:
            problem += " (YAML does not allow tabs for indentation: use spaces)"
        raise PackError(f"YAML syntax error: {problem}", path, mark.line + 1 if mark else None) from None
    except yaml.reader.ReaderError as exc:  # a control character: binary data, not a pack
        line = source.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
        raise PackError(f"not a YAML text: {exc.reason} (character #x{exc.character:04x})", path, line) from None
    except yaml.YAMLError as exc:
        raise PackError(f"YAML error: {str(exc).splitlines()[0]}", path) from None
    if node is None:
        return None
    builder = _Builder(path)
    return builder.build(node)


class _Builder:
    def __init__(self, path: str):
        import yaml

        self.yaml = yaml
        self.path = path
        self.count = 0
        self.scalars = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node) -> Any:
        yaml = self.yaml
        self.count += 1
        if self.count > MAX_VALUES:
            raise PackError(
                f"the file expands to more than {MAX_VALUES:,} values (a YAML alias bomb?); refused",
                self.path,
                node.start_mark.line + 1,
            )
        line = node.start_mark.line + 1
        if node.tag not in _STANDARD_TAGS:
            raise PackError(f"tag '{node.tag}' is not allowed: rule packs hold plain data only", self.path, line)
        if isinstance(node, yaml.MappingNode):
            result = YMap(line)
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise PackError("merge keys ('<<') are not supported in rule packs", self.path, key_node.start_mark.line + 1)
                key = self.build(key_node)
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    raise PackError("a key must be a plain word or text", self.path, key_node.start_mark.line + 1)
                key = str(key)
                if key in result:
                    raise PackError(
                        f"duplicate key (first on line {result.key_lines[key]})", self.path, key_node.start_mark.line + 1, key
                    )
                result.key_lines[key] = key_node.start_mark.line + 1
                try:
                    result[key] = self.build(value_node)
                except PackError as exc:
                    if exc.key is None and isinstance(value_node, yaml.ScalarNode):
                        exc.key = key  # `date: 2020-02-30`: name the key whose value is wrong
                    raise
            return result
        if isinstance(node, yaml.SequenceNode):
            seq = YList(line)
            for item in node.value:
                seq.item_lines.append(item.start_mark.line + 1)
                seq.append(self.build(item))
            return seq
        try:
            return self.scalars.construct_object(node)
        except (yaml.YAMLError, ValueError) as exc:  # ValueError: a timestamp such as 2020-02-30
            raise PackError(f"invalid value: {exc}", self.path, line) from None
