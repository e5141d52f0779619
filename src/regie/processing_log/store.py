"""The tree's stored subtree hashes, read from and written to the TreeNode table."""

from collections.abc import Iterable

from regie.processing_log import merkle
from regie.processing_log.bulk import append_rows
from regie.processing_log.models import TreeNode


class DatabaseNodeStore:
    """merkle.NodeStore over TreeNode; one query per batch of keys."""

    def get(self, level: int, index: int) -> bytes:
        return self.get_many([(level, index)])[(level, index)]

    def get_many(self, keys: Iterable[merkle.NodeKey]) -> dict[merkle.NodeKey, bytes]:
        """The stored nodes among KEYS; absent ones are left out (merkle names them)."""
        wanted = {TreeNode.key_for(level, index): (level, index) for level, index in keys}
        return {
            wanted[key]: bytes(value)
            for key, value in TreeNode.objects.filter(key__in=list(wanted)).values_list(
                "key", "hash"
            )
        }

    def put_many(self, nodes: Iterable[merkle.Node]) -> None:
        append_rows(
            TreeNode,
            ["key", "hash"],
            ((TreeNode.key_for(level, index), value) for level, index, value in nodes),
        )
