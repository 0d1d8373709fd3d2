"""Write outputs without losing anything: never over an existing file unless asked, and atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sendreview.errors import SendReviewError


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_output(path: Path, content: str | bytes, *, force: bool = False) -> None:
    """Write `content` to `path` through a temporary file in the same folder and a rename.

    A failed write leaves any old file as it was and no partial file behind.
    """
    folder = path.parent
    if not folder.is_dir():
        raise SendReviewError(f"{path}: the folder '{folder}' does not exist")
    if path.is_dir():
        raise SendReviewError(f"{path}: is a folder; give a file name")
    if path.exists() and not force:
        raise SendReviewError(f"{path}: already exists; use --force to replace it")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise SendReviewError(f"{path}: cannot write here ({error.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp makes the file private (0600); give it the permissions a new file would get.
        Path(temporary).chmod(path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        Path(temporary).replace(path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise SendReviewError(f"{path}: cannot write ({error.strerror})") from None
