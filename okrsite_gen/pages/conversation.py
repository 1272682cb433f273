"""Comments on the site: each one on its objective's page (and its KR's card), kudos on
people's pages and the recognition page, recent conversation on the home page.

`gather` reads the comments the graph attached to objective and KR nodes. It is given the
graph the site shows (the public view unless private objectives are included), so a
comment on a private objective is simply not there: no page, list or feed can show it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..comment_file import AUTHOR_PLACEHOLDER, comment_path, comment_template
from ..graph.keys import CONTRIBUTES, person_key, split_key
from ..graph.okr_graph import OkrGraph
from ..incremental.reads import ReadLog, TrackedDict
from ..model import Comment
from ..render.text import plain_text
from .common import PageContext
from .urls import objective_path

KIND_LABELS = {"question": "Question", "feedback": "Feedback", "kudos": "Kudos"}
KUDOS_PATH = "kudos.md"
_RECENT_KUDOS = 50
_EXCERPT = 180


@dataclass(frozen=True, slots=True)
class Entry:
    """One comment where the site shows it: its objective, its KR (if it names one), and
    the anchor of its card on the objective's page."""

    comment: Comment
    objective: str  # objective node key
    kr: str | None  # KR node key, for a comment on one key result
    anchor: str

    @property
    def day(self) -> date:
        return self.comment.date or date.min


@dataclass(slots=True)
class Conversation:
    """Every comment of the shown graph, oldest first, with look-ups by place and author."""

    entries: list[Entry] = field(default_factory=list)
    _by_objective: dict[str, list[Entry]] = field(default_factory=dict)
    _by_kr: dict[str, list[Entry]] = field(default_factory=dict)
    _by_author: dict[str, list[Entry]] = field(default_factory=dict)
    _kudos_received: dict[str, list[Entry]] = field(default_factory=dict)  # by person key

    def on(self, objective: str) -> list[Entry]:
        """Comments on an objective and on its key results, oldest first."""
        return self._by_objective.get(objective, [])

    def on_kr(self, kr: str) -> list[Entry]:
        return self._by_kr.get(kr, [])

    def by_author(self, person_id: str) -> list[Entry]:
        return self._by_author.get(person_id, [])

    def kudos(self) -> list[Entry]:
        return [e for e in self.entries if e.comment.kind == "kudos"]

    def kudos_received(self, person: str) -> list[Entry]:
        """Kudos a person receives: on objectives they own or contribute to, on KRs they
        own (indexed by `gather`, in one pass over the kudos)."""
        return self._kudos_received.get(person, [])

    def track_reads(self, log: ReadLog) -> dict[str, dict[Any, Any]]:
        """Make the look-ups note their reads in `log` (serve's page memo); the tracked
        mappings, by namespace."""
        self._by_objective = TrackedDict(self._by_objective, log, "comments_on")
        self._by_kr = TrackedDict(self._by_kr, log, "comments_on_kr")
        self._by_author = TrackedDict(self._by_author, log, "comments_by")
        self._kudos_received = TrackedDict(self._kudos_received, log, "kudos_to")
        return {
            "comments_on": self._by_objective,
            "comments_on_kr": self._by_kr,
            "comments_by": self._by_author,
            "kudos_to": self._kudos_received,
        }


def _order(comment: Comment) -> tuple[date, str]:
    return (comment.date or date.min, comment.loc.file)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def gather(graph: OkrGraph) -> Conversation:
    """Index the comments attached to the graph's objective and KR nodes (once per build)."""
    conversation = Conversation()
    for key in graph.objective_keys():
        found = [(c, None) for c in graph.nodes[key].get("comments", [])]
        for kr in graph.krs_of(key):
            found += [(c, kr) for c in graph.nodes[kr].get("comments", [])]
        found.sort(key=lambda pair: _order(pair[0]))
        used: set[str] = set()
        entries = []
        for comment, kr in found:
            # The file name says who and when; unique on the page even if two files share it.
            stem = comment.loc.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            base = f"comment-{_slug(stem) or 'x'}"
            anchor, number = base, 2
            while anchor in used:
                anchor, number = f"{base}-{number}", number + 1
            used.add(anchor)
            entries.append(Entry(comment, key, kr, anchor))
        if entries:
            conversation._by_objective[key] = entries
            for entry in entries:
                if entry.kr:
                    conversation._by_kr.setdefault(entry.kr, []).append(entry)
            conversation.entries.extend(entries)
    conversation.entries.sort(key=lambda e: (*_order(e.comment), e.objective))
    by_author: dict[str, list[Entry]] = defaultdict(list)
    for entry in conversation.entries:
        by_author[entry.comment.author].append(entry)
    conversation._by_author = dict(by_author)
    received: dict[str, list[Entry]] = defaultdict(list)
    for entry in conversation.kudos():
        for key in _recipients(graph, entry):
            received[key].append(entry)
    conversation._kudos_received = dict(received)
    return conversation


def newest_first(entries: list[Entry], today: date | None = None) -> list[Entry]:
    """Entries newest first; those dated after `today` (not written yet) left out."""
    shown = [e for e in entries if today is None or e.day <= today]
    return sorted(shown, key=lambda e: (*_order(e.comment), e.objective), reverse=True)


def excerpt(text: str, limit: int = _EXCERPT) -> str:
    """The first words of a comment as plain text, for lists and feeds."""
    words = plain_text(text).replace("**", "")
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def comment_row(
    ctx: PageContext, from_path: str, entry: Entry, body: bool = True
) -> dict[str, Any]:
    """A comment as a template shows it: kind badge, author, date, target, text."""
    graph = ctx.graph
    comment = entry.comment
    author_key = person_key(comment.author)
    kr = None
    if entry.kr:
        kr = ctx.link(from_path, entry.kr)
    objective = graph.objective(entry.objective)
    return {
        "anchor": entry.anchor,
        "kind": comment.kind,
        "kind_label": KIND_LABELS.get(comment.kind, comment.kind),
        "date": comment.date.isoformat() if comment.date else "",
        "author": ctx.link(from_path, author_key) if author_key in graph else None,
        "author_id": comment.author,
        "kr": kr,
        "kr_id": split_key(entry.kr)[1].partition("#")[2] if entry.kr else None,
        "objective_title": plain_text(objective.title),
        "url": ctx.urls.link(from_path, objective_path(objective.id), entry.anchor),
        "body": ctx.markdown.block(comment.body) if body else "",
        "excerpt": excerpt(comment.body),
    }


def kind_counts(entries: list[Entry]) -> list[dict[str, Any]]:
    """How many comments of each kind, in a fixed order: "1 question, 2 kudos"."""
    counts = {kind: 0 for kind in KIND_LABELS}
    for entry in entries:
        counts[entry.comment.kind] = counts.get(entry.comment.kind, 0) + 1
    return [
        {"kind": kind, "count": count, "label": KIND_LABELS.get(kind, kind).lower()}
        for kind, count in counts.items()
        if count
    ]


def new_comment_url(ctx: PageContext, target: str) -> str | None:
    """The forge's new-file page for a comment on `target` (``objective`` or ``id#kr``),
    its path and front matter filled in; None without a forge."""
    if ctx.forge is None:
        return None
    slug = target.partition("#")[2] or "comment"
    path = comment_path(target, ctx.today, AUTHOR_PLACEHOLDER, slug)
    return ctx.forge.new_file(path, comment_template(target, ctx.today))


def _recipients(graph: OkrGraph, entry: Entry) -> list[str]:
    """The people a kudos recognises (person keys, each once, in a stable order)."""
    found = [graph.owner_of(entry.objective), *graph.sources(entry.objective, CONTRIBUTES)]
    if entry.kr:
        found.append(graph.owner_of(entry.kr))
    people = (key for key in found if key and graph.node_type(key) == "person")
    return list(dict.fromkeys(people))


def person_conversation(ctx: PageContext, path: str, key: str) -> dict[str, Any]:
    """The person page's kudos received and comments given, newest first."""
    conversation = ctx.conversation
    if conversation is None:
        return {"kudos_received": [], "comments_given": []}
    person_id = split_key(key)[1]
    received = conversation.kudos_received(key)
    return {
        "kudos_received": [comment_row(ctx, path, e) for e in newest_first(received)],
        "comments_given": [
            comment_row(ctx, path, e, body=False)
            for e in newest_first(conversation.by_author(person_id))
        ],
    }


def kudos_page(ctx: PageContext) -> dict[str, Any]:
    """The recognition page: the most recent kudos across the company."""
    conversation = ctx.conversation
    kudos = newest_first(conversation.kudos(), ctx.today) if conversation else []
    return {
        "path": KUDOS_PATH,
        "title": "Recognition",
        "kudos": [comment_row(ctx, KUDOS_PATH, e) for e in kudos[:_RECENT_KUDOS]],
        "total": len(kudos),
    }


def recent_conversation(ctx: PageContext, path: str, limit: int) -> list[dict[str, Any]]:
    conversation = ctx.conversation
    if conversation is None:
        return []
    recent = newest_first(conversation.entries, ctx.today)[:limit]
    return [comment_row(ctx, path, e, body=False) for e in recent]


def objective_conversation(ctx: PageContext, path: str, key: str) -> dict[str, Any]:
    """The comments section of an objective page, and each KR's share of it."""
    conversation = ctx.conversation
    entries = conversation.on(key) if conversation else []
    objective_id = split_key(key)[1]
    rows = [comment_row(ctx, path, e) for e in entries]
    by_kr: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry, row in zip(entries, rows, strict=True):
        if entry.kr:
            by_kr[split_key(entry.kr)[1].partition("#")[2]].append(row)
    return {
        "comments": rows,
        "comment_counts": kind_counts(entries),
        "comments_by_kr": dict(by_kr),
        "new_comment_url": new_comment_url(ctx, objective_id),
        "kudos_url": ctx.urls.link(path, KUDOS_PATH),
    }


__all__ = [
    "KUDOS_PATH",
    "Conversation",
    "Entry",
    "comment_row",
    "excerpt",
    "gather",
    "kudos_page",
    "new_comment_url",
    "newest_first",
    "objective_conversation",
    "person_conversation",
    "recent_conversation",
]
