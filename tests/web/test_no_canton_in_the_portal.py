"""Nothing about one canton is written into the portal: its name, office, address and logo come from
the data (the current programme's owner), because other cantons run kipnet too."""

from __future__ import annotations

import re

from web.execute import WEB_DIR

#: Words that would tie the portal to Basel-Landschaft (the canton, its capital, its offices, its code).
CANTONAL = re.compile(
    r"basel(?!ine)|liestal|fibl|ausländerdienst|amtshausgasse|\bBL\b|\bKIP[ -]?BL\b", re.IGNORECASE
)
SOURCES = ("*.py", "*.html", "*.graphql", "*.css", "*.js", "*.po", "*.svg")


def test_no_file_of_the_portal_names_the_canton() -> None:
    # given every file the portal is made of
    files = [path for pattern in SOURCES for path in WEB_DIR.rglob(pattern)]
    assert len(files) > 100
    # then none names Basel-Landschaft or its offices
    found = [
        f"{path.relative_to(WEB_DIR)}:{number}: {line.strip()}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if CANTONAL.search(line)
    ]
    assert found == []
