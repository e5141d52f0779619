"""The Merkle tree of the processing log (RFC 9162 §2.1), built from stored perfect subtrees.

Only perfect subtrees are stored: node ``(level, index)`` is the hash of the leaves
``[index * 2**level, (index + 1) * 2**level)``, level 0 being the leaf hash. Such a node never
changes once its last leaf is appended, so it can be written once and kept. Every hash the
RFC's algorithms need (a root, a proof element) is a right fold of the few stored nodes that
make up its range, which keeps every read O(log n).

The verifiers at the bottom need no store: they run wherever a proof is checked, including
in a resident's browser, and follow the RFC's text step by step.
"""

from collections.abc import Iterable, Sequence
from hashlib import sha256
from itertools import count, repeat
from typing import Protocol

type NodeKey = tuple[int, int]
type Node = tuple[int, int, bytes]

EMPTY_ROOT = sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    return sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return sha256(b"\x01" + left + right).digest()


class NodeStore(Protocol):
    def get(self, level: int, index: int) -> bytes:
        """The stored node; KeyError when it is not stored."""
        ...

    def get_many(self, keys: Iterable[NodeKey]) -> dict[NodeKey, bytes]:
        """The stored nodes among KEYS; absent ones are left out."""
        ...


class MemoryStore:
    def __init__(self) -> None:
        self.nodes: dict[NodeKey, bytes] = {}

    def get(self, level: int, index: int) -> bytes:
        return self.nodes[(level, index)]

    def get_many(self, keys: Iterable[NodeKey]) -> dict[NodeKey, bytes]:
        nodes = self.nodes
        return {key: nodes[key] for key in keys if key in nodes}

    def put_many(self, nodes: Iterable[Node]) -> None:
        self.nodes.update(((level, index), value) for level, index, value in nodes)


def nodes_for_append(store: NodeStore, size: int, leaf_hashes: Sequence[bytes]) -> list[Node]:
    """The nodes to store when LEAF_HASHES are appended to a tree of SIZE leaves: every new
    leaf and every perfect subtree they complete. The batch is hashed in memory; the store is
    asked once, for the left siblings the new subtrees lean on (at most one per level)."""
    if size < 0:
        raise ValueError(f"tree size must not be negative, got {size}")
    new_size = size + len(leaf_hashes)
    left_siblings = [
        (level, (size >> level) - 1)
        for level in range(size.bit_length())
        if (size >> level) & 1 and (new_size >> level) > (size >> level)
    ]
    existing = _fetch(store, left_siblings)

    nodes: list[Node] = []
    level, first, hashes = 0, size, list(leaf_hashes)
    while hashes:
        nodes.extend(zip(repeat(level), count(first), hashes, strict=False))
        if first & 1:
            hashes.insert(0, existing[(level, first - 1)])
            first -= 1
        # An unpaired last node is dropped: its subtree is not complete yet.
        hashes = _hash_pairs(hashes)
        level, first = level + 1, first >> 1
    return nodes


def root(store: NodeStore, size: int) -> bytes:
    """MTH of the first SIZE leaves."""
    if size < 0:
        raise ValueError(f"tree size must not be negative, got {size}")
    if size == 0:
        return EMPTY_ROOT
    return subtree_hash(store, 0, size)


def subtree_hash(store: NodeStore, start: int, end: int) -> bytes:
    """MTH(D[start:end]) for the ranges RFC 9162's proofs use: START must be a multiple of
    the largest power of two not above END - START, so the range is a row of stored nodes."""
    return _subtree_hashes(store, [(start, end)])[0]


def inclusion_proof(store: NodeStore, index: int, size: int) -> list[bytes]:
    """PATH(index, D[size]) of RFC 9162 §2.1.3.1, leaf-side first."""
    if size <= 0:
        raise ValueError(f"an inclusion proof needs a non-empty tree, got size {size}")
    if not 0 <= index < size:
        raise ValueError(f"leaf index {index} is not in a tree of {size} leaves")
    ranges = []
    low, high = 0, size
    while high - low > 1:
        split = low + _largest_power_of_two_below(high - low)
        if index < split:
            ranges.append((split, high))
            high = split
        else:
            ranges.append((low, split))
            low = split
    ranges.reverse()
    return _subtree_hashes(store, ranges)


def consistency_proof(store: NodeStore, old_size: int, new_size: int) -> list[bytes]:
    """PROOF(old_size, D[new_size]) of RFC 9162 §2.1.4.1; empty when the sizes are equal."""
    if old_size <= 0:
        raise ValueError(f"a consistency proof needs a non-empty old tree, got size {old_size}")
    if old_size > new_size:
        raise ValueError(f"old tree size {old_size} is larger than new tree size {new_size}")
    ranges = []
    low, high, whole_old_tree = 0, new_size, True
    while True:
        if old_size == high:
            # SUBPROOF(m, D[m], b): the old tree's own root is implied when b is true.
            if not whole_old_tree:
                ranges.append((low, high))
            break
        split = low + _largest_power_of_two_below(high - low)
        if old_size <= split:
            ranges.append((split, high))
            high = split
        else:
            ranges.append((low, split))
            low, whole_old_tree = split, False
    ranges.reverse()
    return _subtree_hashes(store, ranges)


def verify_leaves(leaf_hashes: Sequence[bytes]) -> bytes:
    """MTH of a whole list of leaf hashes, level by level. An unpaired last node moves up
    unchanged, which gives the RFC's left-heavy split."""
    if not leaf_hashes:
        return EMPTY_ROOT
    hashes = list(leaf_hashes)
    while len(hashes) > 1:
        carried = hashes[-1] if len(hashes) & 1 else None
        hashes = _hash_pairs(hashes)
        if carried is not None:
            hashes.append(carried)
    return hashes[0]


def verify_inclusion(
    leaf_hash: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> bool:
    """RFC 9162 §2.1.3.2."""
    if not 0 <= index < size:
        return False
    fn, sn = index, size - 1
    r = leaf_hash
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2 for 0 < old_size < new_size. Equal sizes need an empty proof and
    equal roots (PROOF(m, D[m]) is empty); an empty old tree proves nothing and fails."""
    if old_size == new_size:
        return old_size > 0 and not proof and old_root == new_root
    if not 0 < old_size < new_size or not proof:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0


_NODE_PREFIX = sha256(b"\x01")


def _hash_pairs(hashes: list[bytes]) -> list[bytes]:
    """node_hash of each neighbouring pair; an unpaired last hash is left out. Copying a
    hasher that has already taken the 0x01 prefix beats concatenating the bytes."""
    parents = []
    pairs = iter(hashes)
    for left, right in zip(pairs, pairs, strict=False):
        hasher = _NODE_PREFIX.copy()
        hasher.update(left)
        hasher.update(right)
        parents.append(hasher.digest())
    return parents


def _largest_power_of_two_below(n: int) -> int:
    return 1 << ((n - 1).bit_length() - 1)


def _range_keys(start: int, end: int) -> list[NodeKey]:
    width = end - start
    if start < 0 or width <= 0:
        raise ValueError(f"[{start}, {end}) is not a non-empty range of leaves")
    if start % (1 << (width.bit_length() - 1)):
        raise ValueError(f"[{start}, {end}) is not made of stored subtrees")
    keys = []
    offset = start
    for level in range(width.bit_length() - 1, -1, -1):
        if (width >> level) & 1:
            keys.append((level, offset >> level))
            offset += 1 << level
    return keys


def _subtree_hashes(store: NodeStore, ranges: Sequence[tuple[int, int]]) -> list[bytes]:
    """MTH of each range, read from the store in one batch."""
    keys_per_range = [_range_keys(start, end) for start, end in ranges]
    nodes = _fetch(store, {key for keys in keys_per_range for key in keys})
    hashes = []
    for keys in keys_per_range:
        value = nodes[keys[-1]]
        for key in reversed(keys[:-1]):
            value = node_hash(nodes[key], value)
        hashes.append(value)
    return hashes


def _fetch(store: NodeStore, keys: Iterable[NodeKey]) -> dict[NodeKey, bytes]:
    keys = list(keys)
    if not keys:
        return {}
    nodes = store.get_many(keys)
    missing = [key for key in keys if key not in nodes]
    if missing:
        raise KeyError(f"the store lacks nodes (level, index) {sorted(missing)}")
    return nodes
