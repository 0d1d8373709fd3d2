"""Results as JSON: the same text for every command, given a piece at a time when it is long.

`model_dump_json` builds the whole text at once, and pydantic holds it twice while it does (its
own buffer, then the Python string): for a paper of 100,000 proposals that is about 300 MB for a
moment. Here each top-level list of a long result is written a slice at a time instead, so the
most held at once is one slice. The text is the same, character for character
(`tests/test_json_pieces.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, get_args

from pydantic import BaseModel, TypeAdapter

from sendreview.text import json_text

# A result with a top-level list at least this long is written in pieces; a slice of it holds at
# most this many items (a list of fewer, larger items - asks with thousands of links - goes an item at a time).
LONG = 1_000


def json_pieces(model: BaseModel) -> Iterator[str]:
    """`model` as `model_dump_json(indent=2, by_alias=True)` would write it, characters that must
    not reach a terminal escaped (`text.json_text`), in pieces to be written one after another."""
    fields = type(model).model_fields
    lists = {
        name: value
        for name, value in model
        if isinstance(value, tuple) and value and name in fields and _item_type(fields[name].annotation) is not None
    }
    if not any(len(value) >= LONG for value in lists.values()):
        yield json_text(model.model_dump_json(indent=2, by_alias=True))
        return
    head = json_text(model.model_copy(update=dict.fromkeys(lists, ())).model_dump_json(indent=2, by_alias=True))
    for name, items in lists.items():
        # Text in JSON holds no raw new line, so this can only be the top-level key, emptied above.
        key = fields[name].serialization_alias or fields[name].alias or name
        before, head = head.split(f'\n  "{key}": []', 1)
        yield f'{before}\n  "{key}": [\n'
        annotation: Any = fields[name].annotation  # tuple[X, ...]
        adapter: TypeAdapter[Any] = TypeAdapter(annotation)
        step = LONG if len(items) >= LONG else 1
        for start in range(0, len(items), step):
            text = adapter.dump_json(items[start : start + step], indent=2, by_alias=True).decode("utf-8")
            # A list of its own: "[\n  item,\n  item\n]", one level too shallow; keep its items, indented.
            body = json_text(text[2:-2]).replace("\n", "\n  ")
            yield ("  " if start == 0 else ",\n  ") + body
        head = "\n  ]" + head
    yield head


def _item_type(annotation: Any) -> Any:
    """The item type of a `tuple[X, ...]` field, or None for any other field."""
    args = get_args(annotation)
    return args[0] if len(args) == 2 and args[1] is Ellipsis else None
