"""Faults: kills at every step, signals, broken terminals, leftovers and odd --out paths.

Whatever happens, ``out/`` is the complete previous build or the complete new one, the
next build repairs what an interrupted one left (no ``.out*`` beside it afterwards), and
the exit code is one the README documents. Kills and signals need a real process: those
tests run the CLI in a subprocess (about a second each); the rest run in-process.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from typer.testing import CliRunner

from conftest import HEADER, RAW_DOCUMENT, board, row
from kerava_etl.cli import OPTIONAL_OUTPUTS, app
from kerava_etl.config import OUT_MARKER
from kerava_etl.publish import formats, outdir
from kerava_etl.publish.outputs import OUTPUTS, Output, file_names, selected

runner = CliRunner()

OLD = [board("Kaupunkikehitysjaosto"), HEADER, row("Tasapainoinen talous", *"TSAVRM")]
# A spearhead with letters an ASCII terminal cannot show; two rows, so it differs from OLD.
NEW = [
    board("Kaupunkikehitysjaosto"),
    HEADER,
    row("Sydämessä keravalainen", "Uusi tavoite", "S", "Uusi toimenpide", "V", "R", "M"),
    row("Sydämessä keravalainen", "Toinen", "S", "Toinen toimenpide", "V", "R", "M"),
]
BAD = [board("Kaupunkikehitysjaosto"), HEADER, "Tasapainoinen talous\tT\tS"]  # exit 1


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """old.txt, new.txt and bad.txt, and the outputs old.txt and new.txt build."""
    root = tmp_path_factory.mktemp("docs")
    for name, lines in (("old.txt", OLD), ("new.txt", NEW), ("bad.txt", BAD)):
        (root / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name in ("old", "new"):
        assert build(root / f"{name}.txt", root / f"{name}_out")[0] == 0
    return root


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def debris(parent: Path, name: str = "out") -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(f".{name}"))


def build(source: Path, out: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["build", str(source), "--out", str(out), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def old_out(docs: Path, tmp_path: Path) -> Path:
    """A copy of the previous build at tmp_path/out."""
    out = tmp_path / "out"
    shutil.copytree(docs / "old_out", out)
    return out


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "kerava_etl", "build", *args]


def environment(**extra: str) -> dict[str, str]:
    """This process's environment, with Python's default (buffered) output."""
    env = {k: v for k, v in os.environ.items() if k not in ("KERAVA_ETL_FAULT", "PYTHONUNBUFFERED")}
    return env | extra


def sigint_as_default() -> None:
    """In a child, before it runs the build: SIGINT's default action, whatever this pytest
    was started with. Under a background job (``&``) or ``nohup``, pytest ignores SIGINT and
    a child would inherit that, and a build keeps ignoring an ignored SIGINT (as it should),
    so a test sending it would wait in vain."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def sigint_ignored() -> None:
    """In a child: SIGINT ignored, as a background job starts with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    kwargs.setdefault("env", environment())
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("preexec_fn", sigint_as_default)
    return subprocess.run(args, text=True, timeout=120, **kwargs)


# Kills -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "survivor", "left_behind"),
    [
        ("repaired", "old", False),
        ("staged", "old", True),
        ("swapping", "old", True),
        ("swapped", "new", True),
        ("published", "new", False),
    ],
)
def test_a_kill_leaves_a_complete_build_and_the_next_build_repairs(
    step: str, survivor: str, left_behind: bool, docs: Path, tmp_path: Path
) -> None:
    out = old_out(docs, tmp_path)
    done = run(
        command(str(docs / "new.txt"), "--out", str(out)),
        env=environment(KERAVA_ETL_FAULT=f"kill:{step}"),
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert snapshot(out) == snapshot(docs / f"{survivor}_out")
    assert bool(debris(tmp_path)) == left_behind, debris(tmp_path)
    # The next build, even one whose input fails, first removes what the killed one left.
    assert build(docs / "bad.txt", out)[0] == 1
    assert debris(tmp_path) == []
    assert snapshot(out) == snapshot(docs / f"{survivor}_out")


NO_EXCHANGE = """
import errno, sys
from kerava_etl.publish import outdir

def refuse(first, second):
    raise OSError(errno.EINVAL, "this file system cannot exchange")

outdir.rename_exchange = refuse
from kerava_etl.cli import main
sys.argv[0] = "kerava-etl"
main()
"""


@pytest.mark.parametrize(("step", "survivor"), [("retired", "old"), ("swapped", "new")])
def test_a_kill_inside_the_two_rename_swap_is_repaired(
    step: str, survivor: str, docs: Path, tmp_path: Path
) -> None:
    out = old_out(docs, tmp_path)
    done = run(
        [sys.executable, "-c", NO_EXCHANGE, "build", str(docs / "new.txt"), "--out", str(out)],
        env=environment(KERAVA_ETL_FAULT=f"kill:{step}"),
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    if step == "retired":  # between the renames: no out/ at all, the old build aside
        assert not out.exists()
        assert [name.split("-")[1] for name in debris(tmp_path)] == ["old", "tmp"]
    assert build(docs / "bad.txt", out)[0] == 1  # the repair restores it, the build fails
    assert snapshot(out) == snapshot(docs / f"{survivor}_out")
    assert debris(tmp_path) == []


def test_the_two_rename_swap_replaces_out(
    docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(first: Path, second: Path) -> None:
        raise OSError(errno.EINVAL, "this file system cannot exchange")

    monkeypatch.setattr(outdir, "rename_exchange", refuse)
    out = old_out(docs, tmp_path)
    assert build(docs / "new.txt", out)[0] == 0
    assert snapshot(out) == snapshot(docs / "new_out")
    assert debris(tmp_path) == []


def test_rename_exchange_swaps_two_directories(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "from_a").touch()
    (tmp_path / "b").mkdir()
    try:
        outdir.rename_exchange(tmp_path / "a", tmp_path / "b")
    except OSError as exc:
        pytest.skip(f"no atomic exchange here: {exc}")
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["from_a"]
    assert list((tmp_path / "a").iterdir()) == []


def test_a_swap_the_system_refuses_is_exit_2_and_leaves_nothing(
    docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def busy(first: Path, second: Path) -> None:  # as for a mount point
        raise OSError(errno.EBUSY, os.strerror(errno.EBUSY))

    monkeypatch.setattr(outdir, "rename_exchange", busy)
    out = old_out(docs, tmp_path)
    code, output = build(docs / "new.txt", out)
    assert code == 2 and "mount point" in output and "previous output is untouched" in output
    assert snapshot(out) == snapshot(docs / "old_out")
    assert debris(tmp_path) == []


# Signals -----------------------------------------------------------------------------


@pytest.fixture
def paused(docs: Path, tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[str]]]:
    """Start a build of new.txt into tmp_path/out that pauses at a step; killed at teardown.

    SIGINT has its default action in the build, or is ignored with ``sigint=sigint_ignored``.
    """
    started: list[subprocess.Popen[str]] = []

    def start(step: str, sigint: Callable[[], None] = sigint_as_default) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            command(str(docs / "new.txt"), "--out", str(tmp_path / "out")),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=environment(KERAVA_ETL_FAULT=f"pause:{step}"),
            preexec_fn=sigint,
        )
        started.append(process)
        watchdog = threading.Timer(60, process.kill)
        watchdog.start()
        assert process.stderr is not None
        lines = iter(process.stderr.readline, "")
        assert any(f"paused at {step}" in line for line in lines), "never paused"
        watchdog.cancel()
        return process

    yield start
    for process in started:
        process.kill()
        process.communicate()


@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)]
)
def test_a_signal_before_the_swap_removes_staging_and_keeps_out(
    signum: int, code: int, docs: Path, tmp_path: Path, paused: Callable[..., Any]
) -> None:
    out = old_out(docs, tmp_path)
    process = paused("staged")
    (staging,) = debris(tmp_path)
    assert (tmp_path / staging / "actions.json").is_file()  # the new build, complete
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert f"stopped by {signal.Signals(signum).name}" in stderr and "Traceback" not in stderr
    assert snapshot(out) == snapshot(docs / "old_out")
    assert debris(tmp_path) == []


def test_an_ignored_sigint_stays_ignored(
    docs: Path, tmp_path: Path, paused: Callable[..., Any]
) -> None:
    """Started with SIGINT ignored (nohup, a background job), the build keeps ignoring it;
    SIGTERM still stops it."""
    out = old_out(docs, tmp_path)
    process = paused("staged", sigint=sigint_ignored)
    process.send_signal(signal.SIGINT)
    with pytest.raises(subprocess.TimeoutExpired):  # a SIGINT it heeded ends it at once
        process.wait(timeout=1)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143, stderr
    assert "stopped by SIGTERM" in stderr
    assert snapshot(out) == snapshot(docs / "old_out")
    assert debris(tmp_path) == []


def test_a_signal_after_the_swap_exits_0_the_build_stands(
    docs: Path, tmp_path: Path, paused: Callable[..., Any]
) -> None:
    old_out(docs, tmp_path)
    process = paused("published")
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    assert snapshot(tmp_path / "out") == snapshot(docs / "new_out")
    assert debris(tmp_path) == []


def test_a_concurrent_build_leaves_a_running_builds_staging_alone(
    docs: Path, tmp_path: Path, paused: Callable[..., Any]
) -> None:
    out = old_out(docs, tmp_path)
    process = paused("staged")
    (staging,) = debris(tmp_path)
    assert build(docs / "old.txt", out)[0] == 0  # its repair must not take the staging
    assert debris(tmp_path) == [staging]
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=60)
    assert process.returncode == 143
    assert snapshot(out) == snapshot(docs / "old_out")
    assert debris(tmp_path) == []


# Terminals that fail --------------------------------------------------------------------


@pytest.mark.parametrize("how", ["closed", "full", "full unbuffered", "broken pipe", "ascii"])
def test_once_out_is_written_a_failing_terminal_does_not_change_exit_0(
    how: str, docs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    args = command(str(docs / "new.txt"), "--out", str(out))
    if how == "closed":  # >&-
        done = run(["sh", "-c", 'exec "$@" >&-', "sh", *args])
    elif how.startswith("full"):  # > /dev/full: the failure comes at a write or at the flush
        env = environment(PYTHONUNBUFFERED="1") if "unbuffered" in how else environment()
        with open("/dev/full", "w") as full:
            done = run(args, capture_output=False, stdout=full, stderr=subprocess.PIPE, env=env)
        assert "could not be printed" in done.stderr
    elif how == "broken pipe":  # a reader that is gone before the summary
        process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdout is not None
        process.stdout.close()
        _, raw_stderr = process.communicate(timeout=120)
        done = subprocess.CompletedProcess(args, process.returncode, "", raw_stderr.decode())
    else:
        done = run(args, env=environment(PYTHONIOENCODING="ascii"))
        assert "spearhead\tSyd\\xe4mess\\xe4 keravalainen\t2" in done.stdout
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert snapshot(out) == snapshot(docs / "new_out")


# Leftovers of earlier builds -----------------------------------------------------------


def test_leftovers_of_a_killed_build_are_removed(docs: Path, tmp_path: Path) -> None:
    out = old_out(docs, tmp_path)
    for name in (".out.kerava-tmp-4194301-abcdefgh", ".out.kerava-old-4194301-0123abcd"):
        shutil.copytree(docs / "old_out", tmp_path / name)
        (tmp_path / name / "sub").mkdir(mode=0o500)  # even a read-only directory inside
    assert build(docs / "new.txt", out)[0] == 0
    assert snapshot(out) == snapshot(docs / "new_out")
    assert debris(tmp_path) == []


def test_a_missing_out_is_restored_from_its_retired_build(docs: Path, tmp_path: Path) -> None:
    shutil.copytree(docs / "old_out", tmp_path / ".out.kerava-old-4194301-0123abcd")
    assert build(docs / "bad.txt", tmp_path / "out")[0] == 1
    assert snapshot(tmp_path / "out") == snapshot(docs / "old_out")
    assert debris(tmp_path) == []


def test_only_this_outs_leftovers_are_removed(docs: Path, tmp_path: Path) -> None:
    others = [
        ".out2.kerava-tmp-1-abcdefgh",  # another --out's
        ".out.kerava-tmp-1-abc.kerava-tmp-2-def",  # the staging of --out out.kerava-tmp-1-abc
        ".out.kerava-tmp-abcdefgh",  # not a name a build gives
        ".outline",
    ]
    for name in others:
        (tmp_path / name).mkdir()
    (tmp_path / ".out.kerava-tmp-1-file").write_text("a file, not a build", encoding="utf-8")
    assert build(docs / "new.txt", tmp_path / "out")[0] == 0
    assert debris(tmp_path) == sorted([*others, ".out.kerava-tmp-1-file"])


def test_a_leftover_held_by_a_running_build_is_kept(docs: Path, tmp_path: Path) -> None:
    held = tmp_path / f".out.kerava-tmp-{os.getpid()}-running"
    held.mkdir()
    descriptor = os.open(held, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        assert build(docs / "new.txt", tmp_path / "out")[0] == 0
        assert held.is_dir()
    finally:
        os.close(descriptor)
    assert build(docs / "new.txt", tmp_path / "out")[0] == 0
    assert not held.exists()


# Odd --out paths ------------------------------------------------------------------------


def test_odd_out_paths_are_refused_before_any_work(docs: Path, tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    mounts = [p for p in (Path("/proc"), Path("/dev/shm"), Path("/sys")) if os.path.ismount(p)]
    cases = {
        tmp_path / "loop": "a loop of symbolic links",
        tmp_path / "loop" / "out": "a loop of symbolic links",
        tmp_path / "file.txt" / "out": "Not a directory",
        tmp_path / ("o" * 256): "File name too long",
        Path(os.fsdecode(os.fsencode(tmp_path) + b"/dir\xff/out")): "not UTF-8",
        **{mount: "mount point" for mount in mounts[:1]},
    }
    for out, message in cases.items():
        code, output = build(docs / "bad.txt", out)  # reading it first would be exit 1
        assert code == 2 and message in output, (out, output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "loop"]


def test_a_bind_mounted_out_is_refused_before_any_work(docs: Path, tmp_path: Path) -> None:
    # os.path.ismount misses a bind mount within one file system; a rename of it fails.
    (tmp_path / "elsewhere").mkdir()
    out = tmp_path / "o u\\t"  # as the mount table escapes it: \040 and \134
    out.mkdir()
    mounted = subprocess.run(
        ["mount", "--bind", str(tmp_path / "elsewhere"), str(out)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot bind-mount here (not root, or no mount namespace)")
    try:
        code, output = build(docs / "bad.txt", out)
    finally:
        subprocess.run(["umount", str(out)], check=True)
    assert code == 2 and "mount point" in output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "o u\\t"]


@pytest.mark.parametrize(
    "name", [b"out", b"o" * 245, b"o" * 255, b"caf\xe9-latin1", "sähkö".encode()]
)
def test_any_valid_out_name_works(name: bytes, docs: Path, tmp_path: Path) -> None:
    out = Path(os.fsdecode(os.fsencode(tmp_path) + b"/" + name))
    assert build(docs / "old.txt", out)[0] == 0
    assert build(docs / "new.txt", out)[0] == 0  # replaced, through the staging name
    assert snapshot(out) == snapshot(docs / "new_out")
    assert os.listdir(os.fsencode(tmp_path)) == [name]


def test_a_fault_hook_naming_no_step_is_refused(
    docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KERAVA_ETL_FAULT", "kill:nowhere")
    code, output = build(docs / "new.txt", tmp_path / "out")
    assert code == 2 and "KERAVA_ETL_FAULT" in output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_once_the_summary_is_printed_changes_nothing(
    signum: int, docs: Path, tmp_path: Path
) -> None:
    """The last line is printed and the interpreter is tearing down (a tenth of a second):
    a signal then neither kills the build nor prints a traceback; the exit code stands."""
    process = subprocess.Popen(
        command(str(docs / "new.txt"), "--out", str(tmp_path / "out")),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(),
        preexec_fn=sigint_as_default,
    )
    watchdog = threading.Timer(60, process.kill)
    watchdog.start()
    assert process.stdout is not None
    lines = iter(process.stdout.readline, "")
    assert any(line.startswith("to read") for line in lines), "no last line"
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    watchdog.cancel()
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert snapshot(tmp_path / "out") == snapshot(docs / "new_out")


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_while_the_cli_loads_is_the_builds_own_answer(
    signum: int, code: int, docs: Path, tmp_path: Path
) -> None:
    """The entry point answers signals before it loads anything heavy: a signal then (here
    sent the moment the handlers are in place) exits 128+N, with the build's message."""
    script = (
        "import os, sys\n"
        "import kerava_etl.stopping as stopping\n"
        "install = stopping.StoppingSignals.install\n"
        "def install_then_signal(self):\n"
        "    install(self)\n"
        f"    os.kill(os.getpid(), {int(signum)})\n"
        "stopping.StoppingSignals.install = install_then_signal\n"
        "from kerava_etl.entry import main\n"
        "sys.argv = ['kerava-etl', 'build', sys.argv[1], '--out', sys.argv[2]]\n"
        "main()\n"
    )
    done = run([sys.executable, "-c", script, str(docs / "new.txt"), str(tmp_path / "out")])
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    assert "nothing written" in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_signal_python_lost_still_stops_the_build_before_the_swap(
    docs: Path, tmp_path: Path
) -> None:
    """The handler raises at once, but Python can lose that exception (one raised while it
    compiles a module): the build checks again before its output is swapped in."""
    from kerava_etl.stopping import StoppingSignals

    lost = StoppingSignals()
    lost.received = int(signal.SIGTERM)  # received, its exception lost: never raised
    args = ["build", str(docs / "new.txt"), "--out", str(tmp_path / "out")]
    result = runner.invoke(app, args, obj=lost)
    assert result.exit_code == 143, result.output
    assert "stopped by SIGTERM: nothing written" in result.output
    assert not (tmp_path / "out").exists()
    assert debris(tmp_path) == []


# A full disk ----------------------------------------------------------------------------

# The CLI as `python -m kerava_etl` runs it, telling on stderr which output it writes next,
# so that a test can check where the full disk met the build.
TELLING = """
import runpy, sys
from kerava_etl import pipeline

def write_all(directory, outputs, publication):
    for output in outputs:
        print(f"test: writing {output.key}", file=sys.stderr, flush=True)
        output.write(directory, publication)
    print("test: writing marker", file=sys.stderr, flush=True)

pipeline.write_all = write_all
runpy.run_module("kerava_etl", run_name="__main__", alter_sys=True)
"""

# Each output (and the marker written last) with the --with that reaches it with the ones
# before it complete: DuckDB and the workbook need more than their final size while they
# write (DuckDB's checkpoint beside its log, openpyxl's temporary sheet files), so the
# outputs after one are met without it.
FULL_DISK_CASES = [
    *((output.key, "all") for output in OUTPUTS if output.key not in ("xlsx", "readme")),
    ("xlsx", "xlsx"),
    ("readme", ""),
    ("marker", ""),
]


@contextmanager
def tmpfs(directory: Path) -> Iterator[Path]:
    """A tmpfs of 64 MiB mounted at ``directory`` (the test is skipped where it cannot be)."""
    directory.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(directory)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root, or no mount namespace)")
    try:
        yield directory
    finally:
        subprocess.run(["umount", str(directory)], check=True)


def used_bytes(directory: Path) -> int:
    disk = os.statvfs(directory)
    return (disk.f_blocks - disk.f_bfree) * disk.f_frsize


@pytest.fixture(scope="module")
def full_build_sizes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    """The bytes each file of the real document's build with every output takes on a tmpfs."""
    with tmpfs(tmp_path_factory.mktemp("sizes") / "disk") as disk:
        assert build(RAW_DOCUMENT, disk / "out", "--with", "all")[0] == 0
        return {p.name: p.lstat().st_blocks * 512 for p in (disk / "out").iterdir()}


def room_until_half_of(meets: str, written: list[Output], sizes: dict[str, int]) -> int:
    """The bytes of every file written before ``meets`` and of half of its own (in pages)."""
    keys = [output.key for output in written]
    if meets == "marker":  # written last, after every output
        before, own = file_names(written), [OUT_MARKER]
    else:
        at = keys.index(meets)
        before, own = file_names(written[:at]), file_names(written[at : at + 1])
    half = sum(sizes[name] for name in own) // 2 // 4096 * 4096
    return sum(sizes[name] for name in before) + half


@pytest.mark.parametrize(("meets", "extras"), FULL_DISK_CASES)
def test_a_full_disk_is_exit_2_saying_so_and_leaves_the_previous_out(
    meets: str, extras: str, docs: Path, tmp_path: Path, full_build_sizes: dict[str, int]
) -> None:
    """Room for the previous build, the outputs before ``meets`` and half of ``meets``."""
    with_extras = ["--with", extras] if extras else []
    written = selected(OPTIONAL_OUTPUTS if extras == "all" else [extras])
    room = room_until_half_of(meets, written, full_build_sizes)
    with tmpfs(tmp_path / "disk") as disk:
        out = old_out(docs, disk)
        size = f"size={(used_bytes(disk) + room) // 1024}k"
        subprocess.run(["mount", "-o", f"remount,{size}", str(disk)], check=True)
        args = ["build", str(RAW_DOCUMENT), "--out", str(out), *with_extras]
        done = run([sys.executable, "-c", TELLING, *args])
        assert done.returncode == 2, done.stderr
        told = [line for line in done.stderr.splitlines() if line.startswith("test: writing")]
        assert told[-1] == f"test: writing {meets}", told
        assert "cannot write the output (the disk is full" in done.stderr
        assert "previous output is untouched" in done.stderr
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr
        assert snapshot(out) == snapshot(docs / "old_out")
        assert debris(disk) == []


def _raising(exc: Exception) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        raise exc

    return write


@pytest.mark.parametrize(
    ("raised", "code"),
    [
        (etree.SerialisationError("IO_ENOSPC"), errno.ENOSPC),  # openpyxl's sheet files
        (etree.SerialisationError("IO_EROFS"), errno.EROFS),
        (OSError(errno.EDQUOT, os.strerror(errno.EDQUOT)), errno.EDQUOT),
        (zipfile.BadZipFile("a zipfile error"), None),  # a writer library's own: no errno
    ],
)
def test_a_writers_io_failure_is_an_os_error_with_its_errno(
    raised: Exception, code: int | None, tmp_path: Path
) -> None:
    with pytest.raises(OSError) as failure:
        formats.as_os_error(_raising(raised))(tmp_path / "actions.xlsx")
    assert failure.value.errno == code
    assert "actions.xlsx" in str(failure.value)


@pytest.mark.parametrize(
    "raised",
    [
        etree.SerialisationError("IO_ENCODER"),  # libxml2's, but no system error
        etree.SerialisationError("unknown error 1"),
        ValueError("IO_ENOSPC"),  # not lxml's
        KeyError("No space left on device"),
    ],
)
def test_any_other_error_of_a_writer_is_a_bug(raised: Exception, tmp_path: Path) -> None:
    with pytest.raises(type(raised)):
        formats.as_os_error(_raising(raised))(tmp_path / "actions.xlsx")


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT])
def test_a_full_disk_or_quota_is_said_in_plain_words(
    code: int, docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(path: Path, text: str) -> None:
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(formats, "write_text", full)
    out = old_out(docs, tmp_path)
    exit_code, output = build(docs / "new.txt", out)
    assert exit_code == 2
    assert "cannot write the output (the disk is full" in output
    assert snapshot(out) == snapshot(docs / "old_out")
    assert debris(tmp_path) == []
