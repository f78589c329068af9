"""What topic edits write reads back as written, through the loader's own YAML library."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.curate.commands import new_topic
from generator.curate.yamltext import scalar
from generator.errors import Diagnostics
from generator.load.topics import parse_topic
from generator.load.yamlsource import load_yaml
from generator.project import Project

# Words YAML 1.1 (PyYAML) reads as something other than a string: ruamel.yaml (YAML 1.2)
# wrote them plain, and `litreview new-topic on` made a file `check` rejected.
RETYPED = ["on", "off", "yes", "no", "On", "Y", "~", "null", "true", "1_000", "0o17", "1e3",
           "2024-01-02", "12:30:00", ".inf", "-.NaN", "0x1F", "+1"]  # fmt: skip


@given(st.text(min_size=1, max_size=80) | st.sampled_from(RETYPED))
def test_every_string_reads_back_as_itself(value: str) -> None:
    """`scalar(value)` as a mapping value loads, located, as exactly `value`."""
    ok, data = load_yaml(f"title: {scalar(value)}\n", "t.yaml", Diagnostics())
    assert ok and data["title"] == value


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(min_size=1, max_size=60).filter(str.strip) | st.sampled_from(RETYPED))
def test_new_topic_titles_read_back(tmp_path: Path, title: str) -> None:
    """Whatever title `new-topic` is given, the file it writes checks and holds that title."""
    root = tmp_path / "p"
    (root / "content/topics").mkdir(parents=True, exist_ok=True)
    target = root / "content/topics/t.yaml"
    target.unlink(missing_ok=True)
    new_topic(Project.at(root), "t", None, title, Diagnostics())
    diagnostics = Diagnostics()
    topic = parse_topic("t", target.read_text(encoding="utf-8"), "t.yaml", diagnostics)
    assert not diagnostics.problems and topic is not None
    assert topic.title == title.strip()
