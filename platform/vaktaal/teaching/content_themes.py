"""The content files' themes as the topic matcher sees them, without a database.

For checking the matcher on the real content (tests, bench/matching.py); the planner
builds the same `ThemeData` from the database.
"""

from __future__ import annotations

from pathlib import Path

from vaktaal.sectors.validation import check_content
from vaktaal.teaching.matching import ThemeData


def content_themes(content_dir: Path) -> tuple[list[ThemeData], dict[int, str]]:
    """Every theme of the content (ids numbered here, in file order) and its
    `sector/slug` name; a theme's words include those it takes from other themes."""
    report = check_content(content_dir, checker=None)
    if report.problems:
        raise ValueError(f"the content has problems: {report.problems[:3]}")
    themes: list[ThemeData] = []
    names: dict[int, str] = {}
    for sector in report.sectors:
        lemmas = {term.key: term.lemma for tf in sector.themes for term in tf.theme.terms}
        for tf in sector.themes:
            spec = tf.theme
            own = [term.lemma for term in spec.terms]
            included = [lemmas[key] for key in spec.includes if key in lemmas]
            theme_id = len(themes) + 1
            themes.append(
                ThemeData(
                    theme_id,
                    spec.title,
                    spec.description,
                    tuple(spec.training_topics),
                    tuple(own + included),
                )
            )
            names[theme_id] = f"{sector.slug}/{spec.slug}"
    return themes, names
