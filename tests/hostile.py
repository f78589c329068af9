"""A small project whose data and curator prose try every way into a page's markup.

Shared by the build read-back tests (tests/test_security.py) and the Chromium checks
(tests/browser/test_hostile.py): each title is what a reader must see, as written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from tests.support import FIXTURES

# Paper titles as the .bib file states them (BibTeX braces balanced), by key.
PAPER_TITLES = {
    "benign": "Benign</title><script>alert(1)</script>",
    "attribute-break": "\"><img src=x onerror=alert(2)> 'single' AT&T &amp; {{ 7*7 }}",
    "markdown-break": "*Bold* [x](javascript:alert(3)) <svg onload=alert(4)> </p>",
}
TOPIC_TITLE = 'Hostile</title><script>alert(5)</script> "q" <!-- c --> <img src=x onerror=alert(6)>'
SECTION_TITLE = 'Section <script>alert(7)</script> & "quoted"'
SUMMARY = 'He said "stop" & <b>left</b>; 5 > 3. More [@benign].'
# What <meta name="description"> must hold: the summary's lead as text, tags dropped.
DESCRIPTION = 'He said "stop" & left; 5 > 3. More.'

_BIB = """
@misc{{benign,
  title = {{{benign}}},
  abstract = {{An abstract with "quotes" and <b>bold</b> and </textarea><script>alert(8)</script>.}},
}}

@misc{{attribute-break,
  title = {{{attribute-break}}},
  year = {{2024}},
}}

@misc{{markdown-break,
  title = {{{markdown-break}}},
}}
"""

# Curator prose that tries to run script: every attempt must be removed, the rest kept.
PROSE = """\
<script>alert(9)</script>
Inline <img src="../../assets/images/favicon.png" alt="icon" onload="alert(10)"> and
[js](javascript:alert(11)) and [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMik8L3NjcmlwdD4=)
and <a href="jav&#x61;script:alert(13)">entity</a> and [kept](https://example.org/){: onclick="alert(14)" }
<svg><script>alert(15)</script></svg> <iframe src="javascript:alert(16)"></iframe>
<style>body { display: none }</style> <form action="javascript:alert(17)"><button>go</button></form>
<a href="&amp;#106;avascript:alert(18)">twice</a> <div markdown="1" style="x" id="__md_scope">d</div>

Code keeps the syntax: `[@benign]` and `[@no-such-key]`.

```
[@no-such-key] stays literal
```
"""
NOTE = 'Note <img src="../../assets/images/favicon.png" onload="alert(19)"> [x](javascript:alert(20)) `[@benign]`'

_INDENTED_PROSE = "".join(f"  {line}\n" if line else "\n" for line in PROSE.splitlines())
_TOPIC = f"""\
title: '{TOPIC_TITLE.replace("'", "''")}'
parent: scaling-laws
summary: |
  {SUMMARY}

{_INDENTED_PROSE}papers:
  - key: benign
    note: '{NOTE}'
  - attribute-break
sections:
  - title: '{SECTION_TITLE}'
    papers: [markdown-break]
"""


def hostile_project(target: Path) -> Path:
    """The small fixture project plus papers and a topic whose text is hostile."""
    shutil.copytree(FIXTURES / "small", target)
    bib = target / "content/papers/library.bib"
    with bib.open("a", encoding="utf-8") as handle:
        handle.write(_BIB.format(**PAPER_TITLES))
    (target / "content/topics/hostile.yaml").write_text(_TOPIC, encoding="utf-8")
    return target


def live_markup(html: str) -> list[str]:
    """Every piece of live markup in a page that data could have put there: scripts
    that are not the site's own, event-handler attributes, script URLs."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        if tag.name == "script" and "alert" in tag.get_text():
            found.append(str(tag))
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}=…>")
            if text.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                found.append(f"<{tag.name} {name}={text[:40]}>")
        embedded = tag.name in ("iframe", "object", "embed", "base", "form", "meta")
        if embedded and "alert" in str(tag):
            found.append(str(tag)[:80])
    return found
