"""The library files the tests import: BIO2 from the shared folder next to the repository
(never copied into the project), the demo's BIG structure from the package, and small
hand-made libraries."""

import os
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[4]
BIG = REPO_ROOT / "src" / "regie" / "isms" / "frameworks" / "big-demo.yaml"


SHARED_BIO2 = Path("shared") / "frameworks" / "bio2.yaml"


def _origin_checkout() -> Path | None:
    """The repository this one was cloned from, when that is a folder on this machine (CI runs
    in a fresh clone, whose own neighbours do not include the shared folder)."""
    try:
        origin = subprocess.run(  # noqa: S603 (git with fixed arguments)
            ["git", "-C", str(REPO_ROOT), "remote", "get-url", "origin"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        ).stdout.strip()
    except OSError:
        return None
    path = Path(origin.removeprefix("file://"))
    return path if origin and path.is_dir() else None


def bio2_path() -> Path:
    """BIO2 v1.2 as CISO Assistant publishes it: $REGIE_BIO2_YAML, or
    ../shared/frameworks/bio2.yaml beside the repository (or beside the checkout it was cloned
    from). Missing is a failure, not a skip: the issue's acceptance test depends on it."""
    if os.environ.get("REGIE_BIO2_YAML"):
        path = Path(os.environ["REGIE_BIO2_YAML"])
    else:
        origin = _origin_checkout()
        candidates = [REPO_ROOT.parent / SHARED_BIO2]
        if origin is not None:
            candidates.append(origin.resolve().parent / SHARED_BIO2)
        path = next((c for c in candidates if c.is_file()), candidates[0])
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
