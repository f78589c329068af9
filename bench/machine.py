"""The machine and tool versions a benchmark ran on."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gb() -> str:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    return "unknown"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine_lines() -> list[str]:
    return [
        f"machine : {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), "
        f"{_cpu_model()}, RAM {_ram_gb()}, {platform.system()} {platform.release()}",
        f"python  : {platform.python_version()} ({platform.python_implementation()})",
        f"tools   : mkdocs {_version('mkdocs')}, mkdocs-material {_version('mkdocs-material')}, "
        f"litreview {_version('litreview')}, markdown {_version('markdown')}, "
        f"jinja2 {_version('jinja2')}, pybtex {_version('pybtex')}",
    ]


def code_line(tree: Path) -> str:
    """Which litreview was measured: its folder, and its commit when it is a git clone."""
    line = f"code    : litreview from {tree}"
    if (tree / ".git").exists():
        git = ["git", "-C", str(tree)]
        commit = subprocess.run(
            [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        ).stdout.strip()
        dirty = subprocess.run(
            [*git, "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.splitlines()
        line += f" at {commit}" + (f" + {len(dirty)} modified files" if dirty else "")
    return line
