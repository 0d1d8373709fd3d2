"""The one text cleaner: what never leaves sendreview as it is, and how each format escapes it."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from sendreview.text import (
    HIDDEN,
    clean,
    cut,
    has_hidden_in_id,
    json_text,
    markdown,
    markdown_link,
    visible,
)

# Characters the first sweep let through (issue 18), each invisible or direction-changing.
LET_THROUGH_BEFORE = "\u00ad\u061c\u180e\u034f\u3164\u115f\u1160\uffa0\ufffe\uffff\ufdd0\U000e0020\U000e0041\ue000"


def test_hidden_covers_every_control_format_surrogate_private_and_noncharacter() -> None:
    """The written-out list holds every character of those categories in this Python's Unicode."""
    missing = [
        f"U+{number:04X}"
        for number in range(0x110000)
        if (
            unicodedata.category(chr(number)) in ("Cc", "Cf", "Cs", "Co")
            or 0xFDD0 <= number <= 0xFDEF
            or number & 0xFFFE == 0xFFFE
        )
        and re.fullmatch(HIDDEN, chr(number)) is None
    ]
    assert missing == [], f"add these to sendreview.text: {missing[:20]}"


@pytest.mark.parametrize("character", LET_THROUGH_BEFORE)
def test_clean_drops_each_invisible_character(character: str) -> None:
    assert clean(f"a{character}b") == "ab"
    assert visible(f"a{character}b") != f"a{character}b"


def test_clean_keeps_new_lines_tabs_and_emoji() -> None:
    assert clean("one\n\ttwo") == "one\n\ttwo"
    assert clean("heart \u2764\ufe0f, caf\u00e9, \u0645\u0631\u062d\u0628\u0627") == (
        "heart \u2764\ufe0f, caf\u00e9, \u0645\u0631\u062d\u0628\u0627"
    )


def test_clean_removes_whole_escape_sequences() -> None:
    assert clean("\x1b]8;;https://x.example\x1b\\link\x1b]8;;\x1b\\ \x1b[2J\x9b31m") == "link 31m"


def test_visible_writes_new_lines_as_codes_so_no_line_can_be_forged() -> None:
    assert visible("a\nb.yaml: ok (Document)") == "a\\nb.yaml: ok (Document)"
    assert visible("tag\U000e0020 soft\u00ad") == "tag\\U000e0020 soft\\xad"


def test_ids_also_refuse_variation_selectors() -> None:
    assert has_hidden_in_id("1\ufe0f") and has_hidden_in_id("1\U000e0100") and has_hidden_in_id("1\u00ad")
    assert not has_hidden_in_id("2.10") and not has_hidden_in_id("caf\u00e9")


def test_json_text_escapes_hidden_characters_and_keeps_the_data() -> None:
    value = "tag\U000e0020 mark\u061c sep\u2028 non\ufffe"
    written = json_text(json.dumps({"title": value}, ensure_ascii=False))
    assert re.search(HIDDEN, written) is None and "\u2028" not in written
    assert "\\udb40\\udc20" in written  # a character past U+FFFF as JSON writes it: two surrogates
    assert json.loads(written)["title"] == value


def test_markdown_shows_entities_as_typed() -> None:
    assert markdown("&lt;script&gt; & &amp;") == "\\&lt;script\\&gt; \\& \\&amp;"


def test_markdown_makes_no_bare_address_a_link() -> None:
    """GFM links `https://`, `www.` and e-mail addresses without brackets; one escape stops each."""
    text = markdown("see https://evil.example, www.evil.example, someone@evil.example and mailto:x")
    assert text == ("see https\\://evil.example, www\\.evil.example, someone\\@evil.example and mailto\\:x")
    assert markdown("Note: a ratio of 1:30, at 10:30") == "Note: a ratio of 1:30, at 10:30"


def test_markdown_link_only_for_a_plain_web_address() -> None:
    assert markdown_link("https://www.gov.uk/x?a=1&b=2") == "<https://www.gov.uk/x?a=1&b=2>"
    assert markdown_link('https://x.example/"><script>') == 'https\\://x.example/"\\>\\<script\\>'
    assert markdown_link("javascript:alert(1)") == "javascript:alert(1)"


def test_markdown_renders_as_typed_where_a_renderer_is_installed() -> None:
    """With markdown-it-py (CommonMark, and GFM's linkify when linkify-it-py is there too)."""
    markdown_it = pytest.importorskip("markdown_it")
    renderer = markdown_it.MarkdownIt("gfm-like") if _has_linkify() else markdown_it.MarkdownIt()
    html = renderer.render(markdown("&lt;script&gt; https://evil.example www.evil.example a@evil.example"))
    assert "<a " not in html
    assert "&amp;lt;script&amp;gt;" in html


def _has_linkify() -> bool:
    try:
        import linkify_it  # noqa: F401
    except ImportError:
        return False
    return True


def test_cut_keeps_a_terminal_cell_short() -> None:
    assert cut("word " * 1000, 20) == "word word word word…"
    assert cut("short") == "short"
    assert len(cut("x" * 9_000_000)) == 2000
