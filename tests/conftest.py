"""Fixtures: small projects to modify and a small site built once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support import FIXTURES, mkdocs_build


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    """A copy of the small fixture project, free to modify."""
    target = tmp_path / "small"
    shutil.copytree(FIXTURES / "small", target)
    return target


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture project built once with `mkdocs build --strict`."""
    work = tmp_path_factory.mktemp("small-build")
    project = work / "small"
    shutil.copytree(FIXTURES / "small", project)
    result = mkdocs_build(project, work / "site", "--strict")
    assert result.returncode == 0, result.stderr
    return work / "site"
