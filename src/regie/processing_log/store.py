"""The tree's stored subtree hashes, read from and written to the TreeNode table."""

from collections.abc import Iterable

from regie.processing_log import merkle
from regie.processing_log.models import TreeNode


class DatabaseNodeStore:
    """merkle.NodeStore over TreeNode; one query per batch of keys."""

    def get(self, level: int, index: int) -> bytes:
        return self.get_many([(level, index)])[(level, index)]

    def get_many(self, keys: Iterable[merkle.NodeKey]) -> dict[merkle.NodeKey, bytes]:
        wanted = {TreeNode.key_for(level, index): (level, index) for level, index in keys}
        found = {
            wanted[key]: bytes(value)
            for key, value in TreeNode.objects.filter(key__in=list(wanted)).values_list(
                "key", "hash"
            )
        }
        missing = [wanted[key] for key in wanted if wanted[key] not in found]
        if missing:
            raise KeyError(f"tree nodes missing: {missing[:3]}")
        return found

    def put_many(self, nodes: Iterable[merkle.Node]) -> None:
        TreeNode.objects.bulk_create(
            [
                TreeNode(key=TreeNode.key_for(level, index), hash=value)
                for level, index, value in nodes
            ],
            batch_size=5000,
        )
