# Check all my answers: every visible test of this chapter, run on your current answers, in one table.
# Run your answer cells first (Run All, or Runtime > Run all on Colab: it stops at the first failing test, then run
# this cell). Nothing hidden runs here, so the grader may still find what the visible tests cannot.
def check_all_my_answers():
    import json
    import os
    import re

    notebook = None
    try:  # Colab: the page hands over the open notebook
        from google.colab import _message

        notebook = _message.blocking_request("get_ipynb", timeout_sec=30)["ipynb"]
    except Exception:  # noqa: BLE001 - not Colab: read the file Jupyter or VS Code opened
        path = os.environ.get("JPY_SESSION_NAME") or globals().get("__vsc_ipynb_file__") or ""
        if path.endswith(".ipynb") and os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                notebook = json.load(f)
    if notebook is None:
        print("This cell checks answers in Jupyter, VS Code or Colab (nbgrader's Validate runs each test itself).")
        return None
    from IPython import get_ipython

    ip = get_ipython()  # the tests run in the notebook's own namespace
    rows, helpers = [], {}
    for cell in notebook["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        source, grade_id = "".join(cell["source"]), meta.get("grade_id", "")
        if grade_id.endswith("_helpers"):
            helpers[grade_id[: -len("_helpers")]] = source
        if not meta.get("grade") or meta.get("solution"):
            continue
        hidden = "### {} HIDDEN TESTS"  # spelled in two parts, so that nbgrader does not take it for a marker
        visible = re.sub(re.escape(hidden.format("BEGIN")) + ".*?" + re.escape(hidden.format("END")), "", source,
                         flags=re.DOTALL)
        try:
            exec(compile(helpers.get(grade_id, "") + "\n" + visible, f"<{grade_id}>", "exec"), ip.user_ns)  # noqa: S102
            verdict = "passed"
        except Exception as error:  # noqa: BLE001 - every failure is a line of the table
            message = str(error).strip().splitlines()[0] if str(error).strip() else ""
            verdict = f"{type(error).__name__}: {message}" if not isinstance(error, AssertionError) else message
            verdict = verdict or "the test failed"
        rows.append((grade_id.removesuffix("_test"), meta.get("points", 0), verdict))
    width = max([len(name) for name, _, _ in rows] + [8])
    for name, points, verdict in rows:
        mark = "ok " if verdict == "passed" else "-- "
        print(f"{mark}{name:<{width}} {points:>4g} pt  {verdict}")
    earned = sum(points for _, points, verdict in rows if verdict == "passed")
    print(f"\nVisible tests passed for {earned:g} of {sum(p for _, p, _ in rows):g} points.")
    return rows


_ = check_all_my_answers()
