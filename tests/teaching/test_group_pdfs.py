"""The group's printed sheets: the join sheet and the personal login cards."""

from __future__ import annotations

import subprocess
import unicodedata
from io import BytesIO
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from sqlalchemy import func, select

from tests.conftest import NOW
from vaktaal.accounts.models import Group, Learner, LoginLink
from vaktaal.accounts.service import create_login_link, join_group
from vaktaal.extensions import db

BASE = "https://vaktaal.example"


@pytest.fixture
def printing(loaded: Flask) -> Flask:
    loaded.config["BASE_URL"] = BASE + "/"
    return loaded


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)
    return unicodedata.normalize("NFKC", text)


def qr_codes(data: bytes, tmp_path: Path) -> list[set[str]]:
    """The text of every QR code, page by page."""
    import zxingcpp
    from PIL import Image

    path = tmp_path / "sheet.pdf"
    path.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(path), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    return [{r.text for r in zxingcpp.read_barcodes(Image.open(png))} for png in pages]


def only_code(data: bytes, folder: Path) -> str:
    """The one QR code in a one-card PDF."""
    folder.mkdir()
    [[url]] = [list(urls) for urls in qr_codes(data, folder)]
    return url


def add_learners(app: Flask, group_id: int, names: list[str]) -> dict[str, int]:
    with app.app_context():
        group = db.session.get(Group, group_id)
        assert group is not None
        ids = {
            name: join_group(db.session, group, name=name, pin=None, now=NOW).id for name in names
        }
        db.session.commit()
        return ids


def test_the_join_sheet_has_the_group_the_code_and_a_qr_code_to_join(
    printing: Flask, teacher_client: FlaskClient, group_id: int, tmp_path: Path
) -> None:
    response = teacher_client.get(f"/docent/groepen/{group_id}/aanmeldblad.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    data = response.data
    assert data.startswith(b"%PDF")
    with printing.app_context():
        group = db.session.get(Group, group_id)
        assert group is not None
        code = group.join_code
    reader = PdfReader(BytesIO(data))
    assert len(reader.pages) == 1
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width) / 72 * 25.4), round(float(height) / 72 * 25.4)) == (210, 297)
    text = pdf_text(data)
    assert "NT2 Schoonmaak A" in text
    assert f"{code[:3]} {code[3:]}" in text
    assert "Typ je naam." in text and f"{BASE}/join" in text
    assert "OpenMoji" in text  # the pictograms' attribution
    assert qr_codes(data, tmp_path) == [{f"{BASE}/j/{code}"}]
    # The address in the QR code lets a phone join.
    phone = printing.test_client()
    assert phone.get(f"/j/{code}").headers["Location"] == f"/join/{code}"


def test_login_cards_for_the_chosen_learners_log_them_in(
    printing: Flask, teacher_client: FlaskClient, group_id: int, tmp_path: Path
) -> None:
    ids = add_learners(printing, group_id, ["Amina", "Yonas", "Maryam"])
    chosen = [ids["Amina"], ids["Maryam"]]
    response = teacher_client.post(
        f"/docent/groepen/{group_id}/inlogkaarten.pdf", data={"learners": chosen}
    )
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.data.startswith(b"%PDF")
    text = pdf_text(response.data)
    assert "Amina" in text and "Maryam" in text and "Yonas" not in text
    assert "NT2 Schoonmaak A" in text
    [urls] = qr_codes(response.data, tmp_path)
    assert len(urls) == 2 and all(url.startswith(f"{BASE}/login/") for url in urls)
    names = set()
    for url in urls:
        path = url.removeprefix(BASE)
        page = printing.test_client().get(path)
        assert page.status_code == 200
        names.add("Amina" if "Amina" in page.get_data(as_text=True) else "Maryam")
    assert names == {"Amina", "Maryam"}


def test_printing_again_makes_the_old_cards_stop_working(
    printing: Flask, teacher_client: FlaskClient, group_id: int, tmp_path: Path
) -> None:
    ids = add_learners(printing, group_id, ["Amina", "Yonas"])
    with printing.app_context():
        yonas = db.session.get(Learner, ids["Yonas"])
        assert yonas is not None
        yonas_link = create_login_link(db.session, yonas, now=NOW)  # not reprinted below
        db.session.commit()
    path = f"/docent/groepen/{group_id}/inlogkaarten.pdf"
    old, new = (only_code(teacher_client.post(path, data={"learners": [ids["Amina"]]}).data,
                          tmp_path / run) for run in ("first", "second"))  # fmt: skip
    assert old != new
    phone = printing.test_client()
    assert phone.get(old.removeprefix(BASE)).status_code == 404
    assert phone.get(new.removeprefix(BASE)).status_code == 200
    assert phone.get(f"/login/{yonas_link}").status_code == 200  # Yonas's card still works
    with printing.app_context():
        live = db.session.scalar(
            select(func.count())
            .select_from(LoginLink)
            .where(LoginLink.learner_id == ids["Amina"], LoginLink.revoked_at.is_(None))
        )
        assert live == 1


def test_eight_cards_to_a_page(
    printing: Flask, teacher_client: FlaskClient, group_id: int, tmp_path: Path
) -> None:
    names = [f"Leerling {n}" for n in range(1, 10)]
    ids = add_learners(printing, group_id, names)
    response = teacher_client.post(
        f"/docent/groepen/{group_id}/inlogkaarten.pdf", data={"learners": list(ids.values())}
    )
    assert response.status_code == 200
    reader = PdfReader(BytesIO(response.data))
    assert len(reader.pages) == 2
    assert [len(urls) for urls in qr_codes(response.data, tmp_path)] == [8, 1]
    assert "Leerling 9" in reader.pages[1].extract_text()


def test_no_or_a_foreign_learner_is_refused_and_prints_nothing(
    printing: Flask, teacher_client: FlaskClient, admin_id: int, group_id: int
) -> None:
    from tests.teaching.conftest import make_group

    ids = add_learners(printing, group_id, ["Amina"])
    other_group = make_group(printing, admin_id, name="Andere groep")
    stranger = add_learners(printing, other_group, ["Yonas"])["Yonas"]
    path = f"/docent/groepen/{group_id}/inlogkaarten.pdf"
    for data in ({}, {"learners": [stranger]}, {"learners": [ids["Amina"], stranger]}):
        response = teacher_client.post(path, data=data)
        assert response.status_code == 422, data
        assert response.mimetype == "text/html"
        html = response.get_data(as_text=True)
        assert "Kies minstens één cursist" in html
    with printing.app_context():
        assert db.session.scalar(select(func.count()).select_from(LoginLink)) == 0


def test_the_group_page_warns_before_printing_cards(
    printing: Flask, teacher_client: FlaskClient, group_id: int
) -> None:
    add_learners(printing, group_id, ["Amina"])
    html = teacher_client.get(f"/docent/groepen/{group_id}").get_data(as_text=True)
    assert "De oude kaarten van de gekozen cursisten werken daarna niet meer." in html
    assert 'type="checkbox"' in html and "checked" in html
