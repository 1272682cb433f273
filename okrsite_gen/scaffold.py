"""A new objective file: its conventional path, its slug, and text that passes `check`.

`okrsite new` gathers the values (flags or prompts) and checks them against the
repository; this module only turns valid values into a path and a file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import yaml

from .load.files import CONTENT_DIR, OKRS_DIR

__all__ = ["NewObjective", "objective_text", "slugify"]

MAX_SLUG = 48


@dataclass(frozen=True, slots=True)
class NewObjective:
    title: str
    owner: str
    cycle: str
    aligns_to: list[str] = field(default_factory=list)
    kind: str = "committed"
    themes: list[str] = field(default_factory=list)
    slug: str = ""

    @property
    def path(self) -> str:
        """``content/okrs/<cycle>/<owner>/<slug>.md``: the convention the id defaults from."""
        return f"{CONTENT_DIR}/{OKRS_DIR}/{self.cycle}/{self.owner}/{self.slug}.md"

    @property
    def id(self) -> str:
        return f"{self.cycle}/{self.owner}/{self.slug}"


def slugify(title: str, max_length: int = MAX_SLUG) -> str:
    """``Make checkout feel *instant* 🚀`` -> ``make-checkout-feel-instant``; whole words only."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)  # a Markdown link: keep its text
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or (words[0][:max_length] if words else "objective")


_KEY_RESULTS_EXAMPLE = """\
# Two to five key results, each measurable: a metric (baseline -> target, optional
# stretch) or a milestone (done: false). Uncomment and edit:
# key_results:
#   - title: Cut checkout p95 latency from 1.2 s to 400 ms
#     unit: ms
#     baseline: 1200
#     target: 400
#   - title: Ship one-click pay to every shopper
#     done: false
"""

_BODY = """\
## Why

What changes for the company, our customers or our colleagues when we achieve this?

## How

The bets we make to get there.
"""


def objective_text(new: NewObjective) -> str:
    """The file: YAML front matter (values quoted where YAML needs it) and a narrative."""
    fields: dict[str, object] = {"title": new.title, "owner": new.owner, "cycle": new.cycle}
    if new.aligns_to:
        fields["aligns_to"] = list(new.aligns_to)
    if new.themes:
        fields["themes"] = list(new.themes)
    fields["kind"] = new.kind
    front = yaml.safe_dump(
        fields, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1_000_000
    )
    return f"---\n{front}{_KEY_RESULTS_EXAMPLE}---\n{_BODY}"
