"""The article pane's word wrap: it always ends, covers every character once, and keeps
every line within the width, whatever the text (long words, wide and combining
characters)."""

from __future__ import annotations

from deadline import ends_within
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.app.article import wrap_offsets


def check_wrap(text: str, width: int) -> list[tuple[int, int]]:
    with ends_within(5):
        lines = wrap_offsets(text, 0, len(text), width)
    # Every character once, in order: lines follow each other, paragraphs after their "\n".
    position = 0
    for start, end in lines:
        assert start == position or (start == position + 1 and text[position] == "\n"), (start, position)
        assert start <= end
        assert "\n" not in text[start:end]
        position = end
    assert position == len(text)
    for start, end in lines:
        shown = text[start:end].rstrip()
        assert cell_len(shown) <= width or len(shown) == 1, (shown, width)
    return lines


def test_a_word_longer_than_two_lines_is_cut_into_lines():
    assert check_wrap("x" * 157, 78) == [(0, 78), (78, 156), (156, 157)]


def test_a_long_word_after_other_words_is_cut_from_its_own_line():
    text = "see https://example.com/" + "a" * 200 + " then"
    lines = check_wrap(text, 40)
    assert text[slice(*lines[0])] == "see "
    assert [len(text[slice(*line)].rstrip()) for line in lines[1:]] == [40] * 5 + [len("a" * 20 + " then")]


def test_wide_characters_are_cut_by_cells():
    lines = check_wrap("中" * 41, 78)
    assert lines == [(0, 39), (39, 41)]


def test_a_character_wider_than_the_line_stands_alone():
    assert check_wrap("中中 ab", 1) == [(0, 1), (1, 3), (3, 4), (4, 5)]


def test_a_megabyte_word_wraps_in_linear_time():
    check_wrap("=" * 1_000_000, 78)


WRAP_TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(["x" * 90, "中" * 7, "e\u0301", " ", "  ", "\n", "word ", "\u200b", "ab"]),
             max_size=40).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(WRAP_TEXT, st.integers(min_value=1, max_value=300))
def test_wrapping_ends_covers_everything_once_and_fits(text, width):
    check_wrap(text, width)
