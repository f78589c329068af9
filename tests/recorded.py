"""Recorded arXiv and Crossref responses (tests/fixtures/api/) served in place of the network.

The recordings are kept byte for byte as their projects ship them; these helpers only
take the response body and status out of each project's recording format. Everything
after the transport (parsing, matching, merging, writing) is litreview's real code.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

from generator.enrich.http import NetworkError, Response
from tests.support import FIXTURES

API_FIXTURES = FIXTURES / "api"


def arxiv_recording(name: str) -> Response:
    """An arxiv.py fixture: its `body` is the response bytes decoded as Latin-1."""
    data = json.loads((API_FIXTURES / "arxiv" / name).read_text(encoding="utf-8"))
    return Response(data["status_code"], data["body"].encode("latin-1"))


def crossref_recording(name: str) -> Response:
    """A habanero vcrpy cassette: the first interaction's response."""
    cassette = yaml.safe_load((API_FIXTURES / "crossref" / name).read_text(encoding="utf-8"))
    response = cassette["interactions"][0]["response"]
    return Response(response["status_code"], response["content"].encode("utf-8"))


def route(url: str) -> tuple[str, str]:
    """What a request asks for: ("ids", "a,b"), ("search", query) or ("doi", doi)."""
    parts = urlsplit(url)
    if parts.netloc == "api.crossref.org":
        return "doi", unquote(parts.path.removeprefix("/works/")).lower()
    query = parse_qs(parts.query)
    if query.get("id_list"):
        return "ids", ",".join(sorted(query["id_list"][0].split(",")))
    return "search", query["search_query"][0]


@dataclass
class Recorded:
    """A transport that answers from recordings, keyed by `route`, and logs each request
    with the fake clock's time; a request no recording answers fails the test."""

    answers: Mapping[tuple[str, str], Response]
    clock: FakeClock | None = None
    requests: list[tuple[float, str, dict[str, str]]] = field(default_factory=list)

    def __call__(self, url: str, headers: Mapping[str, str]) -> Response:
        now = self.clock() if self.clock else 0.0
        self.requests.append((now, url, dict(headers)))
        key = route(url)
        if key not in self.answers:
            raise AssertionError(f"no recording answers {key} ({url})")
        return self.answers[key]

    def asked(self, kind: str) -> list[str]:
        return [value for _, url, _ in self.requests for k, value in [route(url)] if k == kind]


def offline(url: str, headers: Mapping[str, str]) -> Response:
    """What `urllib_transport` raises when the machine has no network."""
    raise NetworkError("[Errno -3] Temporary failure in name resolution")


@dataclass
class FakeClock:
    """Time that passes only when slept, so throttling is checked without waiting."""

    now: float = 1000.0
    slept: list[float] = field(default_factory=list)

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds
