"""The JSON data files newsmirror ships (site registry, publisher table) and the ones users add."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any


def bundled(name: str) -> tuple[str, str]:
    """(text, label for messages) of a data file shipped in ``newsmirror/data``."""
    return resources.files("newsmirror").joinpath(f"data/{name}").read_text(
        "utf-8"
    ), f"bundled {name}"


def user_file(path: str | Path, setting: str, error: type[ValueError]) -> tuple[str, str]:
    """(text, label) of a file named by a setting; ``error`` names the setting and the file."""
    try:
        return Path(path).read_text("utf-8"), f"{setting} {path}"
    except OSError as exc:
        raise error(f"{setting} {path}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise error(
            f"{setting} {path}: not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None


def entries(text: str, where: str, key: str, error: type[ValueError]) -> list[Any]:
    """The list under ``key`` of a JSON object, or ``error`` saying what is wrong and where."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(f"{where}: not valid JSON: {exc}") from None
    found = data.get(key) if isinstance(data, dict) else None
    if not isinstance(found, list):
        raise error(f"{where}: expected an object with a '{key}' list")
    return found
