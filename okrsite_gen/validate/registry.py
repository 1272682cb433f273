"""Every rule id okrsite reports, with its default severity and what it means.

Rule ids are stable (companies configure them in okrsite.toml and CI greps them).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Severity


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    summary: str
    stage: str  # load | schema | org | references | key-results | dates | guidance


_RULES = [
    # Reading files (load/)
    Rule("org-missing", "error", "content/okrs/org.yaml does not exist", "load"),
    Rule("file-unreadable", "error", "a file cannot be read", "load"),
    Rule("file-encoding", "error", "a file is not UTF-8 text", "load"),
    Rule("file-bom", "error", "a file starts with a byte-order mark", "load"),
    Rule("file-empty", "error", "a file is empty", "load"),
    Rule("file-too-large", "error", "a file is over [limits] max_file_bytes", "load"),
    Rule("file-outside-content", "error", "a symbolic link leaves the content folder", "load"),
    Rule("folder-link", "warning", "a symbolic link to a folder is not followed", "load"),
    Rule("too-many-files", "error", "more files than [limits] max_files", "load"),
    Rule("front-matter-missing", "error", "a Markdown file has no front matter", "load"),
    Rule("front-matter-unclosed", "error", "front matter never closes with `---`", "load"),
    Rule("yaml-syntax", "error", "YAML cannot be parsed", "load"),
    Rule("yaml-tab", "error", "a tab is used for indentation", "load"),
    Rule("yaml-duplicate-key", "error", "a key appears twice in one mapping", "load"),
    Rule("yaml-unsupported-tag", "error", "a YAML tag such as !!python/object", "load"),
    Rule("yaml-too-complex", "error", "nesting or alias expansion over the limits", "load"),
    Rule("config-syntax", "error", "okrsite.toml cannot be parsed", "load"),
    Rule("config-unknown", "error", "okrsite.toml has an unknown setting", "load"),
    # The schema (schema/)
    Rule("not-a-mapping", "error", "a list or value where `field: value` lines belong", "schema"),
    Rule("unknown-field", "error", "a field the format does not define", "schema"),
    Rule("missing-field", "error", "a required field is missing or empty", "schema"),
    Rule("wrong-type", "error", "a value of the wrong type", "schema"),
    Rule("bad-choice", "error", "a value outside its allowed choices", "schema"),
    Rule("bad-id", "error", "an id that is not a slug", "schema"),
    Rule("out-of-range", "error", "confidence, progress, score, weight out of range", "schema"),
    # The organisation
    Rule("duplicate-id", "error", "two things share one id", "org"),
    Rule("root-unit", "error", "not exactly one unit without a parent", "org"),
    Rule("unknown-unit", "error", "a unit's parent or a person's unit does not exist", "org"),
    Rule("unit-cycle", "error", "units are their own ancestors", "org"),
    Rule("cycle-dates", "error", "a cycle ends before it starts", "org"),
    # References between files
    Rule("unknown-owner", "error", "an objective or KR owner that does not exist", "references"),
    Rule("unknown-person", "error", "a lead or check-in author that is not a person", "references"),
    Rule("unknown-contributor", "error", "a contributor that is not a person", "references"),
    Rule("unknown-cycle", "error", "an objective's cycle does not exist", "references"),
    Rule("unknown-theme", "error", "a theme that does not exist", "references"),
    Rule("unresolved-alignment", "error", "aligns_to names no objective or KR", "references"),
    Rule("unresolved-dependency", "error", "depends_on names no objective", "references"),
    Rule("unresolved-measured-by", "error", "measured_by names no objective", "references"),
    Rule("alignment-cycle", "error", "objectives align to each other in a loop", "references"),
    Rule(
        "measured-by-cycle", "error", "measured_by KRs measure each other in a loop", "references"
    ),
    Rule("unknown-author", "error", "a comment author that is not a person", "references"),
    Rule("unresolved-comment-target", "error", "a comment on no objective or KR", "references"),
    # Key results
    Rule("metric-incomplete", "error", "a metric KR lacks baseline or target", "key-results"),
    Rule("metric-flat", "error", "a metric KR whose baseline equals its target", "key-results"),
    Rule("stretch-wrong-side", "error", "stretch not beyond target", "key-results"),
    Rule("kr-ambiguous", "error", "a KR that is two kinds at once", "key-results"),
    # Dates
    Rule("due-outside-cycle", "error", "a KR due date outside its cycle", "dates"),
    Rule("checkin-outside-cycle", "error", "a check-in dated outside its cycle", "dates"),
    Rule("checkin-order", "error", "check-ins not oldest first", "dates"),
    # The company's OKR guidance (warnings)
    Rule("max-objectives", "warning", "an owner has too many objectives in a cycle", "guidance"),
    Rule("max-key-results", "warning", "an objective has too many KRs", "guidance"),
    Rule("no-key-results", "warning", "an objective has no KRs", "guidance"),
    Rule(
        "kr-not-measurable", "warning", "a KR with no metric, milestone or measured_by", "guidance"
    ),
    Rule("orphan-cascaded", "warning", "a cascaded objective aligns to nothing", "guidance"),
    Rule("no-line-to-vision", "warning", "a top-level objective serves no theme", "guidance"),
    Rule("cross-cycle-alignment", "warning", "aligns to an objective of another cycle", "guidance"),
    Rule("metric-untracked", "warning", "a metric KR has no current value a month in", "guidance"),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
