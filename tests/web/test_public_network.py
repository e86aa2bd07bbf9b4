"""The partner-network picture's layout: one place per neighbour, rings around the centre, inside the picture."""

from __future__ import annotations

import math

from web.public import network


def test_no_neighbours_give_an_empty_picture_around_the_centre() -> None:
    # given no neighbours, when laid out
    drawn = network.layout([])
    # then only the centre is there, in the middle of a picture one ring wide
    assert drawn.placed == []
    assert (drawn.centre.x, drawn.centre.y) == (drawn.width / 2, drawn.height / 2)


def test_a_single_neighbour_sits_straight_above_the_centre() -> None:
    # given one neighbour, when laid out
    drawn = network.layout(["sem"])
    # then it is at the top of the first ring, its name centred above it
    (sem,) = drawn.placed
    assert sem.key == "sem"
    assert (sem.at.x, sem.at.y) == (drawn.centre.x, drawn.centre.y - network.FIRST_RADIUS)
    assert sem.text_anchor == "middle"
    assert sem.name_at == network.Point(sem.at.x, sem.at.y - network.NAME_GAP)
    assert sem.label_at == network.Point(drawn.centre.x, drawn.centre.y - network.FIRST_RADIUS / 2)


def test_each_neighbour_gets_one_place_in_order_and_names_point_away_from_the_centre() -> None:
    # given four neighbours, when laid out
    drawn = network.layout(["a", "b", "c", "d"])
    # then they sit clockwise from the top: top, right, bottom, left
    assert [place.key for place in drawn.placed] == ["a", "b", "c", "d"]
    right, left = drawn.placed[1], drawn.placed[3]
    assert (right.at.x, right.at.y) == (drawn.centre.x + network.FIRST_RADIUS, drawn.centre.y)
    assert (left.at.x, left.at.y) == (drawn.centre.x - network.FIRST_RADIUS, drawn.centre.y)
    assert (right.text_anchor, left.text_anchor) == ("start", "end")
    assert right.name_at == network.Point(right.at.x + network.NAME_GAP, right.at.y + 4)
    assert left.name_at == network.Point(left.at.x - network.NAME_GAP, left.at.y + 4)


def test_many_neighbours_fill_further_rings_and_the_picture_grows_to_hold_them() -> None:
    # given more neighbours than the first two rings hold
    keys = [f"org-{index}" for index in range(35)]
    # when laid out
    drawn = network.layout(keys)
    # then the rings hold 12, 20 and the 3 left, every node inside the picture
    assert network.rings(35) == [12, 20, 3]
    assert len(drawn.placed) == 35
    distances = sorted(
        {round(math.dist((p.at.x, p.at.y), (drawn.centre.x, drawn.centre.y))) for p in drawn.placed}
    )
    assert distances == [140, 230, 320]
    assert all(0 < p.at.x < drawn.width and 0 < p.at.y < drawn.height for p in drawn.placed)
    assert drawn.width == 2 * (320 + network.MARGIN_X)
