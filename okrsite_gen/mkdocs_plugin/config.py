"""Options of the `okrsite` plugin in mkdocs.yml (company policy lives in okrsite.toml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


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
