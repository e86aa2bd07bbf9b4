"""Cursors and in-memory pages, without a database."""

import pytest

from grants.errors import DomainError, ErrorCode
from grants.pagination import decode_cursor, encode_cursor, page_size, slice_page

ITEMS = list("abcdefg")


def test_slice_page_walks_the_list_with_opaque_cursors():
    first = slice_page(ITEMS, kind="Letter", first=3, after=None)
    assert (list(first.items), first.has_next_page, first.has_previous_page, first.total_count) == (
        ["a", "b", "c"],
        True,
        False,
        7,
    )
    second = slice_page(ITEMS, kind="Letter", first=3, after=first.cursors[-1])
    assert (list(second.items), second.has_previous_page) == (["d", "e", "f"], True)
    last = slice_page(ITEMS, kind="Letter", first=3, after=second.cursors[-1])
    assert (list(last.items), last.has_next_page) == (["g"], False)


def test_cursors_of_another_list_or_garbage_are_refused():
    cursor = encode_cursor("Letter", [2])
    assert decode_cursor("Letter", cursor, 1) == [2]
    for bad in (encode_cursor("Digit", [2]), "%%%", "", encode_cursor("Letter", [1, 2])):
        with pytest.raises(DomainError) as caught:
            decode_cursor("Letter", bad, 1)
        assert caught.value.problems[0].field == ("after",)
    with pytest.raises(DomainError):
        slice_page(ITEMS, kind="Letter", first=3, after=encode_cursor("Letter", [-5]))


@pytest.mark.parametrize(("first", "size"), [(None, 20), (0, 0), (100, 100)])
def test_page_size_defaults_to_20_and_allows_0_to_100(first, size):
    assert page_size(first) == size


@pytest.mark.parametrize("first", [-1, 101, 10**9])
def test_page_size_outside_0_to_100_is_invalid(first):
    with pytest.raises(DomainError) as caught:
        page_size(first)
    assert caught.value.code is ErrorCode.INVALID
