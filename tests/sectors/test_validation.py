"""Every class of content error, each with a broken fixture and its exact message."""

from __future__ import annotations

from pathlib import Path

import pytest

from vaktaal.sectors.spelling import Hunspell
from vaktaal.sectors.validation import check_content

BASIS = "keuken/themes/01-basis.yaml"
SCHOON = "keuken/themes/02-schoon.yaml"


def edit(content_dir: Path, name: str, old: str, new: str) -> None:
    path = content_dir / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(content_dir: Path, *, spelling: bool = False) -> list[str]:
    report = check_content(content_dir, checker=Hunspell() if spelling else None)
    assert report.ok == (not report.problems)
    root = str(content_dir) + "/"
    return [str(p).replace(root, "") for p in report.problems]


def test_fixture_is_valid(content_dir: Path) -> None:
    report = check_content(content_dir, checker=Hunspell())
    assert report.problems == []
    [sector] = report.sectors
    assert sector.slug == "keuken"
    assert [t.theme.slug for t in sector.themes] == ["basis", "schoon"]
    assert sorted(sector.pictures) == ["mop", "openmoji:1F4A7", "openmoji:1F9FC", "openmoji:1FAA3"]


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        pytest.param(
            BASIS, "    article: de\n    plural: emmers\n", "    plural: emmers\n",
            f"{BASIS}:8: noun 'emmer' needs an article (de or het)", id="noun-without-article",
        ),
        pytest.param(
            BASIS, "    plural: emmers\n", "",
            f"{BASIS}:8: noun 'emmer' needs a plural (or countable: false)", id="noun-without-plural",
        ),
        pytest.param(
            BASIS, "    countable: false\n", "    countable: false\n    plural: waters\n",
            f"{BASIS}:31: noun 'water' has a plural but is marked countable: false",
            id="uncountable-with-plural",
        ),
        pytest.param(
            BASIS, "    word_class: verb\n", "    word_class: verb\n    article: de\n",
            f"{BASIS}:36: 'afwassen' is a verb: only nouns have article", id="verb-with-article",
        ),
        pytest.param(
            BASIS, "    picture: openmoji:1FAA3\n", "",
            f"{BASIS}:8: noun 'emmer' needs a picture (or abstract: true)", id="noun-without-picture",
        ),
        pytest.param(
            BASIS, "example: Vul de emmer met water.", "example: Vul hem met water.",
            f"{BASIS}:13: the example of 'emmer' does not contain the word itself",
            id="example-without-word",
        ),
        pytest.param(
            BASIS, "example: Het water is heet.",
            "example: Het water is heet en je moet echt heel erg goed oppassen daarmee.",
            f"{BASIS}:31: the example of 'water' has 13 words (at most 12)", id="example-too-long",
        ),
        pytest.param(
            BASIS, "    article: de\n    plural: emmers\n", "    article: den\n    plural: emmers\n",
            f"{BASIS}:11: term 'emmer': article: Input should be 'de' or 'het'", id="bad-article",
        ),
        pytest.param(
            BASIS, "    example: Vul de emmer met water.\n", "",
            f"{BASIS}:8: term 'emmer': missing field 'example'", id="missing-field",
        ),
        pytest.param(
            BASIS, "    tags: [materiaal]\n", "    tag: [materiaal]\n",
            f"{BASIS}:15: term 'emmer': unknown field 'tag'", id="unknown-field",
        ),
        pytest.param(
            BASIS, "      en: bucket\n", "      xx: bucket\n",
            f"{BASIS}:16: term 'emmer': glosses: unknown gloss language xx "
            "(use one of en, ar, ti, fa, prs, tr, uk, so, ku)",
            id="unknown-gloss-language",
        ),
        pytest.param(
            BASIS, "status: reviewed}", "status: checked}",
            f"{BASIS}:18: term 'emmer': glosses: ar: status: Input should be 'draft' or 'reviewed'",
            id="bad-gloss-status",
        ),
        pytest.param(
            BASIS, "level: A0\n", "level: C2\n",
            f"{BASIS}:4: level: Input should be 'A0', 'A1', 'A2' or 'B1'", id="bad-level",
        ),
        pytest.param(
            BASIS, "  - key: mop\n", "  - key: Mop!\n",
            f"{BASIS}:19: term 'Mop!': key: String should match pattern '^[a-z0-9]+(-[a-z0-9]+)*$'",
            id="bad-key",
        ),
        pytest.param(
            BASIS, "  - key: mop\n", "  - key: emmer\n",
            f"{BASIS}:19: duplicate term key 'emmer' (also at {BASIS}:8)", id="duplicate-term-key",
        ),
        pytest.param(
            SCHOON, "slug: schoon\n", "slug: basis\n",
            f"{SCHOON}:1: duplicate theme slug 'basis' (also at {BASIS}:1)", id="duplicate-theme-slug",
        ),
        pytest.param(
            BASIS, "    lemma: mop\n", "    lemma: mop\n    lemma: dweil\n",
            f"{BASIS}:21: duplicate key 'lemma' (first on line 20)", id="duplicate-yaml-key",
        ),
        pytest.param(
            SCHOON, "includes: [emmer]", "includes: [emmer, pan]",
            f"{SCHOON}:13: theme 'schoon' includes unknown term 'pan'", id="unknown-include",
        ),
        pytest.param(
            SCHOON, "includes: [emmer]", "includes: [emmer, zeep]",
            f"{SCHOON}:13: theme 'schoon' has term 'zeep' twice", id="include-twice",
        ),
        pytest.param(
            BASIS, "terms: [emmer, afwassen]", "terms: [emmer, snijden]",
            f"{BASIS}:47: dialogue 'begin-dienst' uses unknown term 'snijden'",
            id="dialogue-unknown-term",
        ),
        pytest.param(
            BASIS, "      - speaker: b\n", "      - speaker: c\n",
            f"{BASIS}:52: dialogue 'begin-dienst': line 2 has unknown speaker 'c'",
            id="dialogue-unknown-speaker",
        ),
        pytest.param(
            BASIS, "picture: openmoji:1FAA3", "picture: openmoji:FFFFF",
            f"{BASIS}:14: picture 'openmoji:FFFFF' is not in OpenMoji 17.0.0", id="openmoji-missing",
        ),
        pytest.param(
            BASIS, "    picture: mop\n", "    picture: dweil\n",
            f"{BASIS}:25: picture file pictures/dweil.svg does not exist", id="picture-file-missing",
        ),
        pytest.param(
            BASIS, "    picture: mop\n", "    picture: Mop.png\n",
            f"{BASIS}:25: picture 'Mop.png' is neither 'openmoji:<code>' nor the name of a file "
            "in pictures/ (lower case, digits and hyphens)",
            id="picture-reference-malformed",
        ),
        pytest.param(
            BASIS, "  - key: mop\n", "  - key: mop\n  foo: [\n",
            f"{BASIS}:20: YAML syntax error: expected <block end>, but found '?'",
            id="yaml-syntax",
        ),
        pytest.param(
            "keuken/sector.yaml", "title: Keuken\n", "",
            "keuken/sector.yaml:1: missing field 'title'", id="sector-missing-title",
        ),
    ],
)  # fmt: skip
def test_content_error(content_dir: Path, name: str, old: str, new: str, expected: str) -> None:
    edit(content_dir, name, old, new)
    assert problems(content_dir) == [expected]


def test_spelling_error_is_reported_with_its_line(content_dir: Path) -> None:
    edit(content_dir, BASIS, "Het water is heet.", "Het water is hiet.")
    assert problems(content_dir, spelling=True) == [
        f"{BASIS}:31: unknown word 'hiet' (spelling; jargon goes in allowlist.txt)"
    ]


def test_allowlist_and_speaker_names_pass_the_spelling_check(content_dir: Path) -> None:
    # "vaatkar" is allowlisted; "Yonas" is a speaker of the dialogue it appears in.
    assert problems(content_dir, spelling=True) == []
    (content_dir / "keuken/allowlist.txt").write_text("# nothing allowed\n")
    assert problems(content_dir, spelling=True) == [
        f"{BASIS}:24: unknown word 'vaatkar' (spelling; jargon goes in allowlist.txt)"
    ]


def test_allowlist_entry_needs_a_reason(content_dir: Path) -> None:
    (content_dir / "keuken/allowlist.txt").write_text("vaatkar\n")
    assert problems(content_dir) == [
        "keuken/allowlist.txt:1: allowlist entry 'vaatkar' needs a reason after '#'"
    ]


def test_unsafe_svg_is_refused(content_dir: Path) -> None:
    (content_dir / "keuken/pictures/mop.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 72 72"><script>alert(1)</script></svg>'
    )
    assert problems(content_dir) == [
        f"{BASIS}:25: pictures/mop.svg contains <script>: not allowed"
    ]


def test_missing_sector_file_and_empty_themes(content_dir: Path) -> None:
    (content_dir / "keuken/sector.yaml").unlink()
    for path in (content_dir / "keuken/themes").iterdir():
        path.unlink()
    assert problems(content_dir) == [
        "keuken/sector.yaml:1: sector.yaml is missing",
        "keuken/themes:1: the sector has no theme files",
    ]


def test_empty_and_non_mapping_files(content_dir: Path) -> None:
    (content_dir / BASIS).write_text("")
    (content_dir / SCHOON).write_text("- just\n- a list\n")
    assert problems(content_dir) == [
        f"{BASIS}:1: the file is empty",
        f"{SCHOON}:1: the file must hold a mapping (key: value lines)",
    ]


def test_a_broken_sector_does_not_hide_a_good_one(content_dir: Path) -> None:
    good = content_dir / "tweede"
    (content_dir / "keuken").rename(good)
    import shutil

    shutil.copytree(good, content_dir / "keuken")
    edit(content_dir, BASIS, "    article: de\n    plural: emmers\n", "    plural: emmers\n")
    report = check_content(content_dir, checker=None)
    assert [s.slug for s in report.sectors] == ["tweede"]
    assert len(report.problems) == 1


def test_repository_content_is_valid() -> None:
    from vaktaal.config import PROJECT_ROOT

    report = check_content(PROJECT_ROOT / "content" / "sectors", checker=Hunspell())
    assert [str(p) for p in report.problems] == []
    assert "schoonmaak" in [s.slug for s in report.sectors]
