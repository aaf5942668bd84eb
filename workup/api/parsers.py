"""Request parsers for the API (its own module: settings import it before the views exist)."""

from __future__ import annotations

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_JSON_NESTING = 32


class BoundedJSONParser(JSONParser):
    """JSON, refusing documents nested deeper than any request needs (a 400, not a RecursionError 500)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError("JSON parse error - nested too deeply.") from error
        pending = [(data, 1)]
        while pending:
            value, depth = pending.pop()
            if depth > MAX_JSON_NESTING:
                raise ParseError(f"JSON parse error - nested deeper than {MAX_JSON_NESTING} levels.")
            children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
            pending.extend((child, depth + 1) for child in children)
        return data
