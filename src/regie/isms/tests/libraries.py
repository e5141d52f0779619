"""The library files the tests import: BIO2 from the shared folder next to the repository
(never copied into the project), the demo's BIG structure from the package, and small
hand-made libraries."""

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[4]
BIG = REPO_ROOT / "src" / "regie" / "isms" / "frameworks" / "big-demo.yaml"


def bio2_path() -> Path:
    """BIO2 v1.2 as CISO Assistant publishes it: $REGIE_BIO2_YAML, or
    ../shared/frameworks/bio2.yaml from the repository root. Missing is a failure, not a
    skip: the issue's acceptance test depends on it."""
    path = Path(
        os.environ.get("REGIE_BIO2_YAML")
        or REPO_ROOT.parent / "shared" / "frameworks" / "bio2.yaml"
    )
    if not path.is_file():
        pytest.fail(
            f"BIO2 library not found at {path}; set REGIE_BIO2_YAML to its location",
            pytrace=False,
        )
    return path


def small(*nodes: str, version: int = 1, scale: str = "") -> str:
    """A tiny library whose requirement nodes are the given YAML mappings (one line each)."""
    body = "\n".join(f"    - {node}" for node in nodes)
    return f"""urn: urn:test:library:small
version: {version}
objects:
  framework:
    urn: urn:test:framework:small
    name: Small{scale}
    requirement_nodes:
{body}
"""


TREE = (
    "{urn: 'urn:t:a', ref_id: A, name: Part A, assessable: false, depth: 1}",
    "{urn: 'urn:t:a1', ref_id: A.1, name: One, assessable: true, depth: 2, parent_urn: 'urn:t:a'}",
    "{urn: 'urn:t:a2', ref_id: A.2, name: Two, assessable: true, depth: 2, parent_urn: 'urn:t:a'}",
    "{urn: 'urn:t:b', ref_id: B, name: Part B, assessable: false, depth: 1}",
    "{urn: 'urn:t:b1', ref_id: B.1, name: Three, assessable: true, parent_urn: 'urn:t:b'}",
)
