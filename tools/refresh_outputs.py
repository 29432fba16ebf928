"""Re-execute instructor sources in fast mode and store the outputs nbval compares.

Only cells whose first line is `# NBVAL_CHECK_OUTPUT` keep their outputs; every other cell is
stored without outputs so that diffs stay small and no machine-specific text (versions,
timings, paths) lands in git.

    python tools/refresh_outputs.py [ch01_tensors ch02_gradient_tape ...]     (no names: every chapter)
"""

import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coursetools.course import chapters
from coursetools.notebook import CHECK_MARK
from data.fixtures import seeded_caches


def checked(cell) -> bool:
    return cell.cell_type == "code" and cell.source.lstrip().startswith(CHECK_MARK)


def refresh(chapter: str) -> None:
    path = ROOT / "solutions" / chapter / f"{chapter}.ipynb"
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    for cell in nb.cells:
        cell.metadata.pop("execution", None)   # timestamps of this run: noise in git and in student notebooks
    for number, cell in enumerate(code_cells, start=1):
        if checked(cell):
            # nbval skips cells without an execution count; use the cell's position so git diffs stay quiet.
            cell.execution_count = number
            cell.outputs = [o for o in cell.outputs if not (o.output_type == "stream" and o.name == "stderr")]
            for output in cell.outputs:
                if "execution_count" in output:
                    output["execution_count"] = number
        else:
            cell.outputs = []
            cell.execution_count = None
    nbformat.write(nb, path)
    print(f"{chapter}: stored outputs of {sum(map(checked, nb.cells))} checked cell(s)")


def main(names: list[str]) -> None:
    os.environ["COURSE_FAST"] = "1"
    with seeded_caches():
        for chapter in names or [ch.id for ch in chapters()]:
            refresh(chapter)


if __name__ == "__main__":
    main(sys.argv[1:])
