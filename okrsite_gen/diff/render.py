"""An `OkrDiff` as Markdown (a PR comment), plain text (a terminal) or JSON (scripts).

Markdown and text share one layout; a `Style` decides how code, emphasis and headings
look. Markdown output stays under the size a forge accepts for one comment.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from ..render.text import forge_text
from ..report import as_dict
from ..wording import counted
from .model import Affected, FieldChange, Impact, KrChange, ObjectiveChange, OkrDiff, ProgressChange

FORMATS = ("markdown", "text", "json")
# GitHub refuses comments over 65,536 characters; leave room for the CI's marker line.
MAX_MARKDOWN = 60_000
LIST_LIMIT = 10  # names shown in one impact line before "and N more"


@dataclass(frozen=True, slots=True)
class Style:
    markdown: bool

    def code(self, text: str) -> str:
        if not self.markdown:
            return text
        fence = "``" if "`" in text else "`"
        return f"{fence}{text}{fence}" if fence == "`" else f"{fence} {text} {fence}"

    def bold(self, text: str) -> str:
        return f"**{text}**" if self.markdown else text

    def user(self, text: str) -> str:
        """Text users wrote (titles): one line; in Markdown, no pings and no raw HTML."""
        return forge_text(text) if self.markdown else " ".join(text.split())

    def heading(self, level: int, text: str) -> list[str]:
        if self.markdown:
            return ["", f"{'#' * level} {text}", ""]
        return ["", text, ("=" if level <= 2 else "-") * len(text)]


def render(diff: OkrDiff, output_format: str) -> str:
    """The diff in one of FORMATS."""
    if output_format == "json":
        return json.dumps(to_json(diff), indent=2, ensure_ascii=False) + "\n"
    style = Style(markdown=output_format == "markdown")
    lines = _document(diff, style)
    # Sections each start with a blank line; keep one where two meet.
    kept = [line for i, line in enumerate(lines) if line or (i > 0 and lines[i - 1])]
    text = "\n".join(kept).strip("\n") + "\n"
    return _truncated(text) if style.markdown else text


def _truncated(text: str) -> str:
    if len(text) <= MAX_MARKDOWN:
        return text
    cut = text.rfind("\n", 0, MAX_MARKDOWN)
    left = text[cut:].count("\n")
    return (
        text[:cut]
        + f"\n\n… {left} more lines left out: this comment has a size limit. "
        + "Run `okrsite diff` locally for all of it.\n"
    )


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _document(diff: OkrDiff, s: Style) -> list[str]:
    lines = s.heading(2, f"OKR changes: {s.code(diff.base)} → {s.code(diff.head)}")
    lines.append(_summary(diff, s))
    for change in diff.objectives:
        if change.made_public:
            lines += ["", _made_public_callout(change, s)]
    if diff.empty:
        lines += ["", "No objective or key result changed."]
    sections = (
        ("Added", diff.of_kind("added"), _added),
        ("Removed", diff.of_kind("removed"), _removed),
        ("Moved", diff.moved, _moved),
        ("Changed", diff.changed, _changed),
    )
    for title, changes, write in sections:
        if changes:
            lines += s.heading(3, title)
            for change in changes:
                lines += write(change, s)
    lines += _visibility_section(diff, s)
    if diff.hidden_changes:
        lines += ["", _hidden_line(diff)]
    lines += _problem_section(diff, s) + _notify_section(diff, s)
    return lines


def _summary(diff: OkrDiff, s: Style) -> str:
    new_errors = sum(1 for p in diff.new_problems if p.severity == "error")
    new_warnings = len(diff.new_problems) - new_errors
    parts = [
        f"{len(diff.of_kind('added'))} added",
        f"{len(diff.of_kind('removed'))} removed",
        f"{len(diff.moved)} moved",
        f"{len(diff.changed)} changed",
        counted(new_errors, "new error"),
        counted(new_warnings, "new warning"),
    ]
    state = (
        "valid"
        if not diff.head_errors
        else f"{counted(diff.head_errors, 'error')}: {s.code('okrsite check')} fails"
    )
    return f"{' · '.join(parts)}. Head: {state}."


def _hidden_line(diff: OkrDiff) -> str:
    what = (
        "A private objective changed"
        if diff.hidden_changes == 1
        else f"{diff.hidden_changes} private objectives changed"
    )
    return f"{what} (not shown here: run `okrsite diff --include-private` to see it)."


def _made_public_callout(change: ObjectiveChange, s: Style) -> str:
    icon = "> 🔓 " if s.markdown else "!!! "
    return (
        f"{icon}{s.bold('Private → public:')} {s.code(change.id)} {s.bold(s.user(change.title))} "
        f"(owner {s.user(change.owner)}) will be published on the company site when this "
        "change is merged."
    )


def _objective_line(change: ObjectiveChange, s: Style) -> str:
    private = " (private)" if change.private else ""
    return (
        f"- {s.code(change.id)} — {s.bold(s.user(change.title))}{private} · "
        f"owner {s.user(change.owner)} · cycle {change.cycle or '?'}"
    )


def _added(change: ObjectiveChange, s: Style) -> list[str]:
    lines = [_objective_line(change, s)]
    if change.aligns_added:
        lines.append(f"  - aligns to {', '.join(s.code(r) for r in change.aligns_added)}")
    lines += [f"  - {_kr_line(kr, s)}" for kr in change.key_results]
    lines += [f"  - {line}" for impact in change.impacts for line in _impact(impact, s)]
    return lines


def _removed(change: ObjectiveChange, s: Style) -> list[str]:
    lines = [_objective_line(change, s)]
    lines += [f"  - {line}" for impact in change.impacts for line in _impact(impact, s)]
    return lines


def _moved(change: ObjectiveChange, s: Style) -> list[str]:
    return [
        f"- {s.code(change.id)}: {s.code(change.old_path or '')} → {s.code(change.new_path or '')}"
    ]


def _changed(change: ObjectiveChange, s: Style) -> list[str]:
    private = " (private)" if change.private else ""
    title = f"{s.code(change.id)} — {s.user(change.title)}{private}"
    if s.markdown:
        lines = [
            "",
            f"#### {title}",
            "",
            f"Owner {s.user(change.owner)} · cycle {change.cycle}",
            "",
        ]
    else:
        lines = [f"- {title} · owner {s.user(change.owner)} · cycle {change.cycle}"]
    indent = "  " if not s.markdown else ""
    lines += [f"{indent}- {_field(f, s)}" for f in change.fields]
    if change.aligns_added or change.aligns_removed:
        parts = [f"+{s.code(r)}" for r in change.aligns_added]
        parts += [f"−{s.code(r)}" for r in change.aligns_removed]
        lines.append(f"{indent}- {s.bold('aligns to')}: {' '.join(parts)}")
    if change.owner_change:
        old, new = change.owner_change
        lines.append(f"{indent}- {s.bold('owner')} {s.user(old)} → {s.user(new)}")
    if change.visibility_change:
        old, new = change.visibility_change
        lines.append(f"{indent}- {s.bold('visibility')} {old} → {new}")
    if change.progress and change.progress.old is not None and change.progress.new is not None:
        lines.append(f"{indent}- progress {_progress(change.progress)}")
    for kr in change.key_results:
        published = change.made_public and kr.kind == "added" and not kr.fields
        line = f"KR {s.code(kr.id)} {s.user(kr.title)}" if published else _kr_line(kr, s)
        lines.append(f"{indent}- {line}")
    for impact in change.impacts:
        lines += [f"{indent}- {line}" for line in _impact(impact, s)]
    return lines


def _field(change: FieldChange, s: Style) -> str:
    name = s.bold(change.field.replace("_", " "))
    if change.edited:
        return f"{name} edited"
    if change.added or change.removed:
        parts = [f"+{s.user(v)}" for v in change.added] + [f"−{s.user(v)}" for v in change.removed]
        return f"{name}: {' '.join(parts)}"
    return f"{name} {s.user(change.old) or '(none)'} → {s.user(change.new) or '(none)'}"


def _progress(change: ProgressChange) -> str:
    def percent(value: float | None) -> str:
        return "—" if value is None else f"{round(value * 100):.0f}%"

    points = change.points
    sign = "+" if points and points > 0 else "−" if points and points < 0 else "±"
    amount = f" ({sign}{abs(points):g} pts)" if points is not None else ""
    return f"{percent(change.old)} → {percent(change.new)}{amount}"


def _kr_line(kr: KrChange, s: Style) -> str:
    head = f"KR {s.code(kr.id)} {s.user(kr.title)}"
    if kr.kind == "removed":
        return f"{head}: {s.bold('removed')}"
    details = [_kr_detail(f, s, kr.kind == "added") for f in kr.fields]
    if kr.kind == "changed" and kr.progress and kr.progress.old != kr.progress.new:
        details.append(f"progress {_progress(kr.progress)}")
    label = f"{s.bold('added')}" if kr.kind == "added" else ""
    body = "; ".join(details)
    return f"{head}: {label}{', ' if label and body else ''}{body}" if label or body else head


def _kr_detail(change: FieldChange, s: Style, added: bool) -> str:
    if added and not (change.added or change.removed or change.edited):
        return f"{change.field} {s.user(change.new)}"
    return _field(change, s)


def _who(entry: Affected, s: Style) -> str:
    return f"{s.code(entry.id)} {s.user(entry.title)} ({s.user(entry.owner)})"


def _names(entries: list[Affected], s: Style) -> str:
    shown = [_who(e, s) for e in entries[:LIST_LIMIT]]
    if len(entries) > LIST_LIMIT:
        shown.append(f"and {len(entries) - LIST_LIMIT} more")
    return "; ".join(shown)


def _units(entries: list[Affected]) -> str:
    """ "Support and Sales": the owning units, the most affected first."""
    counts = Counter(e.unit or e.owner for e in entries)
    return _and([name for name, _ in sorted(counts.items(), key=lambda i: (-i[1], i[0]))])


def _impact(impact: Impact, s: Style) -> list[str]:
    target = (
        f"KR {s.code(impact.target.partition('#')[2])}"
        if "#" in impact.target
        else s.code(impact.target)
    )
    lines: list[str] = []
    if impact.removed and impact.orphaned:
        lines.append(
            f"⚠️ {s.bold('removing ' + target + ' orphans ' + counted(len(impact.orphaned), 'objective'))}"
            f" of {s.user(_units(impact.orphaned))}: {_names(impact.orphaned, s)}"
        )
        if impact.cut_off:
            lines.append(
                f"{counted(len(impact.cut_off), 'objective')} below them lose their line to the "
                f"top: {_names(impact.cut_off, s)}"
            )
    orphaned = {e.id for e in impact.orphaned}
    direct = [e for e in impact.direct if e.id not in orphaned]
    if direct:
        verb = (
            "aligned to it"
            if impact.removed
            else ("aligns to it" if len(direct) == 1 else "align to it")
        )
        also = "also " if orphaned else ""
        lines.append(
            f"{also}{counted(len(direct), 'objective')} of {s.user(_units(direct))} "
            f"{verb} directly ({target}): {_names(direct, s)}"
        )
    if impact.below:
        lines.append(
            f"{counted(len(impact.below), 'more objective')} further down, of "
            f"{s.user(_units(impact.below))}: {_names(impact.below, s)}"
        )
    if impact.aligns_to:
        lines.append(f"{target} aligns to: {_names(impact.aligns_to, s)}")
    if impact.hidden:
        lines.append(f"and {counted(impact.hidden, 'private objective')} (not shown)")
    return lines


def _visibility_section(diff: OkrDiff, s: Style) -> list[str]:
    changes = [c for c in diff.objectives if c.visibility_change]
    if not changes:
        return []
    lines = s.heading(3, "Visibility changes")
    for change in changes:
        if change.made_public:
            lines.append(
                f"- 🔓 {s.bold('private → public')}: {s.code(change.id)} {s.user(change.title)} "
                "is published on the site from the merge on"
            )
        else:
            lines.append(
                f"- 🔒 public → private: {s.code(change.id)} {s.user(change.title)} leaves the site"
            )
    return lines


def _problem_section(diff: OkrDiff, s: Style) -> list[str]:
    if not diff.new_problems and not diff.hidden_problems and not diff.fixed_problems:
        return []
    lines = s.heading(3, "New problems")
    for problem in diff.new_problems:
        icon = "❌" if problem.severity == "error" else "⚠️"
        where = s.code(f"{problem.file}:{problem.line}")
        hint = f" — {s.user(problem.hint)}" if problem.hint else ""
        lines.append(
            f"- {icon} {problem.severity} {s.code(problem.rule)} at {where}: "
            f"{s.user(problem.message)}{hint}"
        )
    if diff.hidden_problems:
        lines.append(f"- {counted(diff.hidden_problems, 'new problem')} in private objectives")
    if not diff.new_problems and not diff.hidden_problems:
        lines.append("None.")
    if diff.fixed_problems:
        lines += [
            "",
            f"{counted(diff.fixed_problems, 'problem')} of the base fixed by this change.",
        ]
    return lines


def _notify_section(diff: OkrDiff, s: Style) -> list[str]:
    if not diff.notify:
        return []
    lines = s.heading(3, "Owners to notify")
    handles = [n.mention for n in diff.notify if n.mention.startswith("@")]
    others = [s.user(n.name) for n in diff.notify if not n.mention.startswith("@")]
    if handles:
        lines.append(" ".join(handles))
    if others:
        lines.append(f"{'' if not handles else chr(10)}Without a forge handle: {', '.join(others)}")
    return lines


def to_json(diff: OkrDiff) -> dict[str, Any]:
    """The diff as a JSON document (``version`` 1), every list in its stable order."""
    new_errors = sum(1 for p in diff.new_problems if p.severity == "error")
    objectives = []
    for change in diff.objectives:
        record = asdict(change)
        record["moved"] = change.moved
        objectives.append(record)
    return {
        "version": 1,
        "base": diff.base,
        "head": diff.head,
        "include_private": diff.include_private,
        "summary": {
            "added": len(diff.of_kind("added")),
            "removed": len(diff.of_kind("removed")),
            "moved": len(diff.moved),
            "changed": len(diff.changed),
            "new_errors": new_errors,
            "new_warnings": len(diff.new_problems) - new_errors,
            "fixed_problems": diff.fixed_problems,
            "head_errors": diff.head_errors,
            "head_warnings": diff.head_warnings,
            "hidden_changes": diff.hidden_changes,
            "hidden_problems": diff.hidden_problems,
        },
        "objectives": objectives,
        "new_problems": [as_dict(p) for p in diff.new_problems],
        "notify": [asdict(n) for n in diff.notify],
    }
