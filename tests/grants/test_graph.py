"""Pure graph rules of the partner network, without a database."""

from grants.directory.graph import Edge, next_layer, path_to, record_parents

# 1 -a-> 2 -b-> 3, 4 -c-> 2, 5 alone
EDGES = [Edge(10, 1, 2), Edge(11, 2, 3), Edge(12, 4, 2)]


def test_next_layer_steps_both_directions_and_skips_seen_nodes():
    reached, used = next_layer({2}, EDGES, seen={2})
    assert reached == {1, 3, 4}
    assert [edge.id for edge in used] == [10, 11, 12]
    reached, used = next_layer({1}, EDGES, seen={1, 2})
    assert reached == set()
    assert [edge.id for edge in used] == [10]


def test_path_follows_parents_back_to_the_start_in_walking_order():
    parents: dict[int, Edge | None] = {3: None}
    frontier = record_parents({3}, EDGES, parents)
    assert frontier == {2}
    frontier = record_parents(frontier, EDGES, parents)
    assert frontier == {1, 4}
    assert [edge.id for edge in path_to(4, parents)] == [11, 12]
    assert path_to(3, parents) == []


def test_parents_prefer_the_oldest_edge_when_two_reach_a_node():
    parallel = [Edge(21, 1, 2), Edge(20, 2, 1)]
    parents: dict[int, Edge | None] = {1: None}
    record_parents({1}, parallel, parents)
    assert parents[2] == Edge(20, 2, 1)
