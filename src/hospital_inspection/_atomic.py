"""Write files atomically (private): a temporary file in the same directory, then ``os.replace``.

A reader sees either the old file or the new one, never half of the new one: the data is written
to a temporary file next to the target, flushed to disk (``fsync``), and renamed over the target
in one step. If anything fails before the rename, the temporary file is removed and an existing
file at the path is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message

__all__ = ["atomic_path", "check_target", "write_bytes"]

StrPath = str | os.PathLike[str]


def check_target(path: StrPath) -> Path:
    """``path`` as a :class:`~pathlib.Path` when a writer may replace it, else :class:`DataError`.

    A writer replaces only a regular file (or creates a new one): a directory, a device, a pipe
    or a symbolic link at ``path`` is refused, as is a folder that does not exist.
    """
    try:
        target = Path(path)
        info = os.lstat(target)
    except FileNotFoundError:
        if not target.parent.is_dir():
            nowhere = N_("{path}: the folder {folder} does not exist")
            raise DataError(
                Message(nowhere, {"path": path, "folder": repr(str(target.parent))})
            ) from None
        return target
    except (OSError, ValueError, TypeError) as exc:
        unusable = N_("{path}: not a usable file name ({reason})")
        raise DataError(Message(unusable, {"path": repr(path), "reason": exc})) from None
    if stat.S_ISLNK(info.st_mode):
        link = N_("{path}: is a symbolic link; refusing to replace it (give the real file)")
        raise DataError(Message(link, {"path": path}))
    if not stat.S_ISREG(info.st_mode):
        what = (
            N_("{path}: is a directory; refusing to replace it")
            if stat.S_ISDIR(info.st_mode)
            else N_("{path}: is not a regular file; refusing to replace it")
        )
        raise DataError(Message(what, {"path": path}))
    return target


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def atomic_path(path: StrPath) -> Iterator[Path]:
    """Yield a temporary path to write to; on success it replaces ``path`` atomically.

    Only a regular file is replaced (see :func:`check_target`).

    The new file keeps the permissions of the file it replaces (or the umask's for a new file).

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("done", encoding="utf-8")
    >>> target.read_text(encoding="utf-8")
    'done'
    """
    target = check_target(path)
    directory = target.parent
    fd, name = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        try:
            mode = stat.S_IMODE(target.stat().st_mode)
        except FileNotFoundError:
            mode = _new_file_mode()
        os.chmod(tmp, mode)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    _fsync_directory(directory)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable where the platform allows it (POSIX)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows cannot open a directory
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def write_bytes(path: StrPath, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
