"""The statement in a format: Markdown, HTML and text through Jinja2 templates (bundled or the
user's, always in `render.sandbox`), Word through `render.docx`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from sendreview.analysis.statement import Statement
from sendreview.errors import SendReviewError
from sendreview.render.sandbox import render

FORMATS = ("md", "html", "txt")


def render_statement(statement: Statement, fmt: str, template: Path | None = None) -> str | bytes:
    """The statement in a format: md, html or txt through a template (bundled or given), or docx."""
    if fmt == "docx":
        if template is not None:
            raise SendReviewError("--template works with md, html and txt; a Word file is built directly")
        from sendreview.render.docx import statement_docx

        return statement_docx(statement)
    # A bundled template is trusted to be as long as the paper needs; a given one is bounded.
    bounded = template is not None
    if template is None:
        from sendreview.resources import bundled_template_folder

        template = bundled_template_folder() / f"statement.{fmt}.j2"
    extra: dict[str, Any] = {"verdict_chart": "", "timeline_svg": ""}
    if fmt == "html":
        from sendreview.render.chart import verdict_chart

        # Both pictures are made here, with every text in them escaped, so they go in as they are.
        extra["verdict_chart"] = Markup(verdict_chart(statement.verdict_counts))
        if statement.timeline is not None:
            from sendreview.render.svg import timeline_svg

            extra["timeline_svg"] = Markup(timeline_svg(statement.timeline))
    return render(statement, template, html=fmt == "html", extra=extra, bounded=bounded, keep_compiled=not bounded)
