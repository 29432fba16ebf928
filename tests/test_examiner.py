"""The examiner (autograder/runner/examiner/): test code runs outside the learner's interpreter, on plain data.

These tests drive it in one process through `LocalLink`, which runs the learner's operations on a namespace through
the same JSON round trip a kernel's messages take; tests/test_autograder_tamper.py grades whole notebooks with it.
"""

import json
import linecache
import warnings

import numpy as np
import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import keras
    import tensorflow as tf

from autograder.runner.examiner import codec
from autograder.runner.examiner.errors import LearnerError
from autograder.runner.examiner.handles import Handle
from autograder.runner.examiner.links import LocalLink
from autograder.runner.examiner.session import Examiner

ALIASES = {"np": np, "tf": tf, "keras": keras}


def learner(source: str) -> dict:
    namespace = {"np": np, "tf": tf, "keras": keras, "__name__": "__main__"}
    name = f"<learner cell {len(linecache.cache)}>"   # a kernel's cells are in linecache too
    linecache.cache[name] = (len(source), None, source.splitlines(keepends=True), name)
    exec(compile(source, name, "exec"), namespace)  # noqa: S102 -- the learner's notebook, in this test
    return namespace


def run(learner_source: str, test: str):
    examiner = Examiner(LocalLink(learner(learner_source)))
    return examiner.run_test("t", test, dict(ALIASES))


def test_a_tensor_comes_back_as_the_examiners_own_tensor():
    verdict = run("def f(n):\n    return tf.ones((2, n))\n",
                  "r = f(3)\nassert tf.is_tensor(r) and r.dtype == tf.float32 and tuple(r.shape) == (2, 3)\n"
                  "assert type(r).__module__.startswith('tensorflow')\nnp.testing.assert_array_equal(r.numpy(), 1)\n")
    assert verdict.status == "ok", verdict


def test_the_tests_assertion_keeps_its_message():
    verdict = run("def f(n):\n    return tf.zeros((2, n))\n", "assert np.all(f(2).numpy() == 1), 'all ones'\n")
    assert (verdict.status, verdict.origin, verdict.evalue) == ("error", "assertion", "all ones")


def test_a_variable_changed_in_place_by_the_learner_through_a_kernel_helper():
    source = ("def swap_rows(v, i, j):\n    a, b = tf.identity(v[i]), tf.identity(v[j])\n"
              "    v[i].assign(b)\n    v[j].assign(a)\n    return v\n")
    test = ("def _ex3_kernel_variable(initial):\n    return tf.Variable(initial)\n\n"
            "v = _ex3_kernel_variable(np.array([[1.0], [2.0]], dtype=np.float32))\n"
            "returned = swap_rows(v, 0, 1)\nassert returned is v\n"
            "np.testing.assert_array_equal(v.numpy(), [[2.0], [1.0]])\nassert tf.is_tensor(v.numpy()) is False\n")
    assert run(source, test).status == "ok"


def test_a_learner_class_is_an_instance_of_its_library_class_and_keeps_its_name():
    source = ("class Net(keras.Model):\n    def __init__(self):\n        super().__init__()\n"
              "        self.d = keras.layers.Dense(2)\n    def call(self, x):\n        return self.d(x)\n")
    test = ("m = Net()\nassert isinstance(m, keras.Model) and m.__class__.__name__ == 'Net'\n"
            "out = m(np.ones((3, 4), dtype='float32'))\nassert tuple(out.shape) == (3, 2)\n"
            "assert m.count_params() == 10\nassert len(m.layers) == 1\n")
    assert run(source, test).status == "ok"


def test_a_learners_exception_is_the_builtin_type_with_where_it_was_raised():
    source = "def f():\n    raise NotImplementedError()\n"
    test = ("try:\n    f()\nexcept NotImplementedError as err:\n"
            "    assert err.learner_site['qualname'] == 'f' and err.learner_site['notebook']\nelse:\n    raise AssertionError\n")
    assert run(source, test).status == "ok"
    verdict = run("def f(x):\n    return x[5]\n", "f([1])\n")
    assert (verdict.origin, verdict.ename, verdict.line) == ("student", "IndexError", "return x[5]")


def test_an_object_that_equals_anything_does_not_pass_a_comparison():
    source = "class Yes:\n    def __eq__(self, o):\n        return True\n    __hash__ = None\ndef f():\n    return Yes()\n"
    assert run(source, "assert f() == 3\n").origin == "assertion"
    source = "class A(np.ndarray):\n    def __eq__(self, o):\n        return np.True_\ndef f():\n    return np.ones(2).view(A)\n"
    verdict = run(source, "np.testing.assert_array_equal(np.asarray(f()), [5, 5])\n")
    assert verdict.origin == "assertion", verdict


def test_the_learner_cannot_shadow_the_tests_builtins_or_libraries():
    source = "def abs(x):\n    return 0\nnp = None\ndef f():\n    return -2\n"
    assert run(source, "assert abs(f()) == 2 and np.abs(f()) == 2\n").status == "ok"


def test_a_name_the_learner_did_not_define_is_a_name_error_inside_the_test():
    verdict = run("", "missing_function(1)\n")
    assert (verdict.origin, verdict.ename) == ("test", "NameError")
    assert run("X = 'a'\n", "assert globals().get('X') == 'a' and globals().get('Y') is None\n").status == "ok"


def test_a_kernel_helpers_assertion_is_the_tests_own_message():
    test = ("def _ex1_kernel_probe():\n    def f(x):\n        assert x > 0, 'f takes positive numbers'\n"
            "        return x\n    return f\n\napply_it(_ex1_kernel_probe(), -1)\n")
    verdict = run("def apply_it(f, x):\n    return f(x)\n", test)
    assert (verdict.origin, verdict.evalue) == ("assertion", "f takes positive numbers")
    verdict = run("def apply_it(f, x):\n    assert False, 'mine'\n", test)
    assert verdict.origin == "student"


def test_a_kernel_helper_inside_a_hidden_test_is_refused():
    test = "### BEGIN HIDDEN TESTS\ndef kernel_secret():\n    return 1\n### END HIDDEN TESTS\n"
    assert run("", test).origin == "test"


@pytest.mark.parametrize("sent", [
    {"$": "array", "dtype": "|O", "shape": [1], "b64": "AAAAAAAAAAA="},
    {"$": "array", "dtype": "<f8", "shape": [3], "b64": "AAAAAAAAAAA="},
    {"$": "pickle", "v": "gASVAAAA"},
    {"$": "float", "v": "1e308"},
    {"$": "dict", "v": [[[1, 2], 3]]},
    {"$": "module", "name": "os_not_imported_here"},
])
def test_the_decoder_refuses_what_is_not_plain_data(sent):
    with pytest.raises(codec.DecodeError):
        codec.decode(sent, lambda *a: None)


def test_a_kernel_that_changes_its_encoder_is_a_protocol_finding():
    class Forging(LocalLink):
        def request(self, payload):
            return {"value": {"$": "pickle", "v": "x"}}
    verdict = Examiner(Forging(learner(""))).run_test("t", "f = anything\n", dict(ALIASES))
    assert verdict.origin == "protocol"


def test_arguments_round_trip_as_data():
    seen = {}
    namespace = learner("def f(*a, **k):\n    seen.update(a=a, k=k)\n    return a\n")
    namespace["seen"] = seen
    verdict = Examiner(LocalLink(namespace)).run_test(
        "t", "r = f(1, (2.5, float('nan')), {'k': np.arange(3)}, tf.constant([1, 2]), x=np.float32(2))\n"
             "assert isinstance(r, tuple) and r[0] == 1 and np.isnan(r[1][1])\n", dict(ALIASES))
    assert verdict.status == "ok", verdict
    assert isinstance(seen["a"][3], tf.Tensor) and seen["k"]["x"].dtype == np.float32
    json.dumps(codec.encode((1, [2]), lambda v: None))


def test_placeholders_and_scalars_keep_their_kind():
    source = "GUESS = {(3, 1): ...}\ndef f():\n    return tf.constant(2.0)\n"
    test = ("assert GUESS[(3, 1)] is ...\nr = f()\nassert tf.is_tensor(r) and r.shape.rank == 0 and float(r) == 2.0\n"
            "assert isinstance(np.float32(1) * 2, np.float32)\n")
    assert run(source, test).status == "ok"


def test_numpy_strings_are_data():
    source = "NAMES = np.array(['MedInc', 'AveRooms'])\nPICK = NAMES[0]\n"
    test = ("assert PICK == 'MedInc' and isinstance(PICK, str)\n"
            "assert NAMES.tolist() == ['MedInc', 'AveRooms'] and NAMES.dtype.kind == 'U'\n")
    assert run(source, test).status == "ok"


def test_dtypes_and_shapes_are_data_and_a_variable_never_reaches_tensorflows_cpp():
    """A learner's tf.Variable stays a handle (a test may change it in place) that claims no TensorFlow class:
    TensorFlow's C++ would read a handle passed as one of its variables by its memory layout and crash the grader.
    Its dtype and shape are data and compare as in a notebook; it is a tensor to `tf.is_tensor`, as in a notebook,
    and TensorFlow ops take it by value."""
    source = ("def f():\n    return tf.Variable([1.0, 2.0])\ndef g(dtype, shape):\n    return tf.zeros(shape, dtype)\n"
              "def k():\n    return keras.Variable([[1.0, 2.0]])\n")
    test = ("r = f()\nassert r.dtype == tf.float32 and r.shape == (2,) and r.shape.rank == 1\n"
            "assert not isinstance(r, tf.Variable) and r.__class__.__name__ == 'ResourceVariable'\n"
            "assert tf.is_tensor(r) and float(tf.reduce_sum(r)) == 3.0 and tf.is_tensor(tf.convert_to_tensor(r))\n"
            "np.testing.assert_allclose(tf.square(r) + r, [2, 6])\nassert (r * 2).numpy().tolist() == [2, 4]\n"
            "np.testing.assert_allclose(np.asarray(r), [1, 2])\nassert g(tf.int32, (2, 3)).dtype == tf.int32\n"
            "assert np.asarray(r).dtype == np.dtype('float32') and g(np.dtype('float64'), (1,)).dtype == tf.float64\n"
            "try:\n    tf.convert_to_tensor(r, dtype=tf.int32)\nexcept (TypeError, ValueError):\n    pass\n"
            "else:\n    raise AssertionError('a float variable converted to int32')\n"
            "v = k()\nassert tf.is_tensor(v) and tf.matmul(v, tf.ones((2, 1))).numpy().tolist() == [[3.0]]\n"
            "assert not tf.is_tensor(g) and keras.ops.convert_to_numpy(keras.ops.sum(v)) == 3.0\n")
    verdict = run(source, test)
    assert verdict.status == "ok", verdict
    forged = "class Fake:\n    __module__ = 'tensorflow.python.ops.resource_variable_ops'\n    __qualname__ = 'ResourceVariable'\n"
    verdict = run(forged + "def f():\n    return Fake()\n", "tf.reduce_sum(f())\n")
    assert verdict.status == "error"
    # a class that names itself TensorFlow's tensor is taken by value like a variable: only its data reach TensorFlow
    forged = ("class Fake:\n    __module__ = 'tensorflow.python.types.core'\n    __qualname__ = 'Tensor'\n"
              "    def __array__(self, dtype=None, copy=None):\n        return np.array([1.0, 2.0])\n")
    verdict = run(forged + "def f():\n    return Fake()\n",
                  "assert tf.is_tensor(f()) and float(tf.reduce_sum(f())) == 3.0\n")
    assert verdict.status == "ok", verdict


@pytest.mark.parametrize("sent", [{"$": "tfdtype", "name": "no_such"}, {"$": "tfshape", "dims": [-1]},
                                  {"$": "npdtype", "str": "|O"}])
def test_the_decoder_refuses_malformed_dtypes_and_shapes(sent):
    with pytest.raises(codec.DecodeError):
        codec.decode(sent, lambda *a: None)


def test_a_handle_reports_the_library_type_of_a_learner_object():
    examiner = Examiner(LocalLink(learner("layer = keras.layers.Dense(3)\n")))
    layer = examiner.global_("layer")
    assert type(layer) is Handle and isinstance(layer, keras.layers.Dense) and not isinstance(layer, keras.Model)
    with pytest.raises(LearnerError):
        layer.no_such_attribute  # noqa: B018


@pytest.mark.parametrize("answer", [{"value": {"$": "pickle", "v": "x"}}, {}, ["value"]])
def test_a_protocol_finding_is_said_in_the_notebooks_language(answer):
    """The examiner's reasons for a protocol finding are the grader's templates (autograder/messages.py): a Korean
    feedback page gives them in Korean (the decoder's technical detail in parentheses aside)."""
    import re

    from autograder import messages as M

    class Forging(LocalLink):
        def request(self, payload):
            return answer
    verdict = Examiner(Forging(learner(""))).run_test("t", "f = anything\n", dict(ALIASES))
    assert verdict.origin == "protocol"
    korean = M.localize(M.TEST_HELD.format(reason=verdict.evalue, changed_where=""), "ko")
    assert korean.startswith("아직 점수에 넣지 않음, 검토 대기: 학습자 커널이 "), korean
    assert not re.findall(r"\b(?:the|of|an|not|and|no)\b", re.sub(r"\(.*\)$", "", korean)), korean
