"""A quiet progress line for the command line (private): a spinner and the seconds elapsed.

It writes to standard error only when standard error is a terminal and the work has taken longer
than ``delay`` seconds, so quick commands, pipes, files and tests see nothing. The line is erased
when the work ends. Standard library only (a daemon thread; the work itself runs in the caller's
thread).

>>> import io
>>> with Progress("scheduling", stream=io.StringIO()) as p:  # not a terminal: silent
...     pass
>>> p.shown
False
"""

from __future__ import annotations

import sys
import threading
import time
from types import TracebackType
from typing import TextIO

__all__ = ["Progress"]

_FRAMES = "|/-\\"


class Progress:
    """Show ``| label ... 3 s`` on a terminal while the ``with`` block runs longer than ``delay``.

    Args:
        label: what is being done, e.g. ``"scheduling 23 visits"``.
        stream: where to write (default: ``sys.stderr`` when the block starts).
        delay: seconds of silence before the line first appears.
        interval: seconds between updates.
    """

    def __init__(
        self,
        label: str,
        *,
        stream: TextIO | None = None,
        delay: float = 1.0,
        interval: float = 0.2,
    ) -> None:
        self.label = label
        self.delay = delay
        self.interval = interval
        self.shown = False
        self._stream = stream
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self._began = 0.0
        self._width = 0

    def __enter__(self) -> Progress:
        stream = self._stream if self._stream is not None else sys.stderr
        self._stream = stream
        self._began = time.monotonic()
        if _is_terminal(stream):
            self._thread = threading.Thread(target=self._run, name="progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()
        if self.shown and self._stream is not None:
            self._write("\r" + " " * self._width + "\r")

    def _run(self) -> None:
        if self._done.wait(self.delay):
            return
        frame = 0
        while not self._done.is_set():
            elapsed = time.monotonic() - self._began
            line = f"{_FRAMES[frame % len(_FRAMES)]} {self.label} ... {elapsed:.0f} s"
            self._width = max(self._width, len(line) + 2)
            self._write("\r" + line)
            self.shown = True
            frame += 1
            self._done.wait(self.interval)

    def _write(self, text: str) -> None:
        assert self._stream is not None
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):  # a closed or broken stream: progress is not worth a crash
            pass


def _is_terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, OSError, ValueError):
        return False
