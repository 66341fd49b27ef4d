"""The public pages: sectors and themes, a theme's words, the pictures."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient


@pytest.fixture
def site(loaded: Flask) -> FlaskClient:
    return loaded.test_client()


def test_home_lists_sectors_and_themes(site: FlaskClient) -> None:
    page = site.get("/").get_data(as_text=True)
    assert '<h2 id="sector-keuken">Keuken</h2>' in page
    assert 'href="/sectors/keuken/themes/basis"' in page
    assert "4 woorden" in page
    assert 'lang="nl" dir="ltr"' in page


def test_home_without_content_explains_what_to_do(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    assert "Er zijn nog geen sectoren geladen" in page


def test_theme_page_shows_words_pictures_and_dialogue(site: FlaskClient) -> None:
    response = site.get("/sectors/keuken/themes/basis")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<span class="article article--de">de</span> emmer' in page
    assert "meervoud: emmers" in page
    assert "Vul de emmer met water." in page
    assert 'src="/pictures/openmoji/1FAA3.svg"' in page
    assert 'alt="de emmer"' in page
    assert 'src="/pictures/keuken/mop.svg"' in page
    assert '<dt lang="ar">العربية</dt><dd lang="ar" dir="auto">دلو</dd>' in page
    assert "Het begin van de dienst" in page
    assert "Sanne" in page
    assert "OpenMoji" in page and "CC BY-SA 4.0" in page


def test_unknown_theme_is_404(site: FlaskClient) -> None:
    assert site.get("/sectors/keuken/themes/nope").status_code == 404
    assert site.get("/sectors/nope/themes/basis").status_code == 404


@pytest.mark.parametrize("url", ["/pictures/openmoji/1FAA3.svg", "/pictures/keuken/mop.svg"])
def test_pictures_are_served_with_caching(site: FlaskClient, url: str) -> None:
    response = site.get(url)
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.data.startswith(b"<svg")
    assert "max-age=604800" in response.headers["Cache-Control"]
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    etag = response.headers["ETag"]
    response.close()
    again = site.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    again.close()


def test_only_loaded_pictures_are_served(site: FlaskClient) -> None:
    # 1F600 exists in OpenMoji but no term uses it.
    assert site.get("/pictures/openmoji/1F600.svg").status_code == 404
    assert site.get("/pictures/keuken/..%2Fsector.svg").status_code == 404


def test_language_switch_sets_a_cookie_and_returns(app: Flask, site: FlaskClient) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    response = site.post("/taal/en", data={"next": "/sectors/keuken/themes/basis"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/sectors/keuken/themes/basis"
    assert "vaktaal_lang=en" in response.headers["Set-Cookie"]
    page = site.get("/").get_data(as_text=True)
    assert 'lang="en"' in page
    assert "Practise the words of your work" in page


def test_language_switch_never_redirects_elsewhere(app: Flask, site: FlaskClient) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    for target in ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]:
        response = site.post("/taal/en", data={"next": target})
        assert response.headers["Location"] == "/"
    assert site.post("/taal/xx").status_code == 404


def test_language_switch_needs_csrf_token(site: FlaskClient) -> None:
    assert site.post("/taal/en", data={"next": "/"}).status_code == 400
