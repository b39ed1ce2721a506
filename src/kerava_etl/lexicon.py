"""Voikko's Finnish dictionary, as an ``is_word`` predicate, in this process or a helper.

Loading the dictionary takes about a second of CPU, and a build asks it about a handful of
words. So the CLI (a) keeps the answers in a small cache file between runs
(:class:`CachedLexicon`; ``$KERAVA_ETL_CACHE_DIR``, else ``$XDG_CACHE_HOME/kerava-etl``,
else ``~/.cache/kerava-etl``), and (b) on a first run, with no cache file, starts the
dictionary loading in a helper process on the other core before anything else, so it is
ready by the first question (:class:`HelperLexicon`); later runs start the helper only for
a word the cache lacks. Run as ``python -m kerava_etl.lexicon`` this
module is that helper: a word per line in, ``1`` or ``0`` per line out. Any failure of
the helper falls back to loading in-process; a damaged cache file is ignored. Answers
depend only on the word and the dictionary's version, so outputs never depend on the cache.
"""

from __future__ import annotations

import atexit
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

IsWord = Callable[[str], bool]
MAX_CACHED = 100_000


def load_in_process() -> IsWord | None:
    """Voikko loaded here, or ``None`` when ``pyvoikko`` is not installed."""
    try:
        import pyvoikko
    except ImportError:  # pragma: no cover - pyvoikko is a declared dependency
        return None

    def is_word(word: str) -> bool:
        return bool(pyvoikko.analyse(word) or pyvoikko.analyse(word.lower()))

    return is_word


class HelperLexicon:
    """Asks a helper process; on any failure, answers from an in-process dictionary."""

    def __init__(self) -> None:
        self._fallback: IsWord | None = None
        self._process: subprocess.Popen[str] | None = subprocess.Popen(
            [sys.executable, "-m", "kerava_etl.lexicon"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
        )
        atexit.register(self.close)

    def __call__(self, word: str) -> bool:
        if self._process is not None:
            try:
                assert self._process.stdin is not None and self._process.stdout is not None
                self._process.stdin.write(word + "\n")
                self._process.stdin.flush()
                answer = self._process.stdout.readline()
            except (OSError, ValueError):
                answer = ""
            if answer in ("1\n", "0\n"):
                return answer == "1\n"
            self.close()
        if self._fallback is None:
            self._fallback = load_in_process() or (lambda word: False)
        return self._fallback(word)

    def close(self) -> None:
        """End the helper process: it has nothing more to answer."""
        process, self._process = self._process, None
        if process is None:
            return
        process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()


class CachedLexicon:
    """Answers from a cache file first; asks ``source`` (made on first need) otherwise."""

    def __init__(self, path: Path, source: Callable[[], IsWord]) -> None:
        self.path = path
        self._source_factory = source
        self._source: IsWord | None = None
        self._answers = _read_cache(path)
        self._dirty = False

    def __call__(self, word: str) -> bool:
        answer = self._answers.get(word)
        if answer is None:
            if self._source is None:
                self._source = self._source_factory()
            answer = self._answers[word] = self._source(word)
            self._dirty = True
        return answer

    def save(self) -> None:
        """Write the cache file atomically if anything was learnt; never fail the build.

        A cache grown past ``MAX_CACHED`` words is not written (a junk input does not bloat it).
        """
        if not self._dirty or len(self._answers) > MAX_CACHED:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(dict(sorted(self._answers.items())), stream, ensure_ascii=False)
            os.replace(temporary, self.path)
            self._dirty = False
        except OSError:
            pass


def _read_cache(path: Path) -> dict[str, bool]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, bool)}


def cache_path() -> Path:
    """Where the CLI keeps the dictionary's answers, per dictionary version."""
    base = os.environ.get("KERAVA_ETL_CACHE_DIR")
    if base is None:
        xdg = os.environ.get("XDG_CACHE_HOME")
        try:
            home = Path(xdg) if xdg else Path.home() / ".cache"
        except RuntimeError:  # no home directory to be found
            home = Path(tempfile.gettempdir())
        base = str(home / "kerava-etl")
    return Path(base) / f"voikko-{_dictionary_stamp()}.json"


def _dictionary_stamp() -> str:
    """Names the installed dictionary (its file's size and time), without importing it.

    importlib.metadata would say the version, but importing it costs more than a build's
    own work; a reinstalled dictionary simply starts a new cache.
    """
    spec = importlib.util.find_spec("pyvoikko")
    if spec is None or spec.origin is None:  # pragma: no cover - a declared dependency
        return "none"
    try:
        stat = (Path(spec.origin).parent / "voikko.kfst").stat()
    except OSError:
        return "none"
    return f"{stat.st_size}-{stat.st_mtime_ns}"


def cli_lexicon() -> CachedLexicon:
    """The CLI's lexicon: the cache file, backed by a helper process.

    With no cache file yet (a first run), the helper starts right now, to load while this
    process works; with one, only when a word is missing from it, as most runs need none.
    """
    path = cache_path()
    if path.exists():
        lexicon = CachedLexicon(path, HelperLexicon)
    else:
        helper = HelperLexicon()
        lexicon = CachedLexicon(path, lambda: helper)
    atexit.register(lexicon.save)
    return lexicon


def serve() -> None:
    """The helper's loop: read words, answer ``1`` (a word) or ``0``."""
    is_word = load_in_process()
    for line in sys.stdin:
        word = line.rstrip("\n")
        print("1" if is_word is not None and is_word(word) else "0", flush=True)


if __name__ == "__main__":
    serve()
