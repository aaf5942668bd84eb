"""The checklist a GP fills in, versioned as data (spec §2); pure Python and YAML, importable without Django.

get_checklist(version) loads and checks a version once (the registry, workup.pathways, says which one
is current); validate_answers(checklist, answers) returns {} or
{code: [message, ...]}.
"""

from .definition import (
    Checklist,
    ChecklistDefinitionError,
    Choice,
    Grid,
    GridRow,
    Item,
    Section,
)
from .loader import (
    available_versions,
    checklist_from_data,
    get_checklist,
    load_checklist_file,
)
from .validation import validate_answers

__all__ = [
    "Checklist",
    "ChecklistDefinitionError",
    "Choice",
    "Grid",
    "GridRow",
    "Item",
    "Section",
    "available_versions",
    "checklist_from_data",
    "get_checklist",
    "load_checklist_file",
    "validate_answers",
]
