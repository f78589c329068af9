"""Helpers shared by the tests: the repo's paths, the shared corpora, real mkdocs builds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path in ../shared; skips the test where it is absent, except in CI where it must exist."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing, and CI must run the tests that read ../shared")
        pytest.skip(f"{path} is absent: ../shared is not beside this checkout")
    return path


def mkdocs_build(project: Path, site: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """A real `mkdocs build` of `project` into `site`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        # Not -q: MkDocs counts strict-mode warnings only when they are logged.
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"),
         "-d", str(site), *extra],
        capture_output=True, text=True, env=env, cwd=project, check=False,
    )  # fmt: skip
