"""The old name of `sendreview.in_words`, kept only while the terminal renderers import it."""

from sendreview.in_words import *  # noqa: F403
