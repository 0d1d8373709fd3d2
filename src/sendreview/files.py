"""The one way sendreview opens a file to read: regular files and piped input only, never more than the limit.

A path can lead to things that are not files: a folder, a device that never ends (`/dev/zero`),
a named pipe that waits for a writer for ever, a socket, a link that loops. Each is refused with
a message that names the file, before anything is read; what is read stops one byte past the
size limit, whatever the file claims its size to be.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from sendreview.errors import Problem, SendReviewError

STDIN = "-"
STDIN_NAME = "<stdin>"
_PIECE = 1 << 20

# What each error means, in words a parent would use; strerror ("Too many levels of symbolic
# links") is kept for anything not listed.
_REASONS = {
    errno.ENOENT: "no such file",
    errno.EISDIR: "is a folder, not a file",
    errno.EACCES: "cannot read this file (permission denied)",
    errno.EPERM: "cannot read this file (permission denied)",
    errno.ELOOP: "the path goes round in a loop of symbolic links",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.ENXIO: "is not a file (a socket, or a device with nothing behind it)",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
}


# O_NONBLOCK: opening a named pipe waits for a writer otherwise, perhaps for ever.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def reason(error: OSError) -> str:
    """What went wrong with a file, in plain words."""
    return _REASONS.get(error.errno or 0) or (error.strerror or type(error).__name__).lower()


def kind_of(mode: int) -> str:
    """What a file's mode says it is, as words for a message: 'a folder', 'a device'..."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def is_stdin(path: Path | str) -> bool:
    """Whether a path given on the command line means standard input (`-`)."""
    return str(path) == STDIN


def display_name(path: Path | str) -> str:
    """The name to put in messages for a path: `<stdin>` for `-`."""
    return STDIN_NAME if is_stdin(path) else str(path)


def read_bytes(path: Path | str, name: str, limit: int, setting: str = "SENDREVIEW_MAX_FILE_BYTES") -> bytes:
    """Read a regular file, or standard input when it is a pipe or a file, refusing anything over `limit` bytes.

    `-` is standard input; so is `/dev/stdin`. A named pipe other than standard input is refused
    without waiting for a writer; devices, folders and sockets are refused; every error names the file.
    `setting` is the environment variable that raises the limit, for the message.
    """
    try:
        descriptor = os.dup(0) if is_stdin(path) else os.open(path, _READ_FLAGS)
    except OSError as error:
        raise SendReviewError(f"{name}: {reason(error)}") from None
    try:
        return _read_open(descriptor, name, limit, setting, piped_in=is_stdin(path))
    except OSError as error:
        raise SendReviewError(f"{name}: {reason(error)}") from None
    finally:
        os.close(descriptor)


def _read_open(descriptor: int, name: str, limit: int, setting: str, *, piped_in: bool) -> bytes:
    info = os.fstat(descriptor)
    if stat.S_ISREG(info.st_mode):
        if info.st_size > limit:  # refused before reading a byte
            raise _too_big(name, limit, setting, info.st_size)
    elif stat.S_ISFIFO(info.st_mode) and (piped_in or _same_file(info, 0)):
        os.set_blocking(descriptor, True)  # a pipeline on standard input: wait for it, as cat would
    elif piped_in and os.isatty(descriptor):
        raise SendReviewError(f"{name}: is the terminal; pipe a file in, like: sendreview validate - < my-file.yaml")
    else:
        kind = kind_of(info.st_mode)
        hint = "; to read from a pipe, give - and pipe it in" if stat.S_ISFIFO(info.st_mode) else ""
        raise SendReviewError(f"{name}: is {kind}, not a file; sendreview reads only files and piped input{hint}")
    pieces: list[bytes] = []
    size = 0
    while size <= limit:  # a file can grow after fstat; a pipe has no size until it ends
        piece = os.read(descriptor, min(_PIECE, limit + 1 - size))
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
    if size > limit:
        raise _too_big(name, limit, setting)
    return b"".join(pieces)


def open_regular(path: Path | str, name: str, limit: int, variable: str) -> BinaryIO:
    """Open a regular file to read as a stream (a large table, a row at a time), after the same
    refusals as `read_bytes`: folders, devices, pipes, sockets and loops are refused by name, and a
    file over `limit` bytes before a byte is read (`variable` is the setting that raises it)."""
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except OSError as error:
        raise SendReviewError(f"{name}: {reason(error)}") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            kind = kind_of(info.st_mode)
            raise SendReviewError(f"{name}: is {kind}, not a file; save the table as a file and give its name")
        if info.st_size > limit:
            raise _too_big(name, limit, variable, info.st_size)
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _same_file(info: os.stat_result, descriptor: int) -> bool:
    """Whether an opened file is the one behind a descriptor (`/dev/stdin` is standard input)."""
    try:
        other = os.fstat(descriptor)
    except OSError:
        return False
    return (info.st_dev, info.st_ino) == (other.st_dev, other.st_ino)


def _too_big(name: str, limit: int, setting: str, size: int | None = None) -> SendReviewError:
    """The size refusal; `size` is known for a file, not for a pipe that was stopped at the limit."""
    over = f"is over the limit of {limit:,} bytes"
    if size is not None:
        over = f"is {size:,} bytes, over the limit of {limit:,}"
    message = f"file {over} (set {setting} to raise it)"
    return SendReviewError([Problem(name, 1, 1, message)])
