"""Company photos: check an upload, re-encode it clean and small, and store it.

Pillow is imported where it is used. The upload is trusted for nothing: the type comes
from the content (not the file name), the size is checked while reading, the pixel count
before decoding, and the stored file is a fresh image without any metadata (EXIF, GPS,
comments, colour profiles).
"""

from __future__ import annotations

import io
import secrets
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MAX_PHOTO_BYTES = 5 * 1024 * 1024
# A 40-megapixel photo is plenty; more is a mistake or a decompression bomb.
MAX_PHOTO_PIXELS = 40_000_000
MAX_PHOTO_SIDE = 1200
FORMATS = {"JPEG": "jpg", "PNG": "png"}


class PhotoError(ValueError):
    """An upload that is refused; the message is a code the view turns into a sentence."""


@dataclass(frozen=True)
class Photo:
    data: bytes
    extension: str  # "jpg" or "png"


def read_limited(stream: BinaryIO, *, max_bytes: int = MAX_PHOTO_BYTES) -> bytes:
    """Read at most `max_bytes`; a longer upload is refused without reading the rest."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise PhotoError("too-large")
    return data


def clean_photo(
    data: bytes, *, max_pixels: int = MAX_PHOTO_PIXELS, max_side: int = MAX_PHOTO_SIDE
) -> Photo:
    """Re-encode a JPEG or PNG: upright, at most `max_side` pixels wide and high, no metadata."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    with warnings.catch_warnings():
        # Pillow only warns between its limit and twice its limit: refuse those too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise PhotoError("too-many-pixels") from error
        except (UnidentifiedImageError, OSError) as error:
            raise PhotoError("not-an-image") from error
        with image:
            if image.width * image.height > max_pixels:
                raise PhotoError("too-many-pixels")
            extension = FORMATS[str(image.format)]
            try:
                image.load()
                upright = ImageOps.exif_transpose(image)
            except (OSError, ValueError, SyntaxError) as error:
                raise PhotoError("not-an-image") from error
    has_alpha = extension == "png" and (
        upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    )
    converted = upright.convert("RGBA" if has_alpha else "RGB")
    converted.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    # A new image from the pixels alone: nothing of the original's `info` comes along.
    fresh = Image.frombytes(converted.mode, converted.size, converted.tobytes())
    out = io.BytesIO()
    if extension == "jpg":
        fresh.save(out, format="JPEG", quality=85, optimize=True)
    else:
        fresh.save(out, format="PNG", optimize=True)
    return Photo(out.getvalue(), extension)


def store_photo(folder: Path, organisation_id: int, photo: Photo) -> str:
    """Write the photo under `folder`/<organisation>/ with a random name; return the name."""
    target = folder / str(organisation_id)
    target.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.{photo.extension}"
    (target / name).write_bytes(photo.data)
    return name


def photo_path(folder: Path, organisation_id: int, name: str) -> Path:
    """Where a stored photo is; the name is checked so it cannot leave the folder."""
    stem, _, extension = name.partition(".")
    if extension not in FORMATS.values() or not stem.isalnum():
        raise PhotoError("unknown-photo")
    return folder / str(organisation_id) / name
