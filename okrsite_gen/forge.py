"""Links into the company's code forge (GitHub or GitLab): view, edit, new file, history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, urlencode

ForgeKind = Literal["github", "gitlab"]


@dataclass(frozen=True, slots=True)
class Forge:
    """Where the repository lives. `repo_url` without a trailing slash."""

    repo_url: str
    branch: str = "main"
    kind: ForgeKind = "github"

    @classmethod
    def from_url(cls, repo_url: str, branch: str = "main", kind: str = "auto") -> Forge:
        url = repo_url.rstrip("/")
        if kind not in ("github", "gitlab"):
            kind = "gitlab" if "gitlab" in url.lower() else "github"
        return cls(url, branch, kind)  # type: ignore[arg-type]

    @property
    def _dash(self) -> str:
        return "/-" if self.kind == "gitlab" else ""

    def view(self, path: str) -> str:
        return f"{self.repo_url}{self._dash}/blob/{self.branch}/{quote(path)}"

    def edit(self, path: str) -> str:
        return f"{self.repo_url}{self._dash}/edit/{self.branch}/{quote(path)}"

    def history(self, path: str) -> str:
        kind = "commits"
        return f"{self.repo_url}{self._dash}/{kind}/{self.branch}/{quote(path)}"

    def commit(self, sha: str) -> str:
        """One commit's page (what changed, by whom)."""
        return f"{self.repo_url}{self._dash}/commit/{quote(sha)}"

    def new_file(self, path: str, content: str) -> str:
        """The forge's 'new file' page with the file name and text filled in."""
        folder, _, name = path.rpartition("/")
        if self.kind == "gitlab":
            query = urlencode({"file_name": name, "content": content}, quote_via=quote)
        else:
            query = urlencode({"filename": name, "value": content}, quote_via=quote)
        return f"{self.repo_url}{self._dash}/new/{self.branch}/{quote(folder)}?{query}"
