"""The grader's own words in Korean (autograder/messages.py): a complete catalogue, notes read back through their
templates, and a Korean notebook's feedback page in Korean."""

import dataclasses
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from autograder import messages as M
from autograder.grading.lateness import YES, Lateness
from autograder.reporting import feedback
from autograder.runner.record import Outcome
from autograder.runner.worker import _inside_test_message
from coursetools.course import ROOT


@pytest.fixture(scope="module")
def mini_plan():
    from autograder_support import MINI

    from autograder.grading.gradebook import prepare

    with tempfile.TemporaryDirectory() as tmp:
        plan, _ = prepare(MINI, "mini", Path(tmp))
    return plan


sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
CATALOGUE = M.LOCALE / "ko" / "LC_MESSAGES" / "autograder.po"
TEMPLATE = M.LOCALE / "autograder.pot"


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_every_template_has_a_korean_translation_with_the_same_placeholders():
    with CATALOGUE.open("rb") as f:
        entries = {m.id: m for m in read_po(f) if m.id}
    assert set(entries) == set(M.TEMPLATES), (
        "autograder/locale is out of step with autograder/messages.py: run `pybabel extract -k N_ "
        "--no-default-keywords --no-location -o autograder/locale/autograder.pot autograder/messages.py` and "
        "`pybabel update -i autograder/locale/autograder.pot -d autograder/locale -D autograder --ignore-obsolete`, "
        "then translate")
    for template, entry in entries.items():
        assert entry.string and not entry.fuzzy, f"untranslated or fuzzy: {template!r}"
        assert _placeholders(entry.string) == _placeholders(template), f"placeholders differ: {template!r}"


def test_the_message_template_file_is_current():
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "autograder.pot"
        subprocess.run([str(Path(sys.executable).parent / "pybabel"), "extract", "-k", "N_", "--no-default-keywords",
                        "--no-location", "-o", str(fresh), "autograder/messages.py"], cwd=ROOT, check=True,
                       capture_output=True)
        with fresh.open("rb") as f, TEMPLATE.open("rb") as g:
            assert [m.id for m in read_po(f)] == [m.id for m in read_po(g)], "regenerate autograder.pot (above)"


def test_notes_are_read_back_through_their_templates():
    died = M.KERNEL_DIED_MEMORY.format(where=M.WHERE_ANSWER.format(grade_id="ex1_mean"), description="SIGKILL",
                                       limit="8 GiB")
    slow = M.TIMEOUT_INTERRUPTED.format(where=M.WHERE_TEST.format(grade_id="ex2_fit_test"), limit="20 s")
    korean = M.localize(f"{died}; {slow}; something no template wrote", "ko")
    assert korean == ("답안 셀 ex1_mean 실행 중에 커널이 종료되었습니다(SIGKILL; 메모리 한도 8 GiB에 닿았거나 네이티브 코드에서 "
                      "충돌했습니다). 이후 셀은 실행하지 않았습니다; 테스트 ex2_fit_test이(가) 20 s보다 오래 실행되어 "
                      "중단했습니다; something no template wrote")
    assert M.localize(_inside_test_message("TypeError"), "ko").startswith("테스트 안에서 TypeError이(가) 발생했습니다: 코드가")
    assert M.localize("AssertionError: 연습 문제 1에 아직 답하지 않았습니다", "ko").endswith("답하지 않았습니다")
    assert M.localize(slow, "") == slow, "the English edition keeps the English"
    # a placeholder right before another template's words ends where they begin
    held = M.HELD.format(grade_id="ex2_test", reason=M.NOTEBOOK_CHANGED.format(why="numpy.allclose"),
                         changed_where=M.CHANGED_IN.format(cells=M.WHERE_ANSWER.format(grade_id="ex2_mean"),
                                                           grade_id="ex2_test"))
    assert M.localize(held, "ko").startswith("테스트 ex2_test 이후 검토 대기: 노트북이 numpy.allclose을(를) 바꾸었습니다 "
                                             "(답안 셀 ex2_mean에서, 테스트 ex2_test 전에 실행되었거나 테스트가 호출한 코드에서). ")


def test_a_korean_notebooks_feedback_page_is_korean(mini_plan):
    korean = dataclasses.replace(mini_plan, metadata={**mini_plan.metadata, "course": {"edition": "ko"}})
    outcome = Outcome.empty("1001", korean)
    outcome.status, outcome.reason = "timeout", M.TEST_NOT_RUN.format(why=M.STOPPED_OUT_OF_TIME)
    page = feedback.render(outcome, korean, lateness=Lateness(YES, "timestamp.txt", seconds_late=5400,
                                                                penalty=1.0))
    assert "<b>점수: 0 / " in page and "채점 완료, 다만 시간 제한에 걸렸습니다" in page
    assert "실행하지 않음: 노트북 실행 시간이 다 되었습니다" in page and "지각 감점 −1점" in page
    assert "Score:" not in page and "not run" not in page
    assert "<b>Score: 0 / " in feedback.render(Outcome.empty("1001", mini_plan), mini_plan)


def _english_left(text: str) -> list[str]:
    """Words of English left in a Korean note, not counting a technical detail in parentheses (an error's own text,
    which no catalogue translates)."""
    details = re.compile(r"\((?:[^()]|\([^()]*\))*\)")
    korean = details.sub(lambda m: m.group() if re.search("[가-힣]", m.group()) else "", text)
    return re.findall(r"\b(?:the|a|an|of|in|was|did|not|and|is|its|it)\b", korean)


def test_a_test_held_because_a_check_broke_says_so_in_the_notebooks_language():
    """Why a test is held when the kernel broke the integrity check or its channel (autograder/runner/tamper.py):
    every reason is a template, so a Korean page says it in Korean; the English says what broke, not "the notebook
    changed"."""
    from types import SimpleNamespace

    from autograder.runner import tamper
    from autograder.runner.worker import _findings

    reasons = []
    for result in (SimpleNamespace(status="timeout"), SimpleNamespace(status="dead"),
                   SimpleNamespace(status="ok", ename="", evalue=""),
                   SimpleNamespace(status="error", ename="AssertionError", evalue="N{not json")):
        with pytest.raises(tamper.CheckFailed) as err:
            tamper.read_report(result, "N")
        reasons.append(str(err.value))
    for reply in (None, {"nonce": "N", "status": "agent-error", "evalue": "NameError: x"}, {"nonce": "N"}):
        with pytest.raises(tamper.CheckFailed) as err:
            tamper.read_reply(SimpleNamespace(reply=reply), "N")
        reasons.append(str(err.value))
    assert len(set(reasons)) == len(reasons)
    for reason in reasons:
        found = _findings(SimpleNamespace(findings={"failed": reason}), {})
        assert found == {"why": None, "broken": reason, "died": None}
        note = M.TEST_HELD.format(reason=reason, changed_where=M.CHANGED_WHILE_TEST)
        assert "the notebook changed" not in note
        korean = M.localize(note, "ko")
        assert korean.startswith("아직 점수에 넣지 않음, 검토 대기: ") and not _english_left(korean), korean
        held = M.localize(M.HELD.format(grade_id="ex1_test", reason=reason, changed_where=""), "ko")
        assert held.startswith("테스트 ex1_test 이후 검토 대기: ") and not _english_left(held), held
