"""REST API v1 (spec §5), one module per resource: validate → one service or selector → serialise.

Nothing is imported here: settings name workup.api.parsers and workup.api.exceptions before any view exists.
"""
