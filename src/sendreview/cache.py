"""The bundled data, validated once: a cache in the user's cache folder, never needed for correctness.

The bundled asks, timeline, commitment phrases, vocabulary and consultations are the same on
every run of a release, so checking them again at each start only costs time. Once a bundled
file has been read and fully checked, the checked result is kept in
`$XDG_CACHE_HOME/sendreview/` (else `~/.cache/sendreview/`) under a name made from:

- the file's own bytes (a SHA-256 hash), so a changed file is never taken from the cache;
- the model it was checked as, sendreview's version, Python's and pydantic's versions, and the
  size and time of every module of sendreview, so a new release or an edited module never
  trusts an entry written by another.

An entry that cannot be read, is not what was asked for, or is not the user's own (owned by
another user, or writable by others) is ignored and written again. A cache folder that cannot be
written is no error: the data is then checked on each run, as without a cache. Only the bundled
files take this path; a user's files are checked in full every time. `SENDREVIEW_NO_CACHE=1`
turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import Any

from sendreview import __version__

_PACKAGE = Path(__file__).resolve().parent
_code: str | None = None


def folder() -> Path:
    """Where the cache lives: $XDG_CACHE_HOME/sendreview, else ~/.cache/sendreview."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "sendreview"


def enabled() -> bool:
    """False when SENDREVIEW_NO_CACHE is set to anything but empty or 0."""
    return os.environ.get("SENDREVIEW_NO_CACHE", "").strip() in ("", "0")


def _code_stamp() -> str:
    """The size and modification time of every module of sendreview: an edited module changes it."""
    global _code
    if _code is None:
        parts: list[str] = []
        pending = [_PACKAGE]
        while pending:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                        pending.append(Path(entry.path))
                    elif entry.name.endswith(".py"):
                        info = entry.stat()
                        parts.append(f"{entry.path}:{info.st_size}:{info.st_mtime_ns}")
        _code = "\n".join(sorted(parts))
    return _code


def key(what: str, content: bytes, *extra: str) -> str:
    """The name of the entry for `content` checked as `what`, in this release and this code."""
    digest = hashlib.sha256()
    for part in (__version__, sys.version, what, *extra, _code_stamp()):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(content)
    return digest.hexdigest()


def _own(info: os.stat_result) -> bool:
    """Whether a cache file or folder is the user's own and writable by no one else."""
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def recall(name: str) -> Any | None:
    """The value kept under `name`, or None when there is none that can be trusted."""
    if not enabled():
        return None
    path = folder() / f"{name}.pickle"
    try:
        with path.open("rb") as file:
            if not (_own(os.fstat(file.fileno())) and _own(path.parent.stat())):
                return None
            # The entry is the user's own, in a folder only they can write: no more to be feared
            # from it than from their own shell's start-up files.
            return pickle.load(file)
    except Exception:  # a missing, cut or foreign entry is simply rebuilt
        return None


def keep(name: str, value: Any) -> None:
    """Keep `value` under `name`, written whole or not at all; a folder that cannot be written is no error."""
    if not enabled():
        return
    import tempfile

    where = folder()
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=where, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
            Path(temporary).replace(where / f"{name}.pickle")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return
