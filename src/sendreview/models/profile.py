"""A forum's profile (`forum.yaml`): who the forum is, so no command needs telling twice."""

from __future__ import annotations

from sendreview.models.base import Model, Text
from sendreview.models.document import Name, Region


class Profile(Model):
    """Who a parent carer forum is, and what its statements say about it."""

    name: Name
    short_name: Name | None = None
    region: Region | None = None
    website: Text = ""
    contact: Text = ""
    # The forum's own asks files, read as if given with --asks; relative to the profile's folder.
    asks: tuple[Text, ...] = ()
    # A paragraph for the statement's "Who we are".
    intro: Text = ""
    # A paragraph for the statement's "What happens next".
    next_steps: Text = ""
