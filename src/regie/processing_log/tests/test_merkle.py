import math
import random
from collections.abc import Iterable

import pytest

from regie.processing_log.merkle import (
    EMPTY_ROOT,
    MemoryStore,
    NodeKey,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    node_hash,
    nodes_for_append,
    root,
    subtree_hash,
    verify_consistency,
    verify_inclusion,
    verify_leaves,
)

# The leaves of the RFC 6962 test vectors that Certificate Transparency implementations use.
RFC6962_LEAVES = [
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    b"\x50\x51\x52\x53\x54\x55\x56\x57",
    b"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
]


# A reference written straight from the recursive definitions of RFC 9162 §2.1, over a
# list of leaf hashes.


def reference_mth(hashes: list[bytes]) -> bytes:
    n = len(hashes)
    if n == 0:
        return EMPTY_ROOT
    if n == 1:
        return hashes[0]
    k = largest_power_of_two_below(n)
    return node_hash(reference_mth(hashes[:k]), reference_mth(hashes[k:]))


def reference_path(m: int, hashes: list[bytes]) -> list[bytes]:
    n = len(hashes)
    if n == 1:
        return []
    k = largest_power_of_two_below(n)
    if m < k:
        return [*reference_path(m, hashes[:k]), reference_mth(hashes[k:])]
    return [*reference_path(m - k, hashes[k:]), reference_mth(hashes[:k])]


def reference_subproof(m: int, hashes: list[bytes], b: bool) -> list[bytes]:
    n = len(hashes)
    if m == n:
        return [] if b else [reference_mth(hashes)]
    k = largest_power_of_two_below(n)
    if m <= k:
        return [*reference_subproof(m, hashes[:k], b), reference_mth(hashes[k:])]
    return [*reference_subproof(m - k, hashes[k:], False), reference_mth(hashes[:k])]


def largest_power_of_two_below(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


class CountingStore(MemoryStore):
    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    def get(self, level: int, index: int) -> bytes:
        self.reads += 1
        return super().get(level, index)

    def get_many(self, keys: Iterable[NodeKey]) -> dict[NodeKey, bytes]:
        keys = list(keys)
        self.reads += len(keys)
        return super().get_many(keys)


def leaves(n: int) -> list[bytes]:
    return [leaf_hash(i.to_bytes(4, "big")) for i in range(n)]


def store_with(hashes: list[bytes]) -> MemoryStore:
    store = MemoryStore()
    store.put_many(nodes_for_append(store, 0, hashes))
    return store


def flipped(value: bytes) -> bytes:
    return bytes([value[0] ^ 0x01]) + value[1:]


RFC_HASHES = [leaf_hash(data) for data in RFC6962_LEAVES]


# The roots for sizes 1..8 published with those leaves (the same in Go's transparency-dev
# merkle tests and the other CT implementations).
RFC6962_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]


@pytest.mark.parametrize("size", range(1, 9))
def test_it_matches_the_published_rfc6962_roots(size):
    store = store_with(RFC_HASHES)

    assert root(store, size).hex() == RFC6962_ROOTS[size - 1]
    assert reference_mth(RFC_HASHES[:size]).hex() == RFC6962_ROOTS[size - 1]
    assert verify_leaves(RFC_HASHES[:size]).hex() == RFC6962_ROOTS[size - 1]


def test_it_gives_the_empty_tree_the_hash_of_nothing():
    assert root(MemoryStore(), 0).hex() == (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )
    assert verify_leaves([]) == EMPTY_ROOT


def test_it_builds_the_proofs_of_the_rfc_worked_example():
    # RFC 9162 §2.1.5: the tree of seven leaves d0..d6 with these inner nodes.
    a, b, c, d, e, f, j = RFC_HASHES[:7]
    g, h, i = node_hash(a, b), node_hash(c, d), node_hash(e, f)
    k, l_ = node_hash(g, h), node_hash(i, j)
    store = store_with(RFC_HASHES[:7])

    assert root(store, 7) == node_hash(k, l_)
    assert inclusion_proof(store, 0, 7) == [b, h, l_]
    assert inclusion_proof(store, 3, 7) == [c, g, l_]
    assert inclusion_proof(store, 4, 7) == [f, j, k]
    assert inclusion_proof(store, 6, 7) == [i, k]
    assert consistency_proof(store, 3, 7) == [c, d, g, l_]
    assert consistency_proof(store, 4, 7) == [l_]
    assert consistency_proof(store, 6, 7) == [i, j, k]
    assert consistency_proof(store, 6, 7) == reference_subproof(6, RFC_HASHES[:7], True)


SIZES = range(1, 71)


def test_it_agrees_with_the_reference_for_every_root_and_inclusion_proof():
    hashes = leaves(max(SIZES))
    store = store_with(hashes)
    for size in SIZES:
        tree_root = root(store, size)
        assert tree_root == reference_mth(hashes[:size])
        for index in range(size):
            proof = inclusion_proof(store, index, size)
            assert proof == reference_path(index, hashes[:size])
            assert verify_inclusion(hashes[index], index, size, proof, tree_root)


def test_it_rejects_every_tampered_inclusion_proof():
    hashes = leaves(max(SIZES) + 1)
    store = store_with(hashes)
    roots = [root(store, size) for size in range(max(SIZES) + 2)]
    for size in SIZES:
        for index in range(size):
            proof = inclusion_proof(store, index, size)
            leaf = hashes[index]
            for position in range(len(proof)):
                tampered = [*proof[:position], flipped(proof[position]), *proof[position + 1 :]]
                assert not verify_inclusion(leaf, index, size, tampered, roots[size])
            assert not verify_inclusion(flipped(leaf), index, size, proof, roots[size])
            assert not verify_inclusion(leaf, index, size, proof, flipped(roots[size]))
            for other_index in {index - 1, index + 1, size} - {-1}:
                assert not verify_inclusion(leaf, other_index, size, proof, roots[size])
            for other_size in {size - 1, size + 1} - {index}:
                assert not verify_inclusion(leaf, index, other_size, proof, roots[other_size])
            assert not verify_inclusion(leaf, index, size, [*proof, leaf], roots[size])
            # A longer path must not prove the leaf under a root made up around the real one.
            forged_root = node_hash(leaf, roots[size])
            assert not verify_inclusion(leaf, index, size, [*proof, leaf], forged_root)
            if proof:
                assert not verify_inclusion(leaf, index, size, proof[:-1], roots[size])


def test_it_agrees_with_the_reference_for_every_consistency_proof():
    hashes = leaves(max(SIZES))
    store = store_with(hashes)
    roots = [root(store, size) for size in range(max(SIZES) + 1)]
    for new_size in SIZES:
        for old_size in range(1, new_size + 1):
            proof = consistency_proof(store, old_size, new_size)
            assert proof == reference_subproof(old_size, hashes[:new_size], True)
            assert verify_consistency(old_size, new_size, roots[old_size], roots[new_size], proof)


def test_it_rejects_every_tampered_consistency_proof():
    hashes = leaves(max(SIZES) + 1)
    store = store_with(hashes)
    roots = [root(store, size) for size in range(max(SIZES) + 2)]
    for new_size in SIZES:
        for old_size in range(1, new_size):
            proof = consistency_proof(store, old_size, new_size)
            old_root, new_root = roots[old_size], roots[new_size]
            for position in range(len(proof)):
                tampered = [*proof[:position], flipped(proof[position]), *proof[position + 1 :]]
                assert not verify_consistency(old_size, new_size, old_root, new_root, tampered)
            assert not verify_consistency(old_size, new_size, flipped(old_root), new_root, proof)
            assert not verify_consistency(old_size, new_size, old_root, flipped(new_root), proof)
            for other_old in {old_size - 1, old_size + 1} - {0, new_size}:
                assert not verify_consistency(
                    other_old, new_size, roots[other_old], new_root, proof
                )
            assert not verify_consistency(
                old_size, new_size + 1, old_root, roots[new_size + 1], proof
            )
            assert not verify_consistency(old_size, new_size, old_root, new_root, proof[:-1])
            assert not verify_consistency(
                old_size, new_size, old_root, new_root, [*proof, new_root]
            )
            forged_root = node_hash(old_root, new_root)
            assert not verify_consistency(
                old_size, new_size, node_hash(old_root, old_root), forged_root, [*proof, old_root]
            )


@pytest.mark.parametrize(
    ("old_size", "new_size", "old_root", "new_root", "proof", "accepted"),
    [
        (5, 5, b"r" * 32, b"r" * 32, [], True),
        (5, 5, b"r" * 32, b"s" * 32, [], False),
        (5, 5, b"r" * 32, b"r" * 32, [b"p" * 32], False),
        (0, 5, EMPTY_ROOT, b"s" * 32, [], False),
        (6, 5, b"r" * 32, b"s" * 32, [b"p" * 32], False),
        (3, 5, b"r" * 32, b"s" * 32, [], False),
    ],
)
def test_it_decides_degenerate_consistency_claims(
    old_size, new_size, old_root, new_root, proof, accepted
):
    assert verify_consistency(old_size, new_size, old_root, new_root, proof) is accepted


def test_it_stores_the_same_nodes_whether_leaves_come_one_by_one_or_in_batches():
    hashes = leaves(300)
    one_by_one = MemoryStore()
    for size, value in enumerate(hashes):
        one_by_one.put_many(nodes_for_append(one_by_one, size, [value]))

    generator = random.Random(6962)
    for _ in range(10):
        batched = MemoryStore()
        size = 0
        while size < len(hashes):
            batch = hashes[size : size + generator.randint(1, 40)]
            batched.put_many(nodes_for_append(batched, size, batch))
            size += len(batch)
        assert batched.nodes == one_by_one.nodes

    expected = {
        (level, index): reference_mth(hashes[index << level : (index + 1) << level])
        for level in range(9)
        for index in range(len(hashes) >> level)
    }
    assert one_by_one.nodes == expected


def test_it_appends_nothing_for_an_empty_batch():
    store = store_with(leaves(5))
    assert nodes_for_append(store, 5, []) == []


SIXTEEN_BITS = 1 << 16


@pytest.fixture(scope="module")
def big_tree() -> CountingStore:
    store = CountingStore()
    store.put_many(nodes_for_append(store, 0, leaves(SIXTEEN_BITS)))
    return store


@pytest.mark.parametrize("size", [SIXTEEN_BITS, SIXTEEN_BITS - 1, 40_961, 12_345])
def test_it_reads_logarithmically_few_nodes_for_a_proof(big_tree, size):
    bound = 2 * math.log2(size) + 2
    for index in [0, 1, size // 3, size // 2, size - 2, size - 1]:
        big_tree.reads = 0
        proof = inclusion_proof(big_tree, index, size)
        assert big_tree.reads <= bound
        assert verify_inclusion(
            leaf_hash(index.to_bytes(4, "big")), index, size, proof, root(big_tree, size)
        )
    for old_size in [1, 2, 3, size // 3, size // 2 + 1, size - 1]:
        big_tree.reads = 0
        consistency_proof(big_tree, old_size, size)
        assert big_tree.reads <= bound
    big_tree.reads = 0
    root(big_tree, size)
    assert big_tree.reads <= math.log2(size) + 1


def test_it_reads_logarithmically_few_nodes_for_an_append(big_tree):
    big_tree.reads = 0
    nodes = nodes_for_append(big_tree, SIXTEEN_BITS - 1, [leaf_hash(b"last")])
    assert big_tree.reads == 16
    assert len(nodes) == 17


def test_it_computes_a_subtree_from_stored_nodes():
    hashes = leaves(13)
    store = store_with(hashes)
    assert subtree_hash(store, 8, 13) == reference_mth(hashes[8:13])
    assert subtree_hash(store, 4, 7) == reference_mth(hashes[4:7])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda store: inclusion_proof(store, 8, 8), "not in a tree of 8"),
        (lambda store: inclusion_proof(store, -1, 8), "not in a tree of 8"),
        (lambda store: inclusion_proof(store, 0, 0), "non-empty tree"),
        (lambda store: consistency_proof(store, 5, 4), "larger than new tree size"),
        (lambda store: consistency_proof(store, 0, 4), "non-empty old tree"),
        (lambda store: root(store, -1), "must not be negative"),
        (lambda store: nodes_for_append(store, -1, []), "must not be negative"),
        (lambda store: subtree_hash(store, 1, 4), "not made of stored subtrees"),
        (lambda store: subtree_hash(store, 4, 4), "not a non-empty range"),
    ],
)
def test_it_refuses_impossible_requests(call, message):
    with pytest.raises(ValueError, match=message):
        call(store_with(leaves(8)))


def test_it_says_which_nodes_are_missing_from_the_store():
    with pytest.raises(KeyError, match=r"\(2, 2\)"):
        root(store_with(leaves(8)), 12)
