"""A comment file: its conventional path and its text, for `okrsite comment` and the
site's "Add a comment" links (which open the forge's new-file page pre-filled).

``content/comments/<objective id>/<yyyy-mm-dd>-<author>-<slug>.md``: one file per comment,
so two people commenting at once never touch the same file.
"""

from __future__ import annotations

from datetime import date

from .load.files import COMMENTS_DIR, CONTENT_DIR
from .scaffold import slugify

__all__ = [
    "AUTHOR_PLACEHOLDER",
    "COMMENT_KINDS",
    "comment_path",
    "comment_slug",
    "comment_template",
    "comment_text",
]

COMMENT_KINDS = ("question", "feedback", "kudos")
# The site cannot know who is reading: its links leave the author for the reader to fill.
AUTHOR_PLACEHOLDER = "your-id"
_MAX_SLUG = 40


def comment_path(target: str, day: date, author: str, slug: str) -> str:
    """Where a comment on `target` (``objective`` or ``objective#kr``) is kept."""
    objective_id = target.partition("#")[0]
    return f"{CONTENT_DIR}/{COMMENTS_DIR}/{objective_id}/{day.isoformat()}-{author}-{slug}.md"


def comment_slug(message: str, kind: str) -> str:
    """A few words of the message for the file name; the kind when it has none."""
    slug = slugify(message, _MAX_SLUG) if message.strip() else ""
    return slug if slug and slug != "objective" else kind


def _front_matter(target: str, author: str, day: date, kind: str) -> str:
    # Ids are slugs, so double quotes need no escaping; quoted because `#` may start a
    # YAML comment in other positions and readers should not have to know when.
    return f'---\nobjective: "{target}"\nauthor: {author}\ndate: {day.isoformat()}\nkind: {kind}\n'


def comment_text(target: str, author: str, day: date, kind: str, message: str) -> str:
    """A complete comment file (front matter and Markdown), ending with one newline."""
    body = message.strip("\n").rstrip()
    return f"{_front_matter(target, author, day, kind)}---\n{body}\n"


def comment_template(target: str, day: date) -> str:
    """The file the site's "Add a comment" link opens: everything but the author and text.

    An empty `author` fails `okrsite check` with a clear message, so a comment that was
    not signed never merges.
    """
    return (
        f'---\nobjective: "{target}"\n'
        "author:  # your person id (see the People pages); in the file name too\n"
        f"date: {day.isoformat()}\n"
        "kind: feedback  # question | feedback | kudos\n"
        "---\n"
    )
