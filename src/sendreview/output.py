"""The one way sendreview writes a file: never over a file unless asked, never over anything that is
not a file, atomically, and with nothing left behind if it fails or is stopped.

What may be at the output path:
- nothing: the file is written;
- a regular file: replaced only with `--force`, keeping its permissions;
- a symbolic link (to anything, or to nothing): replaced only with `--force`, and then the link
  itself is replaced by a file; what it pointed to is never touched, and the new file gets the
  permissions a new file would, never those of the link's target;
- a folder, a device, a named pipe or a socket: refused, even with `--force`.
"""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sendreview.errors import SendReviewError
from sendreview.files import kind_of, reason

# Signals that stop a program without Python's clean-up; while a file is being written they
# raise instead, so the temporary file is removed before the program ends as the signal asks.
_STOPPING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
_PIECE = 1 << 20


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def existing(path: Path) -> os.stat_result | None:
    """What is at `path` now, without following a symbolic link; None when nothing is."""
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise SendReviewError(f"{path}: cannot write here ({reason(error)})") from None


Content = str | bytes | Iterable[str]
"""What a renderer gives: text, bytes (a Word file), or text in pieces to be written one after another."""


def write_output(path: Path, content: Content, *, force: bool = False) -> int:
    """Write `content` to `path` through a temporary file in the same folder and a rename; return how
    many bytes were written.

    A failed or interrupted write leaves any old file as it was and no partial or temporary file behind.
    """
    folder = path.parent
    _check_folder(path, folder)
    mode = _mode_for(path, force)
    try:
        with _signals_raised():
            return _write_and_rename(path, folder, content, mode)
    except _Stopped as stopped:
        # The temporary file is gone and the old handler is back: end as the signal meant.
        signal.raise_signal(stopped.signal)
        raise SystemExit(128 + stopped.signal) from None
    except OSError as error:
        raise SendReviewError(f"{path}: cannot write ({reason(error)})") from None


def _check_folder(path: Path, folder: Path) -> None:
    try:
        info = folder.stat()
    except FileNotFoundError:
        raise SendReviewError(f"{path}: the folder '{folder}' does not exist") from None
    except OSError as error:
        raise SendReviewError(f"{path}: cannot write here ({reason(error)})") from None
    if not stat.S_ISDIR(info.st_mode):
        raise SendReviewError(f"{path}: '{folder}' is not a folder")


def _mode_for(path: Path, force: bool) -> int:
    """The new file's permissions, after refusing what must not be replaced."""
    new = 0o666 & ~_umask()
    found = existing(path)
    if found is None:
        return new
    if stat.S_ISLNK(found.st_mode):
        try:
            target_is_folder = stat.S_ISDIR(path.stat().st_mode)
        except OSError:  # dangling, or a loop: still a link that --force may replace
            target_is_folder = False
        if target_is_folder:
            raise SendReviewError(f"{path}: is a link to a folder; give a file name")
        if not force:
            raise SendReviewError(
                f"{path}: is a symbolic link; use --force to replace the link itself with a file"
                " (what it points to is left alone)"
            )
        return new
    if stat.S_ISDIR(found.st_mode):
        raise SendReviewError(f"{path}: is a folder; give a file name")
    if not stat.S_ISREG(found.st_mode):
        raise SendReviewError(
            f"{path}: is {kind_of(found.st_mode)}, not a file; sendreview writes only to files"
            " and never replaces anything else, even with --force"
        )
    if not force:
        raise SendReviewError(f"{path}: already exists; use --force to replace it")
    return found.st_mode & 0o777


def _write_and_rename(path: Path, folder: Path, content: Content, mode: int) -> int:
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise SendReviewError(f"{path}: cannot write here ({reason(error)})") from None
    written = 0
    try:
        try:
            for piece in _byte_pieces(content):
                view = memoryview(piece)
                while view:
                    view = view[os.write(handle, view) :]
                written += len(piece)
            # mkstemp makes the file private (0600); give it the permissions decided above.
            if hasattr(os, "fchmod"):
                os.fchmod(handle, mode)
        finally:
            os.close(handle)
        if not hasattr(os, "fchmod"):  # Windows
            Path(temporary).chmod(mode)
        Path(temporary).replace(path)
    except BaseException:  # an error, Ctrl+C or a stopping signal: leave nothing behind
        Path(temporary).unlink(missing_ok=True)
        raise
    return written


def _byte_pieces(content: Content) -> Iterator[bytes]:
    """The content as UTF-8 in pieces of about a megabyte, never encoded whole (a copy of it all)."""
    if isinstance(content, bytes):
        yield content
        return
    for text in (content,) if isinstance(content, str) else content:
        for start in range(0, len(text), _PIECE):
            yield text[start : start + _PIECE].encode("utf-8")


class _Stopped(BaseException):
    """A stopping signal arrived while a file was being written."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.signal = number


@contextmanager
def _signals_raised() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into an exception for the length of a write (main thread only), where
    they would otherwise end the program with no clean-up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, frame: Any) -> None:
        raise _Stopped(number)

    # Only where the signal would kill the program outright: an ignored one (`nohup`) or one the
    # caller handles must stay as it is.
    stopping = [number for number in _STOPPING if signal.getsignal(number) is signal.SIG_DFL]
    for number in stopping:
        signal.signal(number, stop)
    try:
        yield
    finally:
        for number in stopping:
            signal.signal(number, signal.SIG_DFL)
