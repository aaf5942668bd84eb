"""PDF rendering benchmark: WeasyPrint vs warm headless Chromium on the same HTML.

Prints p50/p95 render time and peak RSS for the standard referral and a long one, then
the WeasyPrint/Chromium ratio. Run with `make bench-pdf` (uses the test database).

    python bench/pdf_render.py [--runs N]
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# A throwaway embedded database: the benchmark never touches real records.
BENCH_DATABASE = Path("/tmp/workup-bench.sqlite3")
os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DATABASE}"
os.environ.setdefault("SECRET_KEY", "bench-only")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_documents() -> dict[str, str]:
    """HTML of the standard referral and of a ~10-page one, from unsaved model objects."""
    from bench.documents import standard_and_long_referral_html

    return standard_and_long_referral_html()


def time_weasyprint(html: str, runs: int) -> tuple[list[float], int]:
    from workup.referrals.document import REFERRAL_STYLESHEETS
    from workup.referrals.pdf import render_pdf

    times, pages = [], 0
    render = functools.partial(render_pdf, stylesheets=REFERRAL_STYLESHEETS)
    render(html)  # warm caches (fonts, stylesheets) as a long-lived worker has them
    for _ in range(runs):
        started = time.perf_counter()
        pages = render(html).pages
        times.append(time.perf_counter() - started)
    return times, pages


def time_chromium(documents: dict[str, str], runs: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    from workup.referrals.pdf import PDF_STATIC_DIR

    css = (PDF_STATIC_DIR / "referral.css").read_text()
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-sync",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        page = browser.new_page()
        for name, html in documents.items():
            inline = html.replace("</head>", f"<style>{css}</style></head>", 1)
            page.set_content(inline)
            page.pdf(format="A4")  # warm
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                page.set_content(inline)
                page.pdf(format="A4", display_header_footer=False)
                times.append(time.perf_counter() - started)
            results[name] = times
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    arguments = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    documents = build_documents()
    weasy = {}
    for name, html in documents.items():
        times, pages = time_weasyprint(html, arguments.runs)
        weasy[name] = (times, pages)
    weasy_rss = peak_rss_mb()
    chromium = time_chromium(documents, arguments.runs)

    print(
        f"PDF render benchmark, {arguments.runs} runs each, one process (peak RSS {weasy_rss:.0f} MB "
        "after WeasyPrint)"
    )
    print(
        f"{'document':10} {'pages':>5} {'weasy p50':>10} {'weasy p95':>10} {'chrome p50':>11} "
        f"{'chrome p95':>11} {'ratio p50':>10}"
    )
    for name, (times, pages) in weasy.items():
        w50, w95 = statistics.median(times), percentile(times, 0.95)
        c50, c95 = statistics.median(chromium[name]), percentile(chromium[name], 0.95)
        print(
            f"{name:10} {pages:5d} {w50 * 1000:8.0f}ms {w95 * 1000:8.0f}ms {c50 * 1000:9.0f}ms "
            f"{c95 * 1000:9.0f}ms {w50 / c50:9.2f}x"
        )


if __name__ == "__main__":
    main()
