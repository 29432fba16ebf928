"""What the audit runs: answers to one exercise (a grid of reasonable ones and plausible wrong ones)."""

import itertools
import re
from dataclasses import dataclass, field

# A threshold constant of a test cell: _EX3_MIN_ACCURACY (the figure must reach it), _EX4_MAX_MAE (stay below it).
THRESHOLD_NAME = re.compile(r"^_EX\d+_(MIN|MAX)_[A-Z0-9_]+$")


@dataclass(frozen=True)
class Answer:
    """One answer: the source that replaces the exercise's solution cell (and, before it, `before` cells).

    Unless `whole_cell`, the code the cell gives the learner before its solution block (data, constants) runs first,
    as in the learner's notebook."""
    name: str
    source: str
    right: bool
    before: dict[str, str] = field(default_factory=dict)     # other solution cells it needs: {grade_id: source}
    whole_cell: bool = False


@dataclass(frozen=True)
class Audit:
    """The answers one test cell is audited against."""
    chapter: str
    answer_cell: str                 # grade_id of the solution cell the answers replace
    answers: tuple[Answer, ...]
    margin: float                    # the distance every threshold keeps from the worst right and best wrong answer
    why: str = ""                    # what the threshold must tell apart, for the report

    @property
    def test_cell(self) -> str:
        return self.answer_cell + "_test"

    @property
    def id(self) -> str:
        return f"{self.chapter}:{self.test_cell}"


def grid(prefix: str, template: str, right: bool = True, **axes: dict[str, str]) -> list[Answer]:
    """Every combination of the axes' values filled into `template` (str.format fields named like the axes).

    grid("adam", SRC, optimizer={"adam": '"adam"', "sgd": '"sgd"'}, batch={"32": "32", "128": "128"})
    gives four answers named adam/optimizer=adam/batch=32, ..."""
    names = list(axes)
    out = []
    for combo in itertools.product(*(axes[n].items() for n in names)):
        label = ",".join(f"{n}={key}" for n, (key, _) in zip(names, combo))
        values = {n: value for n, (_, value) in zip(names, combo)}
        out.append(Answer(f"{prefix}[{label}]" if label else prefix, template.format(**values), right))
    return out


def wrong(name: str, source: str) -> Answer:
    return Answer(name, source, right=False)


def right(name: str, source: str) -> Answer:
    return Answer(name, source, right=True)


# The optimizers every audit of a learner-chosen optimizer covers (issue 24): each at the rate a learner would type.
OPTIMIZERS = {
    "adam": 'keras.optimizers.Adam()',
    "sgd": 'keras.optimizers.SGD()',                                   # plain SGD at its default rate, 0.01
    "sgd_momentum": 'keras.optimizers.SGD(learning_rate=0.01, momentum=0.9)',
    "rmsprop": 'keras.optimizers.RMSprop()',
    "nadam": 'keras.optimizers.Nadam()',
}
