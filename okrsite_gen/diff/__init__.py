"""`okrsite diff`: what a change does to the OKRs, between two states of the repository.

read_state (a git revision or the working tree) -> diff_states -> render. The comparison
builds records a reader may see (private objectives redacted unless asked for); the
renderers only lay them out as Markdown, text or JSON.
"""

from __future__ import annotations

from .compare import diff_states
from .model import (
    Affected,
    FieldChange,
    Impact,
    KrChange,
    Notify,
    ObjectiveChange,
    OkrDiff,
    ProgressChange,
)
from .render import FORMATS, render, to_json
from .state import WORKING_TREE, State, read_state

__all__ = [
    "FORMATS",
    "WORKING_TREE",
    "Affected",
    "FieldChange",
    "Impact",
    "KrChange",
    "Notify",
    "ObjectiveChange",
    "OkrDiff",
    "ProgressChange",
    "State",
    "diff_states",
    "read_state",
    "render",
    "to_json",
]
