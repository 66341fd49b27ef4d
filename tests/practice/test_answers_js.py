"""The phone checks typed answers in JavaScript: it must agree with srs/answers.py."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from vaktaal.config import PROJECT_ROOT
from vaktaal.srs.answers import check_typed

CASES = [
    ("emmer", "emmer", None, False),
    ("Emmer ", "emmer", None, False),
    ("emer", "emmer", None, False),
    ("handshoenen", "handschoenen", None, False),
    ("handschoenne", "handschoenen", None, False),
    ("hnadschoenen", "handschoenen", None, False),
    ("handschoen", "handschoenen", None, False),
    ("de emmer", "emmer", "de", True),
    ("het emmer", "emmer", "de", True),
    ("emmer", "emmer", "de", True),
    ("emmer", "emmer", "de", False),
    ("het emmer", "emmer", "de", False),
    ("een", "één", None, False),
    ("auto’s", "auto's", None, False),
    ("veiligheidsschoenen", "veiligheidsschoenen", None, False),
    ("veiligheidschoenen", "veiligheidsschoenen", None, False),
    ("desinfecteren.", "desinfecteren", None, False),
    ("desinfekteeren", "desinfecteren", None, False),
    ("", "mop", None, False),
    ("DE MOP", "mop", "de", True),
    ("stofzuiger", "stofzuigen", None, False, ["stofzuiger"]),
    ("stofzuigne", "stofzuigen", None, False, ["stofzuiger"]),
]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_javascript_agrees_with_python(tmp_path: Path) -> None:
    module = tmp_path / "answers.mjs"
    module.write_text((PROJECT_ROOT / "static/js/answers.js").read_text(encoding="utf-8"))
    runner = tmp_path / "run.mjs"
    runner.write_text(
        'import { checkTyped } from "./answers.mjs";\n'
        'import { readFileSync } from "node:fs";\n'
        "const cases = JSON.parse(readFileSync(0, 'utf8'));\n"
        "console.log(JSON.stringify(cases.map(([g, e, a, r, o]) =>"
        " checkTyped(g, e, { article: a, requireArticle: r, otherWords: o || [] }))));\n"
    )
    result = subprocess.run(
        ["node", str(runner)], input=json.dumps(CASES), capture_output=True, text=True, check=True
    )
    from_js = json.loads(result.stdout)
    from_python = [
        check_typed(g, e, article=a, require_article=r, other_words=o[0] if o else ()).__dict__
        for g, e, a, r, *o in CASES
    ]
    assert from_js == from_python
