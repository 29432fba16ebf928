"""The full-run record: `COURSE_RESULTS` parsing, the results file, and the README table generated from it.

Cheap on purpose: no notebook is executed here (`make full-run` does that).
"""

import json

import pytest

from coursetools import full_run, release
from coursetools.course import chapters

# --- parsing the COURSE_RESULTS line ---------------------------------------------------------------------------


def test_parses_the_one_results_line_among_other_output():
    text = ("TensorFlow 2.21.0 | Keras 3.13.2\nDevice: CPU.\nepoch 3: loss 0.3\n"
            'COURSE_RESULTS {"test_rmse": 0.4631, "hgb_test_rmse": 0.4714, "train_seconds": 31.8}\nbye\n')
    assert full_run.parse_course_results(text) == {"test_rmse": 0.4631, "hgb_test_rmse": 0.4714, "train_seconds": 31.8}


def test_no_results_line_gives_none():
    assert full_run.parse_course_results("Device: CPU\nCOURSE_RESULTSX is not the mark\n") is None
    assert full_run.parse_course_results("") is None


def test_leading_spaces_and_strings_are_accepted():
    assert full_run.parse_course_results('  COURSE_RESULTS {"best": "wide_deep", "n": 3}') == {"best": "wide_deep", "n": 3}


@pytest.mark.parametrize("text, problem", [
    ('COURSE_RESULTS {"a": 1}\nCOURSE_RESULTS {"a": 2}', "exactly one"),
    ("COURSE_RESULTS test_rmse=0.4", "not followed by JSON"),
    ("COURSE_RESULTS [0.4, 0.5]", "JSON object"),
    ('COURSE_RESULTS {"Test RMSE": 0.4}', "snake_case"),
    ('COURSE_RESULTS {"rmse": [0.4]}', "number or a short string"),
    ('COURSE_RESULTS {"ok": true}', "number or a short string"),
])
def test_malformed_results_lines_are_refused(text, problem):
    with pytest.raises(ValueError, match=problem):
        full_run.parse_course_results(text)


def test_stdout_text_reads_only_stdout_streams():
    nb = full_run.nbformat.v4.new_notebook()
    cell = full_run.nbformat.v4.new_code_cell("print(1)")
    cell.outputs = [full_run.nbformat.v4.new_output("stream", name="stderr", text='COURSE_RESULTS {"a": 1}\n'),
                    full_run.nbformat.v4.new_output("stream", name="stdout", text='COURSE_RESULTS {"a": 2}\n')]
    nb.cells = [full_run.nbformat.v4.new_markdown_cell("COURSE_RESULTS {}"), cell]
    assert full_run.parse_course_results(full_run.stdout_text(nb)) == {"a": 2}


def test_device_comes_from_what_the_setup_cell_printed():
    assert full_run.device_of("Device: CPU. This chapter runs fine on a CPU")[0] == "cpu"
    kind, name = full_run.device_of("Device: GPU /physical_device:GPU:0")
    assert kind == "gpu" and name


# --- the results file ------------------------------------------------------------------------------------------

def _row(chapter, device, kind="cpu", **metrics):
    return {"chapter": chapter, "device": device, "device_kind": kind, "metrics": metrics, "wall_seconds": 10.0,
            "tensorflow": "2.21.0", "data": {}, "date": "2025-01-01"}


def test_merge_keys_rows_by_chapter_and_device():
    first, last = chapters()[0].id, chapters()[-1].id
    rows = [_row(last, "cpu A"), _row(first, "cpu A", x=1)]
    merged = full_run.merge(rows, [_row(first, "GPU B", "gpu", x=3), _row(first, "cpu A", x=2)])
    assert [(r["chapter"], r["device"]) for r in merged] == [(first, "cpu A"), (first, "GPU B"), (last, "cpu A")]
    assert merged[0]["metrics"] == {"x": 2}, "a new run replaces the row of the same chapter and device"


def test_results_file_is_well_formed():
    rows = full_run.load_results()
    assert rows, "results/full_run.json is missing or empty: run `make full-run`"
    known = {c.id for c in chapters()}
    keys = [(r["chapter"], r["device"]) for r in rows]
    assert len(keys) == len(set(keys)), "one row per chapter and device"
    for r in rows:
        assert r["chapter"] in known, f"{r['chapter']} is not in course.toml"
        assert r["device_kind"] in ("cpu", "gpu") and r["device"]
        assert isinstance(r["metrics"], dict) and (r["metrics"] or r.get("note")), r
        assert r["wall_seconds"] > 0 and r["tensorflow"] and len(r["date"]) == 10
        assert set(r["data"].values()) <= {"real", "stand-in", "missing"}, r["data"]
        if "Fashion-MNIST" in r["data"]:
            assert r["data"]["Fashion-MNIST"] in ("real", "stand-in")
        # the metrics go through the same parser the run used
        assert full_run.parse_course_results("COURSE_RESULTS " + json.dumps(r["metrics"])) == r["metrics"]


def test_dataset_origin_is_read_from_the_seeded_bytes(tmp_path):
    from data.fixtures import seed_into

    homes = seed_into(tmp_path)
    assert full_run.dataset_origin("Fashion-MNIST", homes) == "stand-in"  # the generated stand-in, by checksum
    if (homes["SCIKIT_LEARN_DATA"] / "cal_housing_py3.pkz").exists():
        assert full_run.dataset_origin("California housing", homes) == "real"
    assert full_run.dataset_origin("California housing", {"SCIKIT_LEARN_DATA": tmp_path / "none"}) == "missing"


# --- the README ------------------------------------------------------------------------------------------------

def test_readme_shows_the_results_file():
    text = release.README.read_text()
    block = f"{release.STANDS_START}\n{release.where_the_course_stands()}\n{release.STANDS_END}"
    assert block in text, "README.md's 'where the course stands' block differs from results/full_run.json: run `make release`"


def test_every_recorded_figure_is_in_the_readme():
    text = release.README.read_text()
    for r in full_run.load_results():
        for key, value in r["metrics"].items():
            assert f"{key} {value}" in text, f"{r['chapter']}: {key} {value} is not in README.md"


def test_readme_table_is_generated_not_typed():
    rows = [_row(chapters()[0].id, "cpu Z", test_rmse=0.123)]
    table = release.where_the_course_stands(rows)
    assert "test_rmse 0.123" in table and "cpu Z" in table
    assert "not run yet" in table or len(chapters()) == 1
