"""Time the generator alone in this fresh process: `python bench/pipeline_timer.py ROOT`.

Prints one JSON line: the time to import the package and what the pipeline needs
(``import_s``), the wall and CPU time of `build_pages` (``pipeline_s``,
``pipeline_cpu_s``) and the number of pages.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(root: Path) -> None:
    start = time.perf_counter()
    from generator.errors import Diagnostics
    from generator.pipeline import build_pages
    from generator.project import Project
    from generator.render.renderer import RenderOptions

    imported = time.perf_counter()
    cpu = time.process_time()
    build = build_pages(Project.at(root), RenderOptions(), Diagnostics())
    done = time.perf_counter()
    report = {
        "import_s": imported - start,
        "pipeline_s": done - imported,
        "pipeline_cpu_s": time.process_time() - cpu,
        "pages": len(build.pages),
        "markdown_bytes": sum(len(page.text.encode("utf-8")) for page in build.pages),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
