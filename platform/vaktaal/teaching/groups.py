"""A teacher's groups and their learners: create, rename, delete, codes, PINs, printed sheets.

Functions flush, never commit; those that stamp a time take `now`. The caller has
already checked that the group belongs to the teacher's organisation (see `access`);
these functions keep every learner inside the group they are given.
WeasyPrint and segno are imported where they are used (via the glossary's seams).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import render_template
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from vaktaal.accounts import service as accounts
from vaktaal.accounts.models import Group, Learner, User
from vaktaal.config import PROJECT_ROOT
from vaktaal.glossary.service import qr_data_uri, render_pdf
from vaktaal.ownwords import files
from vaktaal.ownwords.models import FlaggedWord, PracticeExtra
from vaktaal.practice.service import delete_learner
from vaktaal.sectors.models import Sector, Theme
from vaktaal.sectors.pictures import OPENMOJI_ATTRIBUTION, OPENMOJI_LICENCE, openmoji_directory
from vaktaal.teaching.models import ThemeAssignment, TrainingSession

# A group starts at one of these; a learner may later be moved up to any level.
GROUP_LEVELS = ("A0", "A1", "A2")
MAX_GROUP_NAME_LENGTH = 80
MIN_INACTIVE_DAYS, MAX_INACTIVE_DAYS = 1, 60
CARDS_PER_PAGE = 8  # 2 × 4 on A4
PRINT_STYLESHEET = PROJECT_ROOT / "static" / "css" / "teacher-groups-print.css"
# OpenMoji pictograms for the join sheet's steps: phone, person, check mark.
STEP_PICTOGRAMS = ("1F4F1", "270D", "2705")


class GroupError(ValueError):
    """A change that cannot be made; the code (e.g. "bad-pin") picks the message."""


@dataclass(frozen=True)
class GroupSummary:
    group: Group
    learners: int


@dataclass(frozen=True)
class GroupContents:
    """What deleting a group removes (learners, training sessions) and keeps (its themes)."""

    learners: int
    training_sessions: int
    themes: int


@dataclass(frozen=True)
class LoginCard:
    """One printed card: the learner and the address in its QR code."""

    learner: Learner
    url: str


def _clean_group_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise GroupError("empty-name")
    if len(cleaned) > MAX_GROUP_NAME_LENGTH:
        raise GroupError("name-too-long")
    return cleaned


def _group_level(level: str) -> str:
    if level not in GROUP_LEVELS:
        raise GroupError("unknown-level")
    return level


def group_sectors(session: Session) -> list[Sector]:
    """The sectors a group can be made for: active ones, not the cross-sector packs."""
    return list(
        session.scalars(
            select(Sector)
            .where(Sector.retired_at.is_(None), Sector.cross_sector.is_(False))
            .order_by(Sector.position)
        )
    )


def list_groups(session: Session, organisation_id: int) -> list[GroupSummary]:
    """The organisation's groups with their number of learners, newest first."""
    rows = session.execute(
        select(Group, func.count(Learner.id))
        .outerjoin(Learner, Learner.group_id == Group.id)
        .where(Group.organisation_id == organisation_id)
        .group_by(Group.id)
        .order_by(Group.created_at.desc(), Group.id.desc())
    ).all()
    return [GroupSummary(group, count) for group, count in rows]


def create_teacher_group(
    session: Session, teacher: User, *, name: str, sector_slug: str, level: str, now: datetime
) -> Group:
    """Make a group of the teacher's organisation, with every cross-sector pack."""
    cleaned = _clean_group_name(name)
    sector = next((s for s in group_sectors(session) if s.slug == sector_slug), None)
    if sector is None:
        raise GroupError("unknown-sector")
    group = accounts.create_group(
        session, name=cleaned, sector=sector, level=_group_level(level), now=now
    )
    group.organisation_id = teacher.organisation_id
    session.flush()
    return group


def update_group(
    session: Session, group: Group, *, name: str, level: str, inactive_after_days: int
) -> None:
    """Rename the group, set the level new learners start at and the inactivity signal."""
    cleaned = _clean_group_name(name)
    _group_level(level)
    if not MIN_INACTIVE_DAYS <= inactive_after_days <= MAX_INACTIVE_DAYS:
        raise GroupError("bad-days")
    group.name = cleaned
    group.default_level = level
    group.inactive_after_days = inactive_after_days
    session.flush()


def renew_join_code(session: Session, group: Group) -> str:
    """Give the group a new join code; the old one stops working at once."""
    group.join_code = accounts.new_join_code(session)
    session.flush()
    return group.join_code


def group_learners(session: Session, group: Group) -> list[Learner]:
    """The group's learners in alphabetical order."""
    return list(
        session.scalars(
            select(Learner).where(Learner.group_id == group.id).order_by(Learner.name_key)
        )
    )


def rename_learner(session: Session, learner: Learner, name: str) -> None:
    """Give the learner another display name, unique within the group."""
    try:
        cleaned = accounts.clean_name(name)
    except accounts.AccountError as error:
        raise GroupError(str(error)) from None
    key = accounts.name_key(cleaned)
    taken = session.scalar(
        select(Learner.id).where(
            Learner.group_id == learner.group_id, Learner.name_key == key, Learner.id != learner.id
        )
    )
    if taken is not None:
        raise GroupError("name-taken")
    learner.display_name = cleaned
    learner.name_key = key
    session.flush()


def set_learner_level(session: Session, learner: Learner, level: str) -> None:
    try:
        accounts.set_level(learner, level)
    except accounts.AccountError as error:
        raise GroupError(str(error)) from None
    session.flush()


def set_learner_pin(session: Session, learner: Learner, pin: str | None) -> None:
    """Give the learner a new PIN (4 to 6 digits), or remove it with `None`.

    Either way a lockout after wrong tries is lifted: the teacher has just helped.
    """
    if pin is None:
        learner.pin_hash = None
        learner.pin_failures = 0
        learner.pin_locked_until = None
    else:
        try:
            accounts.set_pin(learner, pin)
        except accounts.AccountError as error:
            raise GroupError(str(error)) from None
    session.flush()


def remove_learner(session: Session, learner: Learner) -> None:
    """Remove the learner from the group with all their practice data."""
    delete_learner(session, learner)


def group_contents(session: Session, group: Group) -> GroupContents:
    """Count what the confirmation before deleting the group must mention."""

    def count(model: type[Learner] | type[TrainingSession] | type[Theme]) -> int:
        query = select(func.count()).select_from(model).where(model.group_id == group.id)
        return int(session.scalar(query) or 0)

    return GroupContents(count(Learner), count(TrainingSession), count(Theme))


def confirms_group_name(group: Group, typed: str) -> bool:
    """Whether the teacher typed the group's name; case and extra spaces do not matter."""

    def folded(name: str) -> str:
        return " ".join(name.split()).casefold()

    return bool(typed.strip()) and folded(typed) == folded(group.name)


def delete_group(session: Session, group: Group) -> None:
    """Delete the group with all its learners' data, its planning, extra words and packs.

    Every learner goes as `remove_learner` removes one (answers, cards, phones, login
    links, flagged words and their files). The themes made for this group only (e.g.
    from a training text) are kept: they are the teachers' work and the next cohort may
    use them, so they become themes of the whole organisation (`group_id` None). Rows
    go children first, so the foreign keys hold on SQLite and PostgreSQL alike.
    """
    for learner in group_learners(session, group):
        delete_learner(session, learner)
    training_ids = select(TrainingSession.id).where(TrainingSession.group_id == group.id)
    session.execute(
        delete(ThemeAssignment).where(
            or_(
                ThemeAssignment.group_id == group.id,
                ThemeAssignment.training_session_id.in_(training_ids),
            )
        )
    )
    session.execute(delete(TrainingSession).where(TrainingSession.group_id == group.id))
    session.execute(delete(PracticeExtra).where(PracticeExtra.group_id == group.id))
    # Flags still naming the group belong to learners no longer in it.
    flags = list(session.scalars(select(FlaggedWord).where(FlaggedWord.group_id == group.id)))
    file_names = [name for flag in flags for name in (flag.audio_name, flag.photo_name) if name]
    session.execute(delete(FlaggedWord).where(FlaggedWord.group_id == group.id))
    session.execute(update(Theme).where(Theme.group_id == group.id).values(group_id=None))
    group.packs.clear()
    # The learners are gone; a stale `learners` list must not be written back.
    session.expire(group, ["learners"])
    session.delete(group)
    session.flush()
    files.delete_files(session, files.flag_folder(), file_names)


def make_login_cards(
    session: Session, group: Group, learner_ids: list[int], *, base_url: str, now: datetime
) -> list[LoginCard]:
    """New login links for the chosen learners of the group; their older links stop working.

    So a lost card is harmless once its learner's card is printed again.
    """
    wanted = set(learner_ids)
    learners = [x for x in group_learners(session, group) if x.id in wanted]
    if not learners or len(learners) != len(wanted):
        raise GroupError("no-learners")
    cards = []
    for learner in learners:
        accounts.revoke_login_links(session, learner, now=now)
        token = accounts.create_login_link(session, learner, now=now)
        cards.append(LoginCard(learner, login_url(base_url, token)))
    return cards


def join_url(base_url: str, group: Group) -> str:
    """The address in the join sheet's QR code (short, so the code stays small)."""
    return f"{base_url.rstrip('/')}/j/{group.join_code}"


def login_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/login/{token}"


def spaced_code(code: str) -> str:
    """ "ACD7KM" → "ACD 7KM": easier to read aloud and to copy."""
    half = len(code) // 2
    return f"{code[:half]} {code[half:]}"


def _print_assets() -> dict[str, object]:
    pictograms = openmoji_directory()
    return {
        "stylesheet": PRINT_STYLESHEET.as_uri(),
        "step_pictures": [(pictograms / f"{code}.svg").as_uri() for code in STEP_PICTOGRAMS],
        "attribution": f"{OPENMOJI_ATTRIBUTION}, {OPENMOJI_LICENCE}",
    }


def build_join_sheet_pdf(group: Group, *, base_url: str) -> bytes:
    """An A4 sheet to hand out or hang up: the group, its code, a QR code and three steps."""
    url = join_url(base_url, group)
    html = render_template(
        "teaching/groups/join_sheet_print.html",
        group=group,
        code=spaced_code(group.join_code),
        qr=qr_data_uri(url),
        join_address=f"{base_url.rstrip('/')}/join",
        **_print_assets(),
    )
    return render_pdf(html)


def build_login_cards_pdf(group: Group, cards: list[LoginCard]) -> bytes:
    """Personal login cards, eight to an A4 page, with lines to cut along."""
    pages = [cards[i : i + CARDS_PER_PAGE] for i in range(0, len(cards), CARDS_PER_PAGE)]
    html = render_template(
        "teaching/groups/login_cards_print.html",
        group=group,
        pages=[[(card, qr_data_uri(card.url)) for card in page] for page in pages],
        **_print_assets(),
    )
    return render_pdf(html)
