"""Files that go with deleted rows are removed on commit, and kept on a rollback."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from vaktaal.core.cleanup import delete_after_commit


def a_file(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(b"photo")
    return path


def test_files_go_when_the_transaction_commits(tmp_path: Path) -> None:
    photo, missing = a_file(tmp_path, "a.jpg"), tmp_path / "never-there.jpg"
    with Session(create_engine("sqlite://")) as session:
        session.execute(text("select 1"))
        delete_after_commit(session, [photo, missing])
        assert photo.exists()
        session.commit()
        assert not photo.exists()
        # The list is used up: a later commit deletes nothing it was not asked to.
        again = a_file(tmp_path, "a.jpg")
        session.commit()
        assert again.exists()


def test_files_stay_when_the_transaction_rolls_back(tmp_path: Path) -> None:
    photo = a_file(tmp_path, "b.jpg")
    with Session(create_engine("sqlite://")) as session:
        session.execute(text("select 1"))
        delete_after_commit(session, [photo])
        session.rollback()
        session.commit()
    assert photo.exists()
