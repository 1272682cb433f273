"""A cycle's activity, newest first: check-ins, comments and status changes (from git
history, where the site is built in a checkout), as a page and as an Atom feed.

Events come from the graph the site shows, so nothing about a private objective is in
either. Nothing dated after "today" is listed: the page and feed of a given day are the
same whenever they are built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal
from urllib.parse import quote

from markupsafe import Markup

from ..graph.keys import person_key
from ..history import StatusChange
from ..model import Cycle
from ..render.atom import FeedEntry, atom_feed
from ..render.text import number, plain_text
from .common import Link, PageContext
from .conversation import KIND_LABELS, excerpt
from .urls import objective_path

EventKind = Literal["checkin", "comment", "status"]
_URL_SAFE = "/.-_~!$&'()*+,;=:@#"
_URN_SAFE = "/:@-._~!$&'()*+,;="  # RFC 8141: what a URN may hold unescaped ("#" may not)
PAGE_LIMIT = 300  # a big company's quarter has thousands: the page shows the latest
FEED_LIMIT = 100


def activity_path(cycle_id: str) -> str:
    return f"activity/{cycle_id}.md"


def feed_path(cycle_id: str) -> str:
    return f"activity/{cycle_id}.xml"


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened to one objective. Text fields are plain (not escaped)."""

    when: datetime  # aware; a dated event happened at midnight UTC of its day
    kind: EventKind
    badge: str  # checkin | question | feedback | kudos | status
    label: str  # "Check-in", "Kudos"...
    objective: str  # objective node key
    kr_id: str | None  # the key result it is about, if one
    anchor: str  # where on the objective's page
    title: str
    who: str
    who_key: str | None  # a person node, when the event names one
    detail: str  # what was said or measured
    # A comment's text or a check-in's note, Markdown: made HTML for the feed only, whose
    # 100 entries are a few of a big company's thousands of events.
    text: str | None
    text_is_inline: bool  # a note (one line, inline Markdown), not a comment (blocks)
    uid: str  # unique and permanent: the feed entry's id

    @property
    def day(self) -> date:
        return self.when.date()


def _text_html(ctx: PageContext, event: Event) -> Markup | str:
    if not event.text:
        return ""
    return (
        ctx.markdown.inline(event.text) if event.text_is_inline else ctx.markdown.block(event.text)
    )


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _who(ctx: PageContext, person_id: str | None) -> tuple[str, str | None]:
    if not person_id:
        return "", None
    key = person_key(person_id)
    return (ctx.display_name(key), key) if key in ctx.graph else (person_id, None)


def cycle_events(
    ctx: PageContext, keys: list[str], status_changes: list[StatusChange], files: dict[str, str]
) -> list[Event]:
    """Every event of the objectives `keys` up to today, newest first.

    `files` maps an objective file (``content/okrs/...``) to its shown objective's key:
    status changes of any other file (a private objective's) are not this site's to show.
    """
    graph = ctx.graph
    members = set(keys)
    events: list[Event] = []
    for key in keys:
        objective = graph.objective(key)
        title = plain_text(objective.title)
        for kr in objective.key_results:
            seen: dict[date, int] = {}
            for checkin in kr.checkins:
                if checkin.date is None or checkin.date > ctx.today:
                    continue
                # Permanent ids: a KR's date, numbered only when one day has several.
                nth = seen[checkin.date] = seen.get(checkin.date, 0) + 1
                if checkin.value is not None:
                    value = number(checkin.value, kr.unit)
                elif checkin.done is not None:
                    value = "done" if checkin.done else "not done"
                elif checkin.progress is not None:
                    value = f"{round(checkin.progress * 100)}%"
                else:
                    value = ""
                if checkin.confidence is not None:
                    value += f" (confidence {round(checkin.confidence * 100)}%)"
                who, who_key = _who(ctx, checkin.by)
                events.append(
                    Event(
                        when=_midnight(checkin.date),
                        kind="checkin",
                        badge="checkin",
                        label="Check-in",
                        objective=key,
                        kr_id=kr.id,
                        anchor=f"kr-{kr.id}",
                        title=f"{kr.id}: {plain_text(kr.title)}",
                        who=who,
                        who_key=who_key,
                        detail=" — ".join(
                            p for p in (value.strip(), plain_text(checkin.note)) if p
                        ),
                        text=checkin.note or None,
                        text_is_inline=True,
                        uid=f"checkin/{kr.ref}/{checkin.date.isoformat()}"
                        + (f"/{nth}" if nth > 1 else ""),
                    )
                )
    conversation = ctx.conversation
    for entry in conversation.entries if conversation else []:
        if entry.objective not in members or entry.day > ctx.today:
            continue
        comment = entry.comment
        who, who_key = _who(ctx, comment.author)
        label = KIND_LABELS.get(comment.kind, comment.kind)
        target = plain_text(graph.objective(entry.objective).title)
        if entry.kr:
            target += f", key result {entry.kr.partition('#')[2]}"
        events.append(
            Event(
                when=_midnight(entry.day),
                kind="comment",
                badge=comment.kind,
                label=label,
                objective=entry.objective,
                kr_id=entry.kr.partition("#")[2] if entry.kr else None,
                anchor=entry.anchor,
                title=f"{label} from {who} on “{target}”",
                who=who,
                who_key=who_key,
                detail=excerpt(comment.body),
                text=comment.body,
                text_is_inline=False,
                uid=f"comment/{comment.loc.file}",
            )
        )
    for change in status_changes:
        key = files.get(change.path)
        if key is None or key not in members:
            continue
        try:
            when = datetime.fromisoformat(change.commit.date)
        except ValueError:
            continue
        if when.date() > ctx.today:
            continue
        title = plain_text(graph.objective(key).title)
        events.append(
            Event(
                when=when,
                kind="status",
                badge="status",
                label="Status",
                objective=key,
                kr_id=None,
                anchor="",
                title=f"“{title}”: {change.before} → {change.after}",
                who=change.commit.author,
                who_key=None,
                detail=f"{change.before} → {change.after}",
                text=None,
                text_is_inline=False,
                uid=f"status/{change.commit.sha}/{graph.objective(key).id}",
            )
        )
    events.sort(key=lambda e: (e.when, e.kind, e.uid), reverse=True)
    return events


def _row(ctx: PageContext, path: str, event: Event) -> dict[str, Any]:
    objective = ctx.graph.objective(event.objective)
    title = plain_text(objective.title)
    page = Link(title, ctx.urls.link(path, objective_path(objective.id)))
    # A check-in is about a KR (its objective below it); the rest about the objective.
    checkin = event.kind == "checkin"
    return {
        "date": event.day.isoformat(),
        "badge": event.badge,
        "label": event.label,
        "objective": page if checkin else None,
        "kr_note": f"key result {event.kr_id}" if event.kr_id and not checkin else "",
        "url": ctx.urls.link(path, objective_path(objective.id), event.anchor),
        "title": event.title if checkin else title,
        "who": ctx.link(path, event.who_key) if event.who_key else None,
        "who_name": event.who,
        "detail": event.detail,
    }


def activity_page(ctx: PageContext, cycle: Cycle, events: list[Event]) -> dict[str, Any]:
    path = activity_path(cycle.id)
    shown = events[:PAGE_LIMIT]
    return {
        "path": path,
        "title": f"Activity in {cycle.title or cycle.id}",
        "cycle": ctx.link(path, f"cycle:{cycle.id}"),
        "feed_url": ctx.urls.link(path, feed_path(cycle.id)),
        "events": [_row(ctx, path, e) for e in shown],
        "total": len(events),
        "counts": {
            kind: sum(1 for e in events if e.kind == kind)
            for kind in ("checkin", "comment", "status")
        },
    }


def _absolute(site_url: str, url: str) -> str:
    return f"{site_url.rstrip('/')}/{quote(url, safe=_URL_SAFE)}"


def activity_feed(ctx: PageContext, cycle: Cycle, events: list[Event], site_url: str = "") -> str:
    """The cycle's Atom feed. Links are absolute when the site's address is known
    (`site_url`), else relative to the feed (which Atom allows: a reader resolves them)."""
    path = feed_path(cycle.id)
    org_name = ctx.graph.org.name if ctx.graph.org else "OKRs"
    namespace = f"urn:okrsite:{re.sub(r'[^a-z0-9]+', '-', org_name.lower()).strip('-') or 'okrs'}"

    def link(to_path: str, anchor: str = "") -> str:
        if site_url:
            url = ctx.urls.url_of(to_path) + (f"#{anchor}" if anchor else "")
            return _absolute(site_url, url)
        return ctx.urls.link(path, to_path, anchor)

    entries = []
    for event in events[:FEED_LIMIT]:
        objective = ctx.graph.objective(event.objective)
        entries.append(
            FeedEntry(
                id=f"{namespace}:{quote(event.uid, safe=_URN_SAFE)}",
                title=f"{event.label}: {event.title}" if event.kind == "checkin" else event.title,
                updated=event.when.isoformat().replace("+00:00", "Z"),
                link=link(objective_path(objective.id), event.anchor),
                author=event.who or org_name,
                summary=event.detail or event.title,
                content_html=str(_text_html(ctx, event)),
                categories=(event.badge,),
            )
        )
    newest = events[0].when if events else _midnight(ctx.today)
    return atom_feed(
        feed_id=f"{namespace}:activity:{quote(cycle.id, safe='-._~')}",
        title=f"{org_name}: activity in {cycle.title or cycle.id}",
        subtitle="Check-ins, comments and status changes, newest first.",
        updated=newest.isoformat().replace("+00:00", "Z"),
        author=org_name,
        self_link=link(path),
        page_link=link(activity_path(cycle.id)),
        entries=entries,
    )
