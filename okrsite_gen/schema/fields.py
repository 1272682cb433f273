"""The one definition of every field a company writes.

The loader checks files against these specs (types, ranges, choices, unknown fields) and
`okrsite schema` turns the same specs into JSON Schema for editors, so the two can never
drift. Semantic rules (references, dates inside cycles...) live in `validate/`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FieldType = Literal[
    "text",  # any scalar, kept as the text written
    "markdown",  # text that may hold Markdown
    "number",  # int or float, finite
    "boolean",
    "date",  # YYYY-MM-DD
    "id",  # one slug
    "ref",  # a reference to something else (objective id, objective#kr, person...)
    "ref-list",  # a list of references; a single value is read as a one-item list
    "text-list",
    "object-list",  # a list of mappings described by `item`
]

SLUG = r"^[a-z0-9][a-z0-9_.-]*$"
# Cycle ids and objective path segments may carry capitals (2026-Q4).
PATH_SEGMENT = r"[A-Za-z0-9][A-Za-z0-9_.-]*"
CYCLE_ID = rf"^{PATH_SEGMENT}$"
OBJECTIVE_ID = rf"^{PATH_SEGMENT}(/{PATH_SEGMENT})*$"
# Ids name pages (objectives/<id>/index.html): long enough for any sensible name, short
# enough for every file system's limit on a name (255 bytes) and a path.
MAX_ID_LENGTH = 100
MAX_OBJECTIVE_ID_LENGTH = 200


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: FieldType
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    pattern: str | None = None
    max_length: int | None = None
    item: Spec | None = None
    default: object = None


@dataclass(frozen=True, slots=True)
class Spec:
    """A kind of mapping: its fields, by name, in the order we document them."""

    name: str
    description: str
    fields: tuple[Field, ...]
    # Looked up for every value of every file: a dict built once, not a scan (and not a
    # cache keyed by the Spec, whose hash walks every field).
    by_name: dict[str, Field] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})

    def field(self, name: str) -> Field | None:
        return self.by_name.get(name)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]


def _unit_interval(name: str, description: str) -> Field:
    return Field(name, "number", description, minimum=0.0, maximum=1.0)


CHECKIN = Spec(
    "checkin",
    "One recorded value of a key result, oldest first.",
    (
        Field("date", "date", "Day of the check-in, inside the cycle.", required=True),
        Field("value", "number", "The metric's value that day."),
        _unit_interval("confidence", "How sure the owner is of reaching the target, 0.0-1.0."),
        Field("note", "markdown", "What changed, in a sentence."),
        Field("by", "ref", "Person id of whoever checked in."),
        Field("done", "boolean", "Milestone KRs: reached that day."),
        _unit_interval("progress", "Milestone KRs: progress that day, 0.0-1.0."),
    ),
)

KEY_RESULT = Spec(
    "key_result",
    "A measurable result: a metric (baseline/target), a milestone (done/progress), "
    "or measured by another objective.",
    (
        Field(
            "id",
            "id",
            "Short id; default kr1, kr2... by position.",
            pattern=SLUG,
            max_length=MAX_ID_LENGTH,
        ),
        Field("title", "markdown", "What is measured, as a sentence.", required=True),
        Field("unit", "text", "Unit of the metric (ms, %, EUR...)."),
        Field("baseline", "number", "Metric: the value at the start of the cycle."),
        Field("target", "number", "Metric: the ideal value (progress 1.0)."),
        Field("stretch", "number", "Metric: the challenge value, beyond the target."),
        Field("current", "number", "Metric: the latest value."),
        Field(
            "weight",
            "number",
            "Share of the objective's progress (default 1).",
            minimum=0.0,
            exclusive_minimum=True,
            default=1,
        ),
        _unit_interval("confidence", "Owner's confidence of reaching the target, 0.0-1.0."),
        Field("due", "date", "Due date, inside the cycle."),
        Field("owner", "ref", "Person id accountable for this KR."),
        Field("done", "boolean", "Milestone: reached or not."),
        _unit_interval("progress", "Milestone: progress 0.0-1.0 instead of done."),
        Field("measured_by", "ref", "Objective id whose progress this KR takes."),
        Field("checkins", "object-list", "Recorded values, oldest first.", item=CHECKIN),
    ),
)

OBJECTIVE = Spec(
    "objective",
    "One objective: what we want to achieve, with key results that measure it.",
    (
        Field("title", "markdown", "What we want to achieve, qualitative.", required=True),
        Field("owner", "ref", "Unit or person id owning the objective.", required=True),
        Field(
            "cycle",
            "id",
            "Cycle id; may be omitted when the first folder is a cycle id.",
            pattern=CYCLE_ID,
            max_length=MAX_ID_LENGTH,
        ),
        Field(
            "id",
            "id",
            "Stable id; default: the path under content/okrs without extension.",
            pattern=OBJECTIVE_ID,
            max_length=MAX_OBJECTIVE_ID_LENGTH,
        ),
        Field("aligns_to", "ref-list", "Parent objective ids, or objective-id#kr-id."),
        Field("themes", "ref-list", "Strategic theme ids the objective serves."),
        Field(
            "kind",
            "text",
            "committed (must be met) or aspirational (0.7 is a success).",
            choices=("committed", "aspirational"),
            default="committed",
        ),
        Field(
            "origin",
            "text",
            "cascaded or self-driven; default cascaded when aligns_to is set.",
            choices=("cascaded", "self-driven"),
        ),
        Field(
            "status",
            "text",
            "Where the objective stands.",
            choices=("draft", "active", "done", "dropped"),
            default="active",
        ),
        Field(
            "visibility",
            "text",
            "private objectives never reach a public build.",
            choices=("public", "private"),
            default="public",
        ),
        Field("contributors", "ref-list", "Person ids who help."),
        Field("depends_on", "ref-list", "Objective ids this one needs (cross-functional)."),
        Field("tags", "text-list", "Free tags."),
        _unit_interval("score", "End-of-cycle grade 0.0-1.0; overrides the computed one."),
        Field("reflection", "markdown", "End-of-cycle reflection: what we learned."),
        Field("description", "markdown", "The narrative (in .yaml files; .md uses the body)."),
        Field("key_results", "object-list", "The key results.", item=KEY_RESULT),
    ),
)

THEME = Spec(
    "theme",
    "A strategic theme (pillar) derived from the vision.",
    (
        Field("id", "id", "Theme id.", required=True, pattern=SLUG, max_length=MAX_ID_LENGTH),
        Field("title", "markdown", "Theme name.", required=True),
        Field("description", "markdown", "What the theme means."),
    ),
)

CYCLE = Spec(
    "cycle",
    "An OKR period. Cycles may overlap (an annual cycle beside quarters).",
    (
        Field(
            "id",
            "id",
            "Cycle id, e.g. 2026-Q4.",
            required=True,
            pattern=CYCLE_ID,
            max_length=MAX_ID_LENGTH,
        ),
        Field("start", "date", "First day.", required=True),
        Field("end", "date", "Last day.", required=True),
        Field("title", "text", "Display name."),
    ),
)

UNIT = Spec(
    "unit",
    "A node of the org tree; exactly one unit has no parent.",
    (
        Field(
            "id",
            "id",
            "Unit id (shares one namespace with people).",
            required=True,
            pattern=SLUG,
            max_length=MAX_ID_LENGTH,
        ),
        Field("name", "text", "Display name.", required=True),
        Field("parent", "ref", "Parent unit id; omitted on the root."),
        Field("lead", "ref", "Person id of the unit's lead."),
        Field("description", "markdown", "What the unit does."),
    ),
)

PERSON = Spec(
    "person",
    "Someone who owns, contributes to or comments on objectives.",
    (
        Field(
            "id",
            "id",
            "Person id (shares one namespace with units).",
            required=True,
            pattern=SLUG,
            max_length=MAX_ID_LENGTH,
        ),
        Field("name", "text", "Display name.", required=True),
        Field("unit", "ref", "Unit id the person belongs to.", required=True),
        Field("handle", "text", "Code-forge user name (CODEOWNERS, profile links)."),
        Field("title", "text", "Job title."),
        Field("email", "text", "E-mail address."),
    ),
)

ORG = Spec(
    "org",
    "content/okrs/org.yaml: the organisation.",
    (
        Field("name", "text", "Company name.", required=True),
        Field("mission", "markdown", "Why the company exists."),
        Field("vision", "markdown", "Where it is going."),
        Field("themes", "object-list", "Strategic themes.", item=THEME),
        Field("cycles", "object-list", "OKR periods.", required=True, item=CYCLE),
        Field("units", "object-list", "The org tree.", required=True, item=UNIT),
        Field("people", "object-list", "People.", item=PERSON),
    ),
)

COMMENT = Spec(
    "comment",
    "A comment on an objective or key result, one file each under content/comments/.",
    (
        Field("objective", "ref", "Objective id, or objective-id#kr-id.", required=True),
        Field("author", "ref", "Person id.", required=True),
        Field("date", "date", "Day written.", required=True),
        Field(
            "kind",
            "text",
            "question, feedback or kudos.",
            choices=("question", "feedback", "kudos"),
            default="feedback",
        ),
    ),
)

TOP_LEVEL_SPECS = {"objective": OBJECTIVE, "org": ORG, "comment": COMMENT}
