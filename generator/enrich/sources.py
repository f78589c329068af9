"""The two services as enrich asks them: throttled, and given up on for the rest of a run
once they cannot be reached or refuse to serve (429, 5xx), so an offline run makes one
failed request per service instead of one per paper.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from generator.enrich import arxiv, crossref
from generator.enrich.arxiv import ArxivEntry, ArxivError
from generator.enrich.crossref import CrossrefError, CrossrefWork
from generator.enrich.http import NetworkError, Response, Throttle, Transport, user_agent

ARXIV, CROSSREF = "arXiv", "Crossref"


@dataclass
class Sources:
    transport: Transport
    mailto: str | None = None
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    arxiv_batch: int = arxiv.BATCH
    # service → why it was given up on ("unreachable: timed out", "answered HTTP 503")
    down: dict[str, str] = field(default_factory=dict)
    # service → answers received
    answered: dict[str, int] = field(default_factory=dict)
    # problems with single requests, for the report
    failures: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._throttles = {
            ARXIV: Throttle(arxiv.INTERVAL, self.clock, self.sleep),
            CROSSREF: Throttle(crossref.INTERVAL, self.clock, self.sleep),
        }
        self._headers = {"User-Agent": user_agent(self.mailto)}

    @property
    def offline(self) -> bool:
        """Nothing answered, and at least one service was unreachable."""
        return bool(self.down) and not any(self.answered.values())

    def why_offline(self) -> str:
        """``no network (arXiv unreachable)``, or what the services answered instead."""
        unreachable = [s for s, why in self.down.items() if why.startswith("unreachable")]
        if len(unreachable) == len(self.down):
            return f"no network ({' and '.join(unreachable)} unreachable)"
        return "; ".join(f"{service} {why}" for service, why in self.down.items())

    def arxiv_by_ids(self, ids: Sequence[str]) -> dict[str, ArxivEntry]:
        """The entries arXiv has for these ids (without versions), by id."""
        found: dict[str, ArxivEntry] = {}
        for start in range(0, len(ids), self.arxiv_batch):
            batch = list(ids[start : start + self.arxiv_batch])
            for entry in self._arxiv(arxiv.id_query_url(batch), f"ids {', '.join(batch)}"):
                found[entry.arxiv_id] = entry
        return found

    def arxiv_by_title(self, title: str) -> list[ArxivEntry]:
        return self._arxiv(arxiv.title_query_url(title), f"title {title!r}")

    def crossref_work(self, doi: str) -> CrossrefWork | None:
        response = self._get(CROSSREF, crossref.work_url(doi, self.mailto))
        if response is None or response.status == 404:
            return None
        if response.status != 200:
            self.failures.append(f"Crossref answered HTTP {response.status} for DOI {doi}")
            return None
        try:
            return crossref.parse_work(response.body)
        except CrossrefError as exc:
            self.failures.append(f"{exc} (DOI {doi})")
            return None

    def _arxiv(self, url: str, what: str) -> list[ArxivEntry]:
        response = self._get(ARXIV, url)
        if response is None:
            return []
        try:
            if response.status != 200:
                message = arxiv.error_message(response.body) or "no message"
                raise ArxivError(f"arXiv answered HTTP {response.status} ({message})")
            return arxiv.parse_feed(response.body)
        except ArxivError as exc:
            self.failures.append(f"{exc} for {what}")
            return []

    def _get(self, service: str, url: str) -> Response | None:
        if service in self.down:
            return None
        self._throttles[service].wait()
        try:
            response = self.transport(url, self._headers)
        except NetworkError as exc:
            self.down[service] = f"unreachable: {exc}"
            return None
        if response.status == 429 or response.status >= 500:
            self.down[service] = f"answered HTTP {response.status}"
            return None
        self.answered[service] = self.answered.get(service, 0) + 1
        return response
