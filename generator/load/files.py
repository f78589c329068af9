"""Reading a user's file as text: one place for what can go wrong on the way.

Every input (store files, topic files, import sources) comes through `read_text`:
only regular files are opened (a FIFO named ``x.yaml`` would block forever), a
byte-order mark decides the encoding (UTF-8, UTF-16 or UTF-32 exports exist), and
bytes that do not decode become a located error with a hint that, when followed,
really reads the file, never a silent empty import.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path
from typing import AnyStr

from generator.codes import Code
from generator.errors import Diagnostics, Location

# Longest first: a UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_text(
    path: Path, shown: str, diagnostics: Diagnostics, what: str = "file", encoding: str = "utf-8"
) -> str | None:
    """The file's text, or None after a located error."""
    data = read_bytes(path, shown, diagnostics, what)
    return None if data is None else decode(data, shown, diagnostics, encoding, what)


def read_bytes(
    path: Path, shown: str, diagnostics: Diagnostics, what: str = "file"
) -> bytes | None:
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            diagnostics.error(
                Code.READ_ERROR, f"cannot read {what}: it is not a regular file", Location(shown)
            )
            return None
        return path.read_bytes()
    except OSError as exc:
        diagnostics.error(
            Code.READ_ERROR, f"cannot read {what}: {exc.strerror or exc}", Location(shown)
        )
        return None


def decode(
    data: bytes, shown: str, diagnostics: Diagnostics, encoding: str = "utf-8", what: str = "file"
) -> str | None:
    """Bytes to text: a byte-order mark wins over `encoding`. On failure a located error
    with an encoding hint, and None."""
    marked = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    try:
        text = data.decode(marked or encoding)
    except UnicodeDecodeError as exc:
        line, column = _line_column(data, exc.start, b"\n")
        name = guess_encoding(data)
        hint = f"; it looks like {name}: convert it to UTF-8 or pass --encoding {name}"
        diagnostics.error(
            Code.DECODE_ERROR,
            f"cannot decode byte 0x{data[exc.start]:02x} of this {what} as "
            f"{marked or encoding}{hint}",
            Location(shown, line, column),
        )
        return None
    if "\x00" in text:
        line, column = _line_column(text, text.index("\x00"), "\n")
        if data.count(0) * 4 >= len(data):
            # UTF-16 without a byte-order mark decodes as Latin-1 "successfully", with a
            # NUL beside every ASCII letter; no reader would find a single entry in it.
            name = _utf16_name(data)
            message = (
                f"this {what} holds NUL characters when read as {marked or encoding}; "
                f"it looks like {name}: pass --encoding {name}"
            )
        else:  # a stray NUL in a text file: no other encoding would read it better
            message = f"this {what} holds a NUL character (U+0000), which no text has: remove it"
        diagnostics.error(Code.DECODE_ERROR, message, Location(shown, line, column))
        return None
    return text.removeprefix("\ufeff")


def _line_column(content: AnyStr, at: int, newline: AnyStr) -> tuple[int, int]:
    """The 1-based line and column of offset `at` (in bytes or characters)."""
    start = content.rfind(newline, 0, at) + 1
    return content.count(newline, 0, at) + 1, at - start + 1


def _utf16_name(data: bytes) -> str:
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    return "utf-16-be" if even > odd else "utf-16-le"


def guess_encoding(data: bytes) -> str:
    """A hint only. NULs between ASCII bytes mean UTF-16; otherwise one of the two
    legacy encodings real .bib files come in: GBK writes every ideograph as two high
    bytes in a row; Latin-1 text has single accented letters inside ASCII words."""
    if data.count(0) * 4 >= len(data) > 0:
        return _utf16_name(data)
    high = [i for i, b in enumerate(data) if b > 0x7F]
    paired = sum(
        1
        for i in high
        if (i + 1 < len(data) and data[i + 1] > 0x7F) or (i > 0 and data[i - 1] > 0x7F)
    )
    try:
        data.decode("gbk")
    except UnicodeDecodeError:
        return "latin-1"
    return "gbk" if high and paired * 4 >= len(high) * 3 else "latin-1"
