"""The output directory: which ``--out`` may be used, and how a build replaces it whole.

``--out`` must be new, empty, or an earlier output (it holds the ``.kerava-etl`` marker),
and must not hold an input. The new build is written into a staging directory beside it
and swapped in only when every file is complete, so ``--out`` is at every moment either
the complete previous build or the complete new one:

- On Linux, ``renameat2(RENAME_EXCHANGE)`` swaps the two directories in one step; the
  previous build, now under the staging name, is removed afterwards.
- Where that is not available (another system, or a file system that refuses it), two
  renames: ``--out`` to a *retired* name, then the staging directory to ``--out``. A build
  killed between the two leaves no ``--out`` but a complete retired build, which the next
  build restores.

The directories beside ``--out`` are named ``.{name}.kerava-tmp-{pid}-{random}`` (staging)
and ``.{name}.kerava-old-{pid}-{random}`` (retired), ``name`` being ``--out``'s name (a long
one shortened and hashed, so the names stay within the file system's limit). Every build
first repairs what an interrupted one left: it restores a retired build when ``--out`` is
missing, then removes every other such directory of this ``--out`` unless a running build
still holds it. A build holds its staging directory with ``flock``, which the system drops
when the process ends however it ends, so a live build's directory is never taken for
debris; the repair and the swap run under a ``flock`` on the parent directory, so two
builds of the same ``--out`` never see each other half-way.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import re
import secrets
import shutil
import signal
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from kerava_etl.config import OUT_MARKER
from kerava_etl.errors import KeravaError

MARKER_TEXT = "Written by `kerava-etl build`: this directory is replaced whole on every build.\n"

# The named steps of replacing --out, in order, for a checkpoint (the test hook that stops
# a build at one of them): leftovers repaired; the new build complete in staging; about to
# swap; (two-rename swap only) --out renamed aside; the new build in place; the previous
# one removed.
STEPS = ("repaired", "staged", "swapping", "retired", "swapped", "published")
Checkpoint = Callable[[str], None]

STAGING, RETIRED = "tmp", "old"
_TAG_MAX_BYTES = 200  # "." + tag + ".kerava-tmp-" + pid + "-" + 8 characters <= 255
_TAG_HEAD_BYTES = 100
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# renameat2 is missing, or the file system does not do RENAME_EXCHANGE: two renames instead.
_NO_EXCHANGE = frozenset([errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP])
# The mount table writes a space, tab, newline or backslash in a path as \ooo (octal).
_MOUNTINFO_ESCAPE = re.compile(rb"\\([0-7]{3})")
# A full disk, in plain words (the system's "No space left on device" names no remedy; a
# library's wording, pyarrow's "Error writing bytes to file. Detail: [errno 28] ...", less).
_DISK_FULL = {
    errno.ENOSPC: "the disk is full: free some space, or choose an --out on another disk",
    errno.EDQUOT: "the disk is full for you (your disk quota is used up): free some space, "
    "or choose an --out on another disk",
}
# Signals held back while a swap or a removal must finish (a SIGKILL cannot be).
_DEFERRED_SIGNALS = frozenset(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def _no_checkpoint(step: str) -> None:
    """The default checkpoint: a build runs straight through."""


def prepare_out_dir(
    out_dir: Path, inputs: Sequence[Path], checkpoint: Checkpoint = _no_checkpoint
) -> Path:
    """Check ``out_dir`` before any work, repair what an interrupted build left beside it,
    and return it resolved (symbolic links followed).

    Refused with a :class:`KeravaError` (exit 2): a path the system cannot use (a link loop,
    through a file, a name too long), a file, a mount point, a place that is not writable,
    a directory holding an input, or one that is neither empty nor marked as an output.
    """
    where = str(out_dir)
    try:
        target = out_dir.resolve()
    except RuntimeError:  # Python 3.11 reports a symbolic link loop so
        raise KeravaError("cannot use --out: a loop of symbolic links", file=where) from None
    except OSError as exc:
        raise KeravaError(f"cannot use --out: {exc.strerror}", file=where) from None
    try:
        _check_place(target, where)
        with _locked(target.parent), _signals_deferred():
            _repair(target)
        _check_ours(target, inputs, where)
    except OSError as exc:
        raise KeravaError(f"cannot use --out: {exc.strerror or exc}", file=where) from None
    checkpoint("repaired")
    return target


def _check_place(target: Path, where: str) -> None:
    """Refuse a target that cannot be replaced by renaming a directory beside it."""
    if target == target.parent:
        raise KeravaError("--out is the root directory; choose a directory in it", file=where)
    if not _is_utf8(str(target.parent)):
        raise KeravaError(
            "cannot use --out: the path of the directory it is in is not UTF-8, which the "
            "Parquet and DuckDB writers need; rename it or choose another place",
            file=where,
        )
    try:
        mode: int | None = os.lstat(target).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISDIR(mode):
        raise KeravaError("--out names a file, not a directory; choose a directory", file=where)
    if mode is not None and _is_mount_point(target):
        raise KeravaError(
            "--out is a mount point, which cannot be replaced; choose a directory inside it",
            file=where,
        )
    # Replacing --out writes beside it; removing the previous build writes inside it.
    for place in (_nearest_existing(target.parent), target if mode is not None else None):
        if place is not None and not os.access(place, os.W_OK | os.X_OK):
            raise KeravaError(
                f"cannot use --out: {place} is not writable (read-only, or no permission)",
                file=where,
            )


def _is_mount_point(path: Path) -> bool:
    """A mount point, a bind mount on the same file system too (Linux's mount table)."""
    if os.path.ismount(path):
        return True
    try:
        table = Path("/proc/self/mountinfo").read_bytes()
    except OSError:
        return False
    wanted = os.fsencode(path)
    for line in table.splitlines():
        fields = line.split(b" ")
        if len(fields) > 4 and _MOUNTINFO_ESCAPE.sub(_unescape, fields[4]) == wanted:
            return True
    return False


def _unescape(match: re.Match[bytes]) -> bytes:
    return bytes([int(match.group(1), 8)])


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _check_ours(target: Path, inputs: Sequence[Path], where: str) -> None:
    if not target.is_dir():
        return
    for path in inputs:
        if path.resolve().is_relative_to(target):
            raise KeravaError(
                f"--out holds the input {path}; the build would replace it: choose another "
                "directory",
                file=where,
            )
    if not _is_ours(target):
        raise KeravaError(
            "--out is a directory that kerava-etl did not write (no .kerava-etl file in it) "
            "and the build replaces it whole; choose a new or empty directory",
            file=where,
        )


def _is_ours(target: Path) -> bool:
    """Empty, or marked as a build's output; whatever its files are called otherwise."""
    with os.scandir(target) as entries:
        if next(entries, None) is None:
            return True
    try:
        return stat.S_ISREG(os.lstat(target / OUT_MARKER).st_mode)
    except FileNotFoundError:
        return False


def replace_out_dir(
    out_dir: Path, fill: Callable[[Path], None], checkpoint: Checkpoint = _no_checkpoint
) -> None:
    """Build the new output with ``fill(staging)`` and swap it in for ``out_dir``.

    ``out_dir`` is the path :func:`prepare_out_dir` returned. ``fill`` writes every file
    into the staging directory (the marker is added here). An ``OSError`` leaves
    ``out_dir`` as it was and is reported as a :class:`KeravaError` (exit 2); any other
    exception (``KeyboardInterrupt``, :class:`~kerava_etl.errors.Terminated`) propagates,
    with ``out_dir`` the previous build or, once ``swapped`` was passed, the new one. In
    every case the staging directory is gone when the call ends.
    """
    staging, hold = _new_staging(out_dir)
    try:
        fill(staging)
        (staging / OUT_MARKER).write_text(MARKER_TEXT, encoding="utf-8", newline="")
        staging.chmod(0o777 & ~_umask())  # as a directory the user made; mkdtemp gave 0700
        checkpoint("staged")
        with _locked(out_dir.parent), _signals_deferred():
            _swap_in(staging, out_dir, checkpoint)
            _remove(staging)  # the previous build, if there was one
    except OSError as exc:
        raise KeravaError(
            f"cannot write the output ({_reason(exc)}); the previous output is untouched",
            file=str(out_dir),
        ) from None
    finally:
        with _signals_deferred():
            _remove(staging)
        if hold is not None:
            os.close(hold)
    checkpoint("published")


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.EBUSY, errno.EXDEV):
        return f"{exc.strerror}: --out cannot be renamed, is it a mount point?"
    if exc.errno in _DISK_FULL:
        return _DISK_FULL[exc.errno]
    return exc.strerror or str(exc)


def _new_staging(out_dir: Path) -> tuple[Path, int | None]:
    """A new staging directory beside ``out_dir``, held (flock) by this process."""
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        with _locked(out_dir.parent):
            staging = Path(tempfile.mkdtemp(prefix=_prefix(out_dir, STAGING), dir=out_dir.parent))
            return staging, _hold(staging)
    except OSError as exc:
        raise KeravaError(f"cannot write the output: {_reason(exc)}", file=str(out_dir)) from None


def _swap_in(staging: Path, out_dir: Path, checkpoint: Checkpoint) -> None:
    """Put ``staging`` in place of ``out_dir``; the previous build ends up under
    ``staging``'s name (to be removed), or nothing does when there was none."""
    if not _replaceable(out_dir):  # something not ours appeared there during the build
        raise OSError(errno.EEXIST, "--out changed during the build and is no output now")
    checkpoint("swapping")
    if not os.path.lexists(out_dir):
        os.rename(staging, out_dir)
        checkpoint("swapped")
        return
    try:
        rename_exchange(staging, out_dir)
    except OSError as exc:
        if exc.errno not in _NO_EXCHANGE:
            raise
        _swap_by_renames(staging, out_dir, checkpoint)
        return
    checkpoint("swapped")


def _replaceable(out_dir: Path) -> bool:
    if out_dir.is_dir():
        return _is_ours(out_dir)
    return not os.path.lexists(out_dir)


def _swap_by_renames(staging: Path, out_dir: Path, checkpoint: Checkpoint) -> None:
    """The swap where an atomic exchange is not available; see the module docstring."""
    retired = out_dir.parent / f"{_prefix(out_dir, RETIRED)}{secrets.token_hex(4)}"
    os.rename(out_dir, retired)
    checkpoint("retired")
    try:
        os.rename(staging, out_dir)
    except BaseException:
        os.rename(retired, out_dir)
        raise
    checkpoint("swapped")
    # Under a staging name, so that only a complete build ever bears a retired name; if this
    # fails, the next build removes the retired one (--out exists).
    with suppress(OSError):
        os.rename(retired, staging)


def rename_exchange(first: Path, second: Path) -> None:
    """Swap two paths in one atomic step: Linux ``renameat2(..., RENAME_EXCHANGE)``.

    Raises ``OSError`` with the system's errno: ``ENOSYS`` where there is no renameat2,
    ``EINVAL`` where the file system does not support the exchange.
    """
    if not sys.platform.startswith("linux"):
        raise OSError(errno.ENOSYS, "renameat2 is Linux only")
    import ctypes

    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:  # a C library older than glibc 2.28
        raise OSError(errno.ENOSYS, "the C library has no renameat2")
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p) * 2 + (ctypes.c_uint,)
    renameat2.restype = ctypes.c_int
    paths = os.fsencode(first), os.fsencode(second)
    if renameat2(_AT_FDCWD, paths[0], _AT_FDCWD, paths[1], _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(first), None, str(second))


def _repair(out_dir: Path) -> None:
    """Restore a retired build when ``out_dir`` is missing, then remove every other staging
    or retired directory of ``out_dir`` that no running build holds.

    Best effort: a leftover that cannot be moved or removed (another user's) stays, and
    the build goes on.
    """
    leftovers = _leftovers(out_dir)
    retired = [path for kind, path in leftovers if kind == RETIRED]
    if retired and not os.path.lexists(out_dir):
        newest = max(retired, key=lambda path: path.stat().st_mtime_ns)
        with suppress(OSError):
            os.rename(newest, out_dir)
            leftovers.remove((RETIRED, newest))
    for kind, path in leftovers:
        with suppress(OSError):
            _remove_leftover(out_dir, kind, path)


def _remove_leftover(out_dir: Path, kind: str, path: Path) -> None:
    if kind == RETIRED:  # never half-removed under a name that is restored
        staging = out_dir.parent / f"{_prefix(out_dir, STAGING)}{secrets.token_hex(4)}"
        os.rename(path, staging)
        path = staging
    hold = _hold(path, wait=False)
    if hold is not None:
        try:
            _remove(path)
        finally:
            os.close(hold)


def _leftovers(out_dir: Path) -> list[tuple[str, Path]]:
    """The staging and retired directories of ``out_dir`` (kind, path), in name order."""
    name = re.compile(
        rf"\.{re.escape(_tag(out_dir.name))}\.kerava-({STAGING}|{RETIRED})-\d+-[a-z0-9_]+"
    )
    try:
        entries = sorted(os.scandir(out_dir.parent), key=lambda entry: entry.name)
    except OSError:  # no parent yet, or one that cannot be listed: nothing to repair
        return []
    found = []
    for entry in entries:
        match = name.fullmatch(entry.name)
        if match and entry.is_dir(follow_symlinks=False):
            found.append((match.group(1), Path(entry.path)))
    return found


def _prefix(out_dir: Path, kind: str) -> str:
    return f".{_tag(out_dir.name)}.kerava-{kind}-{os.getpid()}-"


def _tag(name: str) -> str:
    """``--out``'s name as the staging names hold it: the name itself, or for a long one
    its head and a hash (so the names stay within NAME_MAX), for one that is not UTF-8 a
    hash (the files are written under the staging name, and pyarrow needs UTF-8 paths)."""
    encoded = os.fsencode(name)
    if len(encoded) <= _TAG_MAX_BYTES and _is_utf8(name):
        return name
    head = name if _is_utf8(name) else ""
    while len(os.fsencode(head)) > _TAG_HEAD_BYTES:
        head = head[:-1]
    return f"{head}~{hashlib.sha256(encoded).hexdigest()[:16]}"


def _is_utf8(text: str) -> bool:
    """A path read from the system holds undecodable bytes as lone surrogates."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _hold(directory: Path, *, wait: bool = True) -> int | None:
    """An open descriptor holding ``directory`` with an exclusive ``flock``.

    ``None`` when another process holds it (``wait=False``) or it cannot be opened. Where
    the file system has no ``flock`` (NFS), a new directory is used unheld, and a leftover
    one is left alone: its owner cannot be told dead from alive.
    """
    try:
        descriptor = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        if not wait:
            os.close(descriptor)
            return None
    return descriptor


@contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """Hold ``directory`` (the parent of ``--out``) while repairing or swapping.

    A directory that cannot be opened or held (it does not exist yet, NFS) is used unheld.
    """
    descriptor = _hold(directory) if directory.is_dir() else None
    try:
        yield
    finally:
        if descriptor is not None:
            os.close(descriptor)


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP back until the block ends, so that a swap and the
    removal after it are never cut half-way; a signal that came meanwhile acts then."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _remove(path: Path) -> None:
    """Remove a directory tree of ours, making read-only directories in it writable first;
    what still cannot be removed is left for the next build's repair."""

    def retry(function: Callable[..., Any], failed: str, _: object) -> None:
        with suppress(OSError):
            os.chmod(os.path.dirname(failed), 0o700)
            function(failed)

    if os.path.lexists(path):
        shutil.rmtree(path, onerror=retry)


def _umask() -> int:
    """The process's umask (reading it means setting it; it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
