"""The one audited read path: what a door shows of patient data is recorded as it is read.

The apps' selectors (clinic.selectors, workup.selectors) decide which rows a reader may reach;
these functions fetch from those rows and append the view or list events, so a door cannot show a
record without the trail knowing. The admin's pages use the same functions.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TypeVar

from django.db import models
from django.db.models import QuerySet

from core import audit
from core.audit import Action

Row = TypeVar("Row", bound=models.Model)


def get_or_none(queryset: QuerySet[Row], public_id) -> Row | None:
    """The row with this public id among queryset, or None (also for an id that is not a UUID)."""
    try:
        return queryset.get(public_id=uuid.UUID(str(public_id)))
    except (ValueError, queryset.model.DoesNotExist):
        return None


def read_one(
    *, actor, queryset: QuerySet[Row], public_id, action: str = Action.VIEW, practice=None
) -> Row | None:
    """The row with this public id among those the reader may see, its reading recorded; else None."""
    row = get_or_none(queryset, public_id)
    if row is not None:
        audit.record(actor=actor, action=action, target=row, practice=practice)
    return row


def read(
    *,
    actor,
    viewed: Iterable[models.Model] = (),
    listed: Iterable[models.Model] = (),
    downloaded: Iterable[models.Model] = (),
    practice=None,
) -> None:
    """Record what one response shows: a view event per record opened, a list event per row listed,
    a download event per document served, all in one insert."""
    events = [
        *((Action.VIEW, row) for row in viewed),
        *((Action.LIST, row) for row in listed),
        *((Action.DOWNLOAD, row) for row in downloaded),
    ]
    audit.record_many(actor=actor, events=events, practice=practice)


def read_many(*, actor, rows: Iterable[Row], practice=None) -> list[Row]:
    """The rows, fetched, with a list event for each recorded in one insert."""
    rows = list(rows)
    read(actor=actor, listed=rows, practice=practice)
    return rows
