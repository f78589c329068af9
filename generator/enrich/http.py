"""HTTP for enrich: one GET at a time, spaced as each service asks, through a transport
that is passed in.

The transport is the only part that touches the network: tests pass one that answers
with recorded responses, so everything after it (parsing, matching, merging) is the real
code. `urllib` is enough for single GETs with headers and a timeout.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass

TIMEOUT = 20.0  # seconds; the arXiv API can take several seconds for a batch of ids


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes


class NetworkError(Exception):
    """The service could not be reached (no network, DNS, refused, timed out)."""


class ServiceError(Exception):
    """The service answered, but not with something we can use."""


# A transport GETs a URL with the given headers and returns the status and body; it
# raises `NetworkError` when nothing answered.
Transport = Callable[[str, Mapping[str, str]], Response]


def urllib_transport(url: str, headers: Mapping[str, str]) -> Response:
    if not url.startswith("https://"):
        raise ValueError(f"enrich only fetches https URLs, not {url!r}")
    request = urllib.request.Request(url, headers=dict(headers))  # noqa: S310 (https only, above)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310
            return Response(answer.status, answer.read())
    except urllib.error.HTTPError as exc:
        return Response(exc.code, exc.read() or b"")
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise NetworkError(str(reason)) from exc


class Throttle:
    """Keeps at least `interval` seconds between the starts of two requests."""

    def __init__(
        self,
        interval: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self._last: float | None = None

    def wait(self) -> None:
        if self._last is not None:
            delay = self._last + self.interval - self.clock()
            if delay > 0:
                self.sleep(delay)
        self._last = self.clock()


def user_agent(mailto: str | None) -> str:
    """Crossref's etiquette: name the tool and, for its polite pool, a contact address."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        own = version("litreview")
    except PackageNotFoundError:  # running from a source tree that was not installed
        own = "0"
    contact = f"; mailto:{mailto}" if mailto else ""
    return f"litreview/{own} (literature-review site generator{contact})"
