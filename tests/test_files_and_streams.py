"""What a path can lead to besides a file, and where output can go besides a file.

Reading: devices, named pipes, folders, sockets, link loops and unreadable paths are refused with a
message naming the file, without hanging; piped input has the same size limit as a file. Writing:
nothing but a regular file (or, with --force, a symbolic link itself) is ever replaced, and no
temporary file survives an error, Ctrl+C or SIGTERM. Streams: a reader that goes away is no error,
a full disk is, and the output is UTF-8 whatever the locale. Runs that could hang are made in
their own process, with a generous timeout that only catches a hang.
"""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sendreview.errors import SendReviewError
from sendreview.loading import load_any
from sendreview.output import write_output
from tests.conftest import EXAMPLES, GREEN_PAPER, ORG, ROOT, Invoke, ctrl_c_as_usual

HANG = 60  # seconds: only a hang takes this long
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="named pipes, devices and signals are Unix")


def _run(
    *args: str | bytes | Path, stdin: bytes | None = None, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run sendreview in its own process, as a user would, with standard input as given."""
    environment = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", **(env or {})}
    environment.pop("SENDREVIEW_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "sendreview", *(a if isinstance(a, bytes) else str(a) for a in args)],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=cwd,
        env=environment,
        timeout=HANG,
        check=False,
    )


def _clean_refusal(done: subprocess.CompletedProcess[bytes], *fragments: str) -> str:
    """Exit 2, nothing on stdout, no traceback, and every fragment in the message; the message."""
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert done.stdout == b""
    assert "Traceback" not in err and "unexpected error" not in err, err
    for fragment in fragments:
        assert fragment in err
    return err


# --- Reading ---------------------------------------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


def test_a_link_to_an_endless_device_is_refused_before_reading(tmp_path: Path) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    _clean_refusal(_run("validate", link), f"{link}: is a device, not a file")


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(fifo: Path) -> None:
    _clean_refusal(_run("validate", fifo), f"{fifo}: is a named pipe (FIFO), not a file")


@pytest.mark.slow  # a process for each case
@pytest.mark.parametrize("option", ["--asks", "--commitments", "--template", "--from-text", "--file"])
def test_every_file_option_refuses_a_named_pipe(fifo: Path, tmp_path: Path, option: str) -> None:
    command = {
        "--asks": ["compare", GREEN_PAPER],
        "--commitments": ["diff", GREEN_PAPER, EXAMPLES / "improvement-plan-2023.yaml"],
        "--template": ["statement", GREEN_PAPER, "--org", ORG],
        "--from-text": ["init", tmp_path / "new.yaml", "--title", "A paper", "--kind", "other"],
        "--file": ["timeline", "--today", "2026-01-01"],
    }[option]
    _clean_refusal(_run(*command, option, fifo), f"{fifo}: is a named pipe (FIFO), not a file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.yaml"]


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        _clean_refusal(_run("validate", path), f"{path}: is not a file")


def _link_loop(folder: Path) -> Path:
    (folder / "loop.yaml").symlink_to("loop.yaml")
    return folder / "loop.yaml"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_link_loop, "the path goes round in a loop of symbolic links"),
        (lambda d: GREEN_PAPER / "x.yaml", "a part of the path is a file, not a folder"),
        (lambda d: d / ("a" * 300 + ".yaml"), "the file name is too long"),
        (lambda d: d, "is a folder, not a file; sendreview reads only files and piped input"),
        (lambda d: d / "missing.yaml", "no such file"),
    ],
    ids=["link-loop", "under-a-file", "name-too-long", "folder", "missing"],
)
def test_paths_that_cannot_be_read_name_the_file(
    invoke: Invoke, tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    path = make(tmp_path)
    for args in (["validate", path], ["compare", path], ["compare", GREEN_PAPER, "--asks", path]):
        result = invoke(*args)
        assert result.exit_code == 2, result.output
        assert result.stderr == f"{path}: {message}\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not bind root")
def test_a_folder_that_cannot_be_searched(invoke: Invoke, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "paper.yaml").write_text("document: {}\n", encoding="utf-8")
    locked.chmod(0)
    try:
        result = invoke("validate", locked / "paper.yaml")
    finally:
        locked.chmod(0o700)
    assert result.exit_code == 2
    assert result.stderr == f"{locked / 'paper.yaml'}: cannot read this file (permission denied)\n"


def test_piped_input_is_read_with_dash_and_dev_stdin() -> None:
    paper = GREEN_PAPER.read_bytes()
    for name, shown in (("-", "<stdin>"), ("/dev/stdin", "/dev/stdin")):
        done = _run("validate", name, stdin=paper)
        assert done.returncode == 0, done.stderr
        assert done.stdout.decode() == f"{shown}: ok (Document)\n"
    compared = _run("compare", "-", "-f", "json", stdin=paper)
    assert compared.stdout == _run("compare", GREEN_PAPER, "-f", "json").stdout


def test_piped_input_has_the_same_size_limit(tmp_path: Path) -> None:
    # The limit must leave room for the bundled asks, read too.
    limit = {"SENDREVIEW_MAX_FILE_BYTES": "100000"}
    big = b"title: " + b"x" * 150_000 + b"\n"
    for name, shown in (("-", "<stdin>"), ("/dev/stdin", "/dev/stdin")):
        done = _run("validate", name, stdin=big, env=limit)
        _clean_refusal(done, f"{shown}:1:1: file is over the limit of 100,000 bytes (set SENDREVIEW_MAX_FILE_BYTES")
    # A file the same size through a redirect (`< file`) is a file: its size is known before reading.
    path = tmp_path / "big.yaml"
    path.write_bytes(big)
    with path.open("rb") as redirected:
        done = subprocess.run(
            [sys.executable, "-m", "sendreview", "validate", "/dev/stdin"],
            stdin=redirected,
            capture_output=True,
            env={**os.environ, **limit},
            timeout=HANG,
            check=False,
        )
    _clean_refusal(done, "/dev/stdin:1:1: file is 150,008 bytes, over the limit of 100,000")


@pytest.mark.slow
def test_fifty_megabytes_piped_in_are_refused_at_the_limit() -> None:
    done = _run("validate", "-", stdin=b"title: " + b"x" * 50_000_000)
    _clean_refusal(done, "<stdin>:1:1: file is over the limit of 10,485,760 bytes")


def test_dash_on_a_terminal_or_device_is_refused() -> None:
    with Path(os.devnull).open("rb") as null:
        done = subprocess.run(
            [sys.executable, "-m", "sendreview", "validate", "-"],
            stdin=null,
            capture_output=True,
            timeout=HANG,
            check=False,
        )
    _clean_refusal(done, "<stdin>: is a device, not a file")


LIMITS = ["SENDREVIEW_MAX_FILE_BYTES", "SENDREVIEW_MAX_DEPTH", "SENDREVIEW_MAX_ALIAS_VALUES"]


@pytest.mark.parametrize("variable", LIMITS)
@pytest.mark.parametrize("value", ["1e8", "ten", "-5", "0", "1.5"])
def test_a_limit_that_is_not_a_whole_number_is_refused(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    result = invoke("validate", GREEN_PAPER)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{variable}: '{value}' is not a limit; give a whole number of 1 or more")


def test_a_limit_in_plain_digits_is_used(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENDREVIEW_MAX_FILE_BYTES", " 100000000 ")
    assert invoke("validate", GREEN_PAPER).exit_code == 0
    monkeypatch.setenv("SENDREVIEW_MAX_FILE_BYTES", "")  # set but empty: the default
    assert invoke("validate", GREEN_PAPER).exit_code == 0


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1"])
def test_min_score_must_be_a_real_number(invoke: Invoke, value: str) -> None:
    result = invoke("suggest", GREEN_PAPER, "--min-score", value)
    assert result.exit_code == 2
    assert result.stderr == f"--min-score: give 0 or more (got {value})\n"


def test_the_api_refuses_a_device_too() -> None:
    with pytest.raises(SendReviewError, match=r"^/dev/zero: is a device, not a file"):
        load_any("/dev/zero")


# --- Writing ---------------------------------------------------------------------------------------


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_named_pipe_is_never_replaced_even_with_force(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"  # its ending says JSON, so only the kind of file stands in the way
    os.mkfifo(fifo)
    for extra in ([], ["--force"]):
        done = _run("timeline", "-f", "json", "-o", fifo, *extra)
        _clean_refusal(done, f"{fifo}: is a named pipe (FIFO), not a file; sendreview writes only to files")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert _listing(fifo.parent) == ["pipe.json"]


def test_a_device_is_never_replaced_even_with_force(tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device needs root")
    done = _run("timeline", "-f", "json", "-o", device, "--force")
    _clean_refusal(done, f"{device}: is a device, not a file")
    assert stat.S_ISCHR(device.lstat().st_mode)
    assert _listing(tmp_path) == ["null"]


def test_a_socket_is_never_replaced(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(SendReviewError, match="is a socket, not a file"):
            write_output(path, "x", force=True)
        assert stat.S_ISSOCK(path.lstat().st_mode)


def test_a_link_to_a_device_is_replaced_only_with_force_and_only_the_link(tmp_path: Path) -> None:
    link = tmp_path / "out.json"
    link.symlink_to(os.devnull)
    done = _run("timeline", "-f", "json", "-o", link)
    _clean_refusal(done, f"{link}: is a symbolic link; use --force to replace the link itself")
    assert link.is_symlink()
    done = _run("timeline", "-f", "json", "-o", link, "--force")
    assert done.returncode == 0, done.stderr
    assert not link.is_symlink() and link.is_file()
    assert link.read_text(encoding="utf-8").startswith("{")
    # The device's 0666 is not copied: the new file has what any new file gets.
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(link.stat().st_mode) == 0o666 & ~umask
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)
    assert _listing(tmp_path) == ["out.json"]


def test_a_dangling_link_needs_force(tmp_path: Path) -> None:
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "elsewhere.md")
    with pytest.raises(SendReviewError, match="is a symbolic link; use --force"):
        write_output(link, "new")
    assert link.is_symlink()
    write_output(link, "new", force=True)
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "new"
    assert _listing(tmp_path) == ["out.md"]  # nothing made where the link pointed


def test_a_link_to_a_file_is_replaced_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "kept.md"
    target.write_text("someone else's", encoding="utf-8")
    link = tmp_path / "out.md"
    link.symlink_to(target)
    write_output(link, "new", force=True)
    assert target.read_text(encoding="utf-8") == "someone else's"
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "new"


def test_a_link_to_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "folder")
    with pytest.raises(SendReviewError, match="is a link to a folder; give a file name"):
        write_output(link, "new", force=True)


def test_a_link_loop_and_a_path_under_a_file_are_refused(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(SendReviewError, match="loop of symbolic links"):
        write_output(loop / "out.md", "x")
    with pytest.raises(SendReviewError, match=r"green-paper-2022\.yaml' is not a folder"):
        write_output(GREEN_PAPER / "out.md", "x")


def test_init_never_writes_through_a_link(invoke: Invoke, tmp_path: Path) -> None:
    link = tmp_path / "new.yaml"
    link.symlink_to(tmp_path / "elsewhere.yaml")
    result = invoke("init", link, "--title", "A paper")
    assert result.exit_code == 2
    assert "sendreview init never replaces a file" in result.stderr
    assert _listing(tmp_path) == ["new.yaml"]


def test_a_full_disk_is_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")

    def full(descriptor: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(SendReviewError, match=r"out\.md: cannot write \(the disk is full\)"):
        write_output(target, "new", force=True)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old"
    assert _listing(tmp_path) == ["out.md"]


def test_ctrl_c_while_writing_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(descriptor: int, mode: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fchmod", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_output(tmp_path / "out.md", "x" * 100_000)
    assert _listing(tmp_path) == []


def test_signal_handlers_are_restored_after_writing(tmp_path: Path) -> None:
    before = signal.getsignal(signal.SIGTERM)
    write_output(tmp_path / "out.md", "x")
    assert signal.getsignal(signal.SIGTERM) is before


def test_an_ignored_signal_stays_ignored_while_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `nohup`, SIGHUP is ignored: a hang-up while writing must not stop the write."""
    original = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        real = os.fchmod

        def hang_up(descriptor: int, mode: int) -> None:
            os.kill(os.getpid(), signal.SIGHUP)
            real(descriptor, mode)

        monkeypatch.setattr(os, "fchmod", hang_up)
        write_output(tmp_path / "out.md", "kept")
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, original)
    assert (tmp_path / "out.md").read_text(encoding="utf-8") == "kept"


# A write held open between the temporary file and the rename, so a signal lands mid-way.
_SLOW_WRITE = """
import os, sys, time
from pathlib import Path
from sendreview.output import write_output

original = os.fchmod

def slow(descriptor, mode):
    print("writing", flush=True)
    time.sleep(60)
    original(descriptor, mode)

os.fchmod = slow
write_output(Path(sys.argv[1]), "x" * 1_000_000)
"""


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=["TERM", "INT", "HUP"])
def test_a_signal_mid_write_leaves_no_temporary_file(tmp_path: Path, number: int) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITE, str(out / "statement.md")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        preexec_fn=ctrl_c_as_usual,
    ) as process:
        assert process.stdout is not None
        assert process.stdout.readline() == b"writing\n"
        assert next(p.name for p in out.iterdir()).startswith(".statement.md.")  # the temporary file is there
        process.send_signal(number)
        process.wait(timeout=HANG)
    # Each ends the process as the signal asks (Python does the same for an unhandled Ctrl+C).
    assert process.returncode == -number
    assert _listing(out) == []


# --- Streams ---------------------------------------------------------------------------------------


RUNS = [
    ("compare", GREEN_PAPER, "-f", "table"),
    ("compare", GREEN_PAPER, "-f", "json"),
    ("compare", GREEN_PAPER, "-f", "markdown"),
    ("compare", GREEN_PAPER, "-f", "csv"),
    ("diff", GREEN_PAPER, EXAMPLES / "improvement-plan-2023.yaml"),
    ("timeline", "-f", "svg"),
    ("statement", GREEN_PAPER, "--org", ORG, "-f", "html"),
    ("schema", "document"),
]


@pytest.fixture
def reader_gone() -> Iterator[int]:
    """A pipe whose reading end is already closed: the `| true` of a shell."""
    read, write = os.pipe()
    os.close(read)
    yield write
    os.close(write)


def _to(stdout: int, *args: str | Path) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "sendreview", *map(str, args)],
        stdout=stdout,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1"},
        timeout=HANG,
        check=False,
    )
    return done.returncode, without_warnings(done.stderr).decode("utf-8")


def without_warnings(stderr: bytes) -> bytes:
    """Standard error less the warnings (the examples warn of the proposals they leave unassessed)."""
    return b"".join(line for line in stderr.splitlines(keepends=True) if b": warning: " not in line)


@pytest.mark.slow  # a process for each case
@pytest.mark.parametrize("args", RUNS, ids=[" ".join(map(str, r[::2])) for r in RUNS])
def test_a_closed_pipe_is_a_quiet_exit(reader_gone: int, args: tuple[str | Path, ...]) -> None:
    assert _to(reader_gone, *args) == (0, "")


def test_a_closed_pipe_still_reports_a_failed_check(reader_gone: int) -> None:
    code, err = _to(reader_gone, "compare", GREEN_PAPER, "-f", "csv", "--fail-on", "red-line")
    assert code == 1
    assert err.startswith("check failed: red-line")


def test_reading_the_first_line_only() -> None:
    """`sendreview compare ... | head -1` on an output far bigger than a pipe holds."""
    with subprocess.Popen(
        [sys.executable, "-m", "sendreview", "compare", GREEN_PAPER, "-f", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline() == b"{\n"
        process.stdout.close()
        err = without_warnings(process.stderr.read())
        process.wait(timeout=HANG)
    assert (process.returncode, err) == (0, b"")


@pytest.mark.slow  # a process for each case
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("args", RUNS, ids=[" ".join(map(str, r[::2])) for r in RUNS])
def test_a_full_disk_on_the_screen_output(args: tuple[str | Path, ...]) -> None:
    with Path("/dev/full").open("wb") as full:
        code, err = _to(full.fileno(), *args)
    assert (code, err) == (2, "sendreview: cannot write the output (the disk is full)\n")


@pytest.mark.slow  # a process for each case
@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1"])
@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "csv"])
def test_output_is_utf8_whatever_the_locale(encoding: str, fmt: str) -> None:
    wanted = _run("compare", GREEN_PAPER, "-f", fmt, env={"PYTHONIOENCODING": "utf-8"})
    assert wanted.returncode == 0
    assert any(ord(c) > 0x7F for c in wanted.stdout.decode("utf-8")), "the example should need more than ASCII"
    done = _run("compare", GREEN_PAPER, "-f", fmt, env={"PYTHONIOENCODING": encoding})
    assert (done.returncode, without_warnings(done.stderr)) == (0, b"")
    assert done.stdout == wanted.stdout


def test_messages_are_utf8_whatever_the_locale(tmp_path: Path) -> None:
    path = tmp_path / "café→.yaml"
    done = _run("validate", path, env={"PYTHONIOENCODING": "ascii"})
    assert done.stderr.decode("utf-8") == f"{path}: no such file\n"


def test_bad_bytes_in_an_argument_are_named(tmp_path: Path) -> None:
    done = _run("init", tmp_path / "x.yaml", "--title", b"Caf\xe9", cwd=tmp_path)
    _clean_refusal(done, "sendreview: the argument 'Caf\\xe9' is not valid UTF-8 text")
    assert _listing(tmp_path) == []


def test_bad_bytes_in_a_file_name_are_named(tmp_path: Path) -> None:
    named = os.fsencode(tmp_path) + b"/r\xe9p.yaml"
    descriptor = os.open(named, os.O_WRONLY | os.O_CREAT, 0o644)  # Path cannot hold a name that is not text
    os.write(descriptor, GREEN_PAPER.read_bytes())
    os.close(descriptor)
    done = _run("diff", GREEN_PAPER, named, "-f", "json")
    _clean_refusal(done, "r\\xe9p.yaml' is not valid UTF-8 text")


def test_init_shows_escape_sequences_in_file_names_as_codes(tmp_path: Path) -> None:
    text = tmp_path / "notes\x1b]0;pwned\x07.txt"
    text.write_text("1. A proposal about short breaks.\n", encoding="utf-8")
    done = _run("init", tmp_path / "new\x1b[2J.yaml", "--title", "A paper", "--kind", "other", "--from-text", text)
    assert done.returncode == 0, done.stderr
    said = done.stderr.decode("utf-8")
    assert "\x1b" not in said and "\x07" not in said
    assert said.startswith(f"Wrote {tmp_path}/new\\x1b[2J.yaml (")
    assert f"Found 1 proposal in {tmp_path}/notes\\x1b]0;pwned\\x07.txt." in said
