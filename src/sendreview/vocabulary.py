"""The old name of `sendreview.terms`, kept only while the terminal renderers import it."""

from sendreview.terms import *  # noqa: F403
