"""English wording shared by the commands' messages (no imports: `check` reads it too)."""

from __future__ import annotations


def counted(count: int, word: str, plural: str = "") -> str:
    """ "1 objective", "3 objectives"; `plural` where adding an s is wrong."""
    return f"{count} {word if count == 1 else plural or word + 's'}"
