"""Running a command and measuring its wall time and peak memory (max RSS)."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

GNU_TIME = Path("/usr/bin/time")
BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent
# Runs the command and prints the peak RSS of its children in KiB (Linux units) and
# their CPU time (user + system).
_RUSAGE_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(f'maxrss_kb={usage.ru_maxrss} cpu_s={usage.ru_utime + usage.ru_stime}', "
    "file=sys.stderr)\n"
    "sys.exit(code)\n"
)


# 1-minute load averages seen at the start and end of each measured command: other
# work on the machine shows in wall times (CPU times are less sensitive to it).
LOAD_SAMPLES: list[float] = []


@dataclass(frozen=True)
class Run:
    seconds: float
    max_rss_mb: float
    log: str
    cpu_seconds: float = 0.0


class CommandFailed(RuntimeError):
    pass


def tool_env() -> dict[str, str]:
    """The environment of every child: MkDocs 2 notice off, the venv's tools first."""
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.pop("SITE_URL", None)
    return env


def measured(command: list[str], cwd: Path, timeout: float) -> Run:
    """Wall time and peak RSS of `command`, via GNU time, or getrusage in a wrapper."""
    if GNU_TIME.exists():
        wrapped = [str(GNU_TIME), "-f", "maxrss_kb=%M cpu_s=%U+%S", *command]
    else:
        wrapped = [sys.executable, "-c", _RUSAGE_WRAPPER, *command]
    LOAD_SAMPLES.append(os.getloadavg()[0])
    start = time.perf_counter()
    done = subprocess.run(
        wrapped, cwd=cwd, env=tool_env(), capture_output=True, text=True, timeout=timeout
    )
    seconds = time.perf_counter() - start
    LOAD_SAMPLES.append(os.getloadavg()[0])
    log = done.stdout + done.stderr
    if done.returncode != 0:
        raise CommandFailed(f"{' '.join(command)} failed ({done.returncode}):\n{log[-3000:]}")
    usage = [line for line in log.splitlines() if line.startswith("maxrss_kb=")]
    fields = dict(item.split("=", 1) for item in usage[-1].split()) if usage else {}
    cpu = sum(float(part) for part in fields.get("cpu_s", "0").split("+"))
    return Run(seconds, int(fields.get("maxrss_kb", "0")) / 1024, log, cpu)


def mkdocs_build(root: Path, config: str, site: Path, timeout: float) -> Run:
    """`mkdocs build` of `config` into a fresh `site` folder."""
    if site.exists():
        shutil.rmtree(site)
    command = [str(BIN / "mkdocs"), "build", "-f", config, "-d", str(site)]
    return measured(command, root, timeout)


def median_run(runs: list[Run]) -> Run:
    ordered = sorted(runs, key=lambda r: r.seconds)
    middle = ordered[(len(ordered) - 1) // 2]
    return Run(statistics.median(r.seconds for r in runs), max(r.max_rss_mb for r in runs),
               middle.log, statistics.median(r.cpu_seconds for r in runs))  # fmt: skip


def warnings_in(log: str) -> list[str]:
    return [line for line in log.splitlines() if line.startswith(("WARNING", "ERROR"))]


@dataclass(frozen=True)
class GeneratorTime:
    import_s: float
    pipeline_s: float
    pipeline_cpu_s: float
    pages: int
    max_rss_mb: float


def generator_time(root: Path, runs: int, timeout: float) -> GeneratorTime:
    """Medians over `runs` fresh processes of importing the package and of the pipeline."""
    results = []
    for _ in range(runs):
        run = measured([sys.executable, str(HERE / "pipeline_timer.py"), str(root)], root, timeout)
        line = next(x for x in run.log.splitlines() if x.startswith("{"))
        results.append((json.loads(line), run.max_rss_mb))
    return GeneratorTime(
        import_s=statistics.median(r["import_s"] for r, _ in results),
        pipeline_s=statistics.median(r["pipeline_s"] for r, _ in results),
        pipeline_cpu_s=statistics.median(r["pipeline_cpu_s"] for r, _ in results),
        pages=results[0][0]["pages"],
        max_rss_mb=max(rss for _, rss in results),
    )
