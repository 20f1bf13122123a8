"""Plain records for annotated articles: what every later stage consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, order=True)
class Span:
    """A labelled character range [start, end) of an article's text."""

    start: int
    end: int
    label: str
    text: str = field(compare=False, default="")

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "label": self.label, "text": self.text}


@dataclass
class Article:
    """One task of a Label Studio export: the text, its gold spans and its data fields."""

    article_id: str
    text: str
    spans: list[Span]
    meta: dict[str, Any] = field(default_factory=dict)
    task_id: int | None = None
    annotator: Any = None  # completed_by of the annotation used as gold
    origin: str = ""  # file the article was read from, for error messages

    @property
    def source(self) -> str:
        return str(self.meta.get("source", ""))

    def where(self) -> str:
        """Human-readable location for error messages: file, task id and article id."""
        return f"{self.origin or '<memory>'} task {self.task_id} (article {self.article_id})"
