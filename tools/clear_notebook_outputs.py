"""Pre-commit hook: notebooks are committed without outputs or execution counts (README, Layout).

Rewrites each notebook given on the command line in place when it holds outputs, and exits 1 if it
changed any, so the commit stops and the cleaned file can be staged."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def clear(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    notebook = json.loads(text)
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell.get("metadata", {}).pop("execution", None)
    cleaned = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
    if cleaned == text:
        return False
    path.write_text(cleaned, encoding="utf-8")
    return True


def main(paths: list[str]) -> int:
    changed = [p for p in paths if clear(Path(p))]
    for p in changed:
        print(f"cleared outputs: {p}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
