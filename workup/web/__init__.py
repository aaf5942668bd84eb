"""The GP web app's pages, one module per resource: look up through selectors → one service → render.

Every object is found through workup.selectors, so another practice's patient, encounter or referral is a
404 here exactly as in the API. The encounter form is generated from the checklist definition; the live
assessment and autosave run in static/js/encounter.js.
"""
