"""The old name of `render.timeline_words`, kept only while `render/terminal.py` imports it."""

from sendreview.render.timeline_words import *  # noqa: F403
