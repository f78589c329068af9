"""Results saved as JSON lines, one site per line, as each site finishes: a long run
that is interrupted keeps what it measured, and `run.py --report FILE` prints it."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from measure import GeneratorTime, Run
from report import SiteResult
from searchindex import IndexSize
from serve import ServeLatency


def _plain(result: SiteResult) -> dict[str, Any]:
    data = dataclasses.asdict(result)
    for name in ("plugin", "floor"):
        data[name]["log"] = ""  # build logs are long; their warnings are kept apart
    return data


def append_result(path: Path, result: SiteResult) -> None:
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(_plain(result), ensure_ascii=False) + "\n")


def read_results(path: Path) -> list[SiteResult]:
    results = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        data = json.loads(line)
        data["generator"] = GeneratorTime(**data["generator"])
        data["plugin"] = Run(**data["plugin"])
        data["floor"] = Run(**data["floor"])
        data["index"] = IndexSize(**data["index"])
        data["serve"] = {mode: ServeLatency(**s) for mode, s in data["serve"].items()}
        results.append(SiteResult(**data))
    return results
