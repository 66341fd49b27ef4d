"""The trajectory planner: training sessions, the themes suggested and assigned for them.

Plain functions that take the database session and `now`; they flush, the request
commits. A session's start (in Dutch time) is the pre-teach-by moment of the themes
assigned to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from vaktaal.accounts.models import Group, User
from vaktaal.sectors.models import Term, Theme, ThemeTerm
from vaktaal.teaching import matching
from vaktaal.teaching.calendar_csv import CalendarRow
from vaktaal.teaching.models import PartOfDay, ThemeAssignment, TrainingSession

# Training sessions are given in Dutch local time; summer time is the zone's business.
LOCAL_ZONE = ZoneInfo("Europe/Amsterdam")
PART_OF_DAY_START = {
    PartOfDay.OCHTEND: time(8, 30),
    PartOfDay.MIDDAG: time(13, 0),
    PartOfDay.AVOND: time(18, 30),
}
# A theme assigned without a session is due at the start of the chosen day's morning.
PART_OF_DAY_ORDER = {part: index for index, part in enumerate(PartOfDay)}
SUGGESTIONS_PER_SESSION = 3


class PlannerError(ValueError):
    """A request the planner refuses; `code` says why (the view picks the message)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def local_start(day: date, part_of_day: str) -> datetime:
    """The start of a part of a day in Dutch time, as an aware UTC datetime."""
    start = PART_OF_DAY_START[PartOfDay(part_of_day)]
    return datetime.combine(day, start, tzinfo=LOCAL_ZONE).astimezone(UTC)


def session_start(session: TrainingSession) -> datetime:
    """When the training session starts (UTC): its day at its part of day's start."""
    return local_start(session.day, session.part_of_day)


def local_today(now: datetime) -> date:
    """The date in the Netherlands at `now`."""
    return now.astimezone(LOCAL_ZONE).date()


def _sort_key(training: TrainingSession) -> tuple[date, int, int]:
    return (training.day, PART_OF_DAY_ORDER[PartOfDay(training.part_of_day)], training.id)


def _sorted(sessions: Iterable[TrainingSession]) -> list[TrainingSession]:
    return sorted(sessions, key=_sort_key)


def upcoming_sessions(session: Session, group: Group, *, now: datetime) -> list[TrainingSession]:
    """The group's training sessions that start at or after `now`, first first."""
    # Filter by day in SQL (a day before yesterday cannot start later), by time in Python.
    candidates = session.scalars(
        select(TrainingSession).where(
            TrainingSession.group_id == group.id,
            TrainingSession.day >= local_today(now) - timedelta(days=1),
        )
    )
    return _sorted(t for t in candidates if session_start(t) >= now)


def next_session(session: Session, group: Group, *, now: datetime) -> TrainingSession | None:
    """The group's next training session, if one is planned."""
    upcoming = upcoming_sessions(session, group, now=now)
    return upcoming[0] if upcoming else None


def sessions_between(
    session: Session, group: Group, first: date, last: date
) -> list[TrainingSession]:
    """The group's sessions from day `first` through day `last`, in order."""
    found = session.scalars(
        select(TrainingSession)
        .where(
            TrainingSession.group_id == group.id,
            TrainingSession.day >= first,
            TrainingSession.day <= last,
        )
        .options(selectinload(TrainingSession.assignments).selectinload(ThemeAssignment.theme))
    )
    return _sorted(found)


def session_terms(session: Session, training_session: TrainingSession) -> list[Term]:
    """The active words of the themes assigned to a session, each once, in theme order."""
    assignments = session.scalars(
        select(ThemeAssignment)
        .where(ThemeAssignment.training_session_id == training_session.id)
        .order_by(ThemeAssignment.assigned_at, ThemeAssignment.id)
    ).all()
    theme_ids = list(dict.fromkeys(a.theme_id for a in assignments))
    if not theme_ids:
        return []
    rows = session.execute(
        select(ThemeTerm.theme_id, Term)
        .join(Term, Term.id == ThemeTerm.term_id)
        .where(ThemeTerm.theme_id.in_(theme_ids), Term.retired_at.is_(None))
        .order_by(ThemeTerm.position)
    ).all()
    by_theme: dict[int, list[Term]] = {theme_id: [] for theme_id in theme_ids}
    for theme_id, term in rows:
        by_theme[theme_id].append(term)
    seen: dict[int, Term] = {}
    for theme_id in theme_ids:
        for term in by_theme[theme_id]:
            seen.setdefault(term.id, term)
    return list(seen.values())


# --- the group's themes and suggestions ---------------------------------------------


def group_themes(session: Session, group: Group) -> list[Theme]:
    """The active themes the group may practise: its sector's, its packs', its own."""
    sector_ids = [group.sector_id, *(pack.id for pack in group.packs)]
    own = Theme.organisation_id == group.organisation_id
    own_for_group = or_(Theme.group_id.is_(None), Theme.group_id == group.id)
    themes = session.scalars(
        select(Theme)
        .where(
            Theme.sector_id.in_(sector_ids),
            Theme.retired_at.is_(None),
            or_(Theme.organisation_id.is_(None), own & own_for_group)
            if group.organisation_id is not None
            else Theme.organisation_id.is_(None),
        )
        .options(
            selectinload(Theme.theme_terms).selectinload(ThemeTerm.term),
            selectinload(Theme.sector),
        )
    ).all()
    order = {sector_id: index for index, sector_id in enumerate(sector_ids)}
    return sorted(
        themes, key=lambda t: (order[t.sector_id], t.organisation_id is not None, t.position, t.id)
    )


def theme_data(theme: Theme) -> matching.ThemeData:
    """What the matcher needs to know of a theme, as plain data."""
    return matching.ThemeData(
        id=theme.id,
        title=theme.title,
        description=theme.description,
        training_topics=tuple(theme.training_topics),
        lemmas=tuple(tt.term.lemma for tt in theme.theme_terms if tt.term.retired_at is None),
    )


@dataclass(frozen=True)
class Suggestion:
    theme: Theme
    match: matching.ThemeMatch


def suggest_themes(
    sessions: Sequence[TrainingSession],
    themes: Sequence[Theme],
    *,
    limit: int = SUGGESTIONS_PER_SESSION,
) -> dict[int, list[Suggestion]]:
    """For each session (by id): the themes that best match its topic, best first, with why."""
    by_id = {theme.id: theme for theme in themes}
    index = matching.ThemeIndex([theme_data(theme) for theme in themes])
    return {
        training.id: [Suggestion(by_id[m.theme_id], m) for m in index.rank(training.topic)[:limit]]
        for training in sessions
    }


# --- sessions -----------------------------------------------------------------------


def add_session(
    session: Session,
    group: Group,
    *,
    day: date,
    part_of_day: str,
    topic: str,
    location: str | None,
    now: datetime,
) -> TrainingSession:
    """Plan a training session for the group."""
    training = TrainingSession(
        group_id=group.id,
        day=day,
        part_of_day=PartOfDay(part_of_day).value,
        topic=topic.strip(),
        location=(location or "").strip() or None,
        created_at=now,
    )
    session.add(training)
    session.flush()
    return training


def update_session(
    session: Session,
    training: TrainingSession,
    *,
    day: date,
    part_of_day: str,
    topic: str,
    location: str | None,
) -> TrainingSession:
    """Change a session; its assigned themes move along to its new start."""
    training.day = day
    training.part_of_day = PartOfDay(part_of_day).value
    training.topic = topic.strip()
    training.location = (location or "").strip() or None
    start = session_start(training)
    for assignment in training.assignments:
        assignment.due_at = start
    session.flush()
    return training


def delete_session(session: Session, training: TrainingSession) -> None:
    """Remove a session and the themes assigned to it."""
    session.delete(training)
    session.flush()


def group_session(session: Session, group: Group, session_id: int) -> TrainingSession | None:
    """A training session of this group (None for any other)."""
    training = session.get(TrainingSession, session_id)
    if training is None or training.group_id != group.id:
        return None
    return training


# --- CSV import ---------------------------------------------------------------------


@dataclass(frozen=True)
class ImportPlan:
    new: list[CalendarRow]
    duplicates: list[CalendarRow]  # already planned (same day, part of day and topic)


def _session_key(day: date, part_of_day: str, topic: str) -> tuple[date, str, str]:
    return (day, part_of_day, " ".join(topic.split()).casefold())


def plan_import(session: Session, group: Group, rows: Sequence[CalendarRow]) -> ImportPlan:
    """Split parsed rows into new sessions and ones the group already has (or twice)."""
    existing = {
        _session_key(t.day, t.part_of_day, t.topic)
        for t in session.scalars(
            select(TrainingSession).where(TrainingSession.group_id == group.id)
        )
    }
    new: list[CalendarRow] = []
    duplicates: list[CalendarRow] = []
    for row in rows:
        key = _session_key(row.day, row.part_of_day, row.topic)
        if key in existing:
            duplicates.append(row)
        else:
            existing.add(key)
            new.append(row)
    return ImportPlan(new, duplicates)


def import_sessions(
    session: Session, group: Group, rows: Sequence[CalendarRow], *, now: datetime
) -> ImportPlan:
    """Add the rows that are not planned yet; returns what was added and skipped."""
    plan = plan_import(session, group, rows)
    for row in plan.new:
        add_session(
            session,
            group,
            day=row.day,
            part_of_day=row.part_of_day,
            topic=row.topic,
            location=row.location,
            now=now,
        )
    return plan


# --- assignments --------------------------------------------------------------------


def _group_theme(session: Session, group: Group, theme_id: int) -> Theme:
    for theme in group_themes(session, group):
        if theme.id == theme_id:
            return theme
    raise PlannerError("unknown-theme")


def assign_theme(
    session: Session,
    group: Group,
    *,
    theme_id: int,
    training: TrainingSession,
    teacher: User,
    now: datetime,
) -> ThemeAssignment:
    """Assign a theme to a session (due at its start); assigning it twice changes nothing."""
    theme = _group_theme(session, group, theme_id)
    for assignment in training.assignments:
        if assignment.theme_id == theme.id:
            return assignment
    assignment = ThemeAssignment(
        group_id=group.id,
        theme_id=theme.id,
        due_at=session_start(training),
        assigned_at=now,
        assigned_by_id=teacher.id,
    )
    training.assignments.append(assignment)
    session.flush()
    return assignment


def assign_theme_by_date(
    session: Session, group: Group, *, theme_id: int, day: date, teacher: User, now: datetime
) -> ThemeAssignment:
    """Assign a theme without a session, due on `day` at the start of the morning."""
    theme = _group_theme(session, group, theme_id)
    due_at = local_start(day, PartOfDay.OCHTEND)
    existing = session.scalar(
        select(ThemeAssignment).where(
            ThemeAssignment.group_id == group.id,
            ThemeAssignment.theme_id == theme.id,
            ThemeAssignment.training_session_id.is_(None),
            ThemeAssignment.due_at == due_at,
        )
    )
    if existing is not None:
        return existing
    assignment = ThemeAssignment(
        group_id=group.id,
        theme_id=theme.id,
        training_session_id=None,
        due_at=due_at,
        assigned_at=now,
        assigned_by_id=teacher.id,
    )
    session.add(assignment)
    session.flush()
    return assignment


def unassign(session: Session, assignment: ThemeAssignment) -> None:
    """Take an assigned theme back."""
    session.delete(assignment)
    session.flush()


def group_assignment(session: Session, group: Group, assignment_id: int) -> ThemeAssignment | None:
    """An assignment of this group (None for any other)."""
    assignment = session.get(ThemeAssignment, assignment_id)
    if assignment is None or assignment.group_id != group.id:
        return None
    return assignment


def dated_assignments(session: Session, group: Group) -> list[ThemeAssignment]:
    """The group's themes assigned without a session, by due date."""
    return list(
        session.scalars(
            select(ThemeAssignment)
            .where(
                ThemeAssignment.group_id == group.id,
                ThemeAssignment.training_session_id.is_(None),
            )
            .order_by(ThemeAssignment.due_at, ThemeAssignment.id)
            .options(selectinload(ThemeAssignment.theme))
        )
    )
