"""An email backend for `make run`: each message in a file under EMAIL_FILE_PATH, mode 0600.

Django's file backend creates its files with the process umask (usually world-readable), and the
console backend prints every message, referral PDF included, into the log.
"""

from __future__ import annotations

import os

from django.core.mail.backends.filebased import EmailBackend


class PrivateFileEmailBackend(EmailBackend):
    """Django's file backend with the directory 0700 and every file 0600."""

    def __init__(self, *args, file_path=None, **kwargs) -> None:
        super().__init__(*args, file_path=file_path, **kwargs)
        os.chmod(self.file_path, 0o700)

    def open(self) -> bool:
        if self.stream is not None:
            return False
        descriptor = os.open(self._get_filename(), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self.stream = os.fdopen(descriptor, "ab")
        return True
