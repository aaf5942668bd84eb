"""`make run`'s defaults keep patient data private and let concurrent demo writes wait their turn."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap

from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from tests.config.test_settings import ROOT, run_manage

CONCURRENT_WRITERS = 8


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_with_debug_mail_goes_to_files_in_var_mail_not_the_console():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.EMAIL_BACKEND, settings.EMAIL_FILE_PATH)",
        DEBUG="1",
    )

    assert result.returncode == 0, result.stderr
    backend, path = result.stdout.splitlines()[-1].split()
    assert backend == "config.mail.PrivateFileEmailBackend"
    assert path == str(ROOT / "var" / "mail")


def test_the_file_email_backend_writes_each_message_readable_by_its_owner_only(settings, tmp_path):
    settings.EMAIL_BACKEND = "config.mail.PrivateFileEmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")

    mail.send_mail("Referral", "A referral is attached.", "workup@localhost", ["service@example.org"])

    (written,) = (tmp_path / "mail").iterdir()
    assert mode(written) == 0o600
    assert mode(tmp_path / "mail") == 0o700
    assert b"A referral is attached." in written.read_bytes()


def test_a_stored_referral_pdf_is_readable_by_its_owner_only(settings):
    storage = storages["private"]

    name = storage.save("referrals/permission-check.pdf", ContentFile(b"%PDF-1.7 stand-in"))
    try:
        assert mode(storage.path(name)) == 0o600
        assert mode(os.path.dirname(storage.path(name))) == 0o700
    finally:
        storage.delete(name)


def test_concurrent_sqlite_writes_wait_for_each_other_instead_of_failing(tmp_path):
    # Each writer reads, holds its transaction a moment, then writes: under SQLite's default
    # deferred transactions the second writer's upgrade to a write lock fails at once with
    # "database is locked"; IMMEDIATE transactions with a busy timeout make it wait.
    script = textwrap.dedent(
        """
        import sys, threading, time
        import django
        django.setup()
        from django.db import connection, transaction

        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE writes (writer integer)")
        errors = []

        def write(writer):
            try:
                with transaction.atomic():
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT count(*) FROM writes")
                        time.sleep(0.2)
                        cursor.execute("INSERT INTO writes VALUES (%s)", [writer])
            except Exception as error:
                errors.append(repr(error))
            finally:
                connection.close()

        threads = [threading.Thread(target=write, args=(n,)) for n in range(int(sys.argv[1]))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM writes")
            print(cursor.fetchone()[0], errors)
        """
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "ENV_FILE": "/nonexistent",
        "SECRET_KEY": "test-only-not-secret",
    }

    result = subprocess.run(
        [sys.executable, "-c", script, str(CONCURRENT_WRITERS)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    print(f"\nSQLite, {CONCURRENT_WRITERS} concurrent writers: {result.stdout.strip()} (rows, errors)")
    assert result.stdout.split()[0] == str(CONCURRENT_WRITERS)
    assert result.stdout.strip().endswith("[]")
