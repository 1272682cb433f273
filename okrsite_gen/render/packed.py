"""Text held compressed until it is read.

A site build holds every generated page at once, as Markdown and as HTML, until MkDocs
takes them one at a time: at 10,000 objectives that is over 600 MB of text, the build's
peak memory. Kept compressed (zlib's fastest level: about a quarter of the size, a few
seconds of CPU for all of it), the same pages take a few hundred MB less.
"""

from __future__ import annotations

import zlib


def pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 1)


def unpack(packed: bytes) -> str:
    return zlib.decompress(packed).decode("utf-8")
