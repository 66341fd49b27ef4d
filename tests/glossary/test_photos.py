"""Upload validation for company photos: type by content, size, bombs, metadata."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from vaktaal.glossary.photos import (
    MAX_PHOTO_BYTES,
    PhotoError,
    clean_photo,
    photo_path,
    read_limited,
    store_photo,
)


def jpeg_with_exif(size: tuple[int, int] = (2400, 1600)) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x0131] = "Secret software"  # Software
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_exif_is_present_before_and_gone_after() -> None:
    data = jpeg_with_exif()
    with Image.open(io.BytesIO(data)) as before:
        assert before.getexif()[0x010F] == "Camera maker"
    photo = clean_photo(data)
    assert photo.extension == "jpg"
    assert b"Camera maker" not in photo.data and b"Exif" not in photo.data
    with Image.open(io.BytesIO(photo.data)) as after:
        assert dict(after.getexif()) == {}
        assert "exif" not in after.info
        assert after.size == (1200, 800)  # resized, proportions kept


def test_png_stays_png_and_keeps_transparency() -> None:
    out = io.BytesIO()
    Image.new("RGBA", (50, 40), (0, 0, 0, 0)).save(out, format="PNG")
    photo = clean_photo(out.getvalue())
    assert photo.extension == "png"
    with Image.open(io.BytesIO(photo.data)) as image:
        assert image.mode == "RGBA" and image.size == (50, 40)


def test_a_text_file_named_jpg_is_refused() -> None:
    with pytest.raises(PhotoError, match="not-an-image"):
        clean_photo(b"just some text, saved as machine.jpg\n" * 10)


def test_other_image_types_are_refused() -> None:
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="GIF")
    with pytest.raises(PhotoError, match="not-an-image"):
        clean_photo(out.getvalue())


def test_a_6_mb_upload_is_refused_without_reading_it_all() -> None:
    stream = io.BytesIO(b"\xff" * (6 * 1024 * 1024))
    with pytest.raises(PhotoError, match="too-large"):
        read_limited(stream)
    assert stream.tell() == MAX_PHOTO_BYTES + 1


def test_a_decompression_bomb_is_refused() -> None:
    out = io.BytesIO()
    Image.new("1", (16000, 16000)).save(out, format="PNG")  # 256 Mpx, a few kB
    assert len(out.getvalue()) < 100_000
    with pytest.raises(PhotoError, match="too-many-pixels"):
        clean_photo(out.getvalue())


def test_our_own_pixel_limit_applies_below_pillows() -> None:
    out = io.BytesIO()
    Image.new("L", (300, 300)).save(out, format="PNG")
    with pytest.raises(PhotoError, match="too-many-pixels"):
        clean_photo(out.getvalue(), max_pixels=300 * 299)


def test_stored_photos_stay_in_their_folder(tmp_path: Path) -> None:
    photo = clean_photo(jpeg_with_exif((20, 20)))
    name = store_photo(tmp_path, 7, photo)
    assert photo_path(tmp_path, 7, name).read_bytes() == photo.data
    for bad in ("../x.jpg", "a/b.jpg", "x.gif", ".jpg"):
        with pytest.raises(PhotoError):
            photo_path(tmp_path, 7, bad)
