"""The number of SQL statements of a query depends on its shape, not on the page size."""

from __future__ import annotations

from tests import factories
from tests.schema.graphql import ok

NESTED = """
query ($first: Int) {
  organisations(first: $first) {
    totalCount
    edges { node {
      slug name
      municipality { bfsNumber }
      services { totalCount edges { node { slug provider { slug } fundingArea { code } } } }
      relationships { totalCount edges { node { kind source { slug } target { slug } } } }
    } }
  }
}
"""


async def test_first_5_and_first_50_issue_the_same_number_of_statements(db, sql_statements):
    # given: 60 organisations, each with two services and a relationship to its neighbour
    for number in range(60):
        slug = f"verein-{number:02d}"
        await factories.organisation(slug)
        await factories.service(slug, f"{slug}-kurs")
        await factories.service(slug, f"{slug}-beratung")
        if number:
            await factories.relationship(slug, f"verein-{number - 1:02d}")
    # when
    sql_statements.statements.clear()
    small = await ok(NESTED, {"first": 5})
    small_count = len(sql_statements.statements)
    sql_statements.statements.clear()
    large = await ok(NESTED, {"first": 50})
    large_count = len(sql_statements.statements)
    # then: the data differ in size, the statements do not
    assert len(small["organisations"]["edges"]) == 5
    assert len(large["organisations"]["edges"]) == 50
    assert sum(e["node"]["services"]["totalCount"] for e in large["organisations"]["edges"]) == 100
    assert small_count == large_count
    # count, page, services, relationships, and the relationships' far ends by id (providers are on the page)
    assert large_count == 5, sql_statements.statements
