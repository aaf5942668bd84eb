"""Referrals: a signed encounter on its way to a specialist service as a PDF (spec §5–7).

models (Referral and its status-transition table), services (writes), selectors (reads), broker (the one
door to Celery), pipeline (render and deliver steps, sweeper), transports/ (delivery channels),
document + pdf (the letter), tasks (Celery entry points, reached only through the broker).
"""
