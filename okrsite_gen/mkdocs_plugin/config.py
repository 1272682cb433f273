"""Options of the `okrsite` plugin in mkdocs.yml (company policy lives in okrsite.toml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class GiscusConfig(base.Config):
    """Live comments through giscus (GitHub Discussions): the values giscus.app's
    configuration page gives. Off unless `repo` is set. The one feature that loads
    anything from another origin: the giscus script, from giscus.app, in the reader's
    browser."""

    repo = c.Optional(c.Type(str))  # "owner/name" of the repository holding the discussions
    repo_id = c.Optional(c.Type(str))
    category = c.Optional(c.Type(str))
    category_id = c.Optional(c.Type(str))
    mapping = c.Choice(("pathname", "url", "title", "og:title"), default="pathname")
    strict = c.Type(bool, default=False)
    reactions = c.Type(bool, default=True)
    input_position = c.Choice(("top", "bottom"), default="bottom")
    lang = c.Type(str, default="en")
    # giscus themes for Material's light (default) and dark (slate) palettes.
    theme_light = c.Type(str, default="light")
    theme_dark = c.Type(str, default="transparent_dark")

    REQUIRED = ("repo", "repo_id", "category", "category_id")

    def problem(self) -> str:
        """What is wrong with a half-filled configuration ("" when fine or unused)."""
        missing = [name for name in self.REQUIRED if not self[name]]
        if not missing or len(missing) == len(self.REQUIRED):
            return ""
        return (
            "okrsite: giscus needs repo, repo_id, category and category_id; missing: "
            f"{', '.join(missing)} (giscus.app's configuration page gives them)"
        )

    @property
    def enabled(self) -> bool:
        return bool(self.repo)


class OkrsiteConfig(base.Config):
    # The company repository; default: the folder of mkdocs.yml.
    root = c.Optional(c.Type(str))
    # "Today" for health and tracking, YYYY-MM-DD; default: $OKRSITE_TODAY, else the clock.
    today = c.Optional(c.Type(str))
    # Private objectives are left out of the site unless this is on (an internal build).
    include_private = c.Type(bool, default=False)
    # Raw HTML in narratives and comments is escaped unless this is on.
    allow_html = c.Type(bool, default=False)
    # Branch the "propose a change" links open on the forge (repo_url comes from mkdocs.yml).
    branch = c.Type(str, default="main")
    forge = c.Choice(("auto", "github", "gitlab"), default="auto")
    # Material loads Google Fonts unless told not to; off keeps the site air-gap safe.
    remote_fonts = c.Type(bool, default=False)
    # Live comments on objective pages through giscus; off by default (see GiscusConfig).
    giscus = c.SubConfig(GiscusConfig)
