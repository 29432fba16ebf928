"""Handles: the examiner's stand-ins for objects that live in the learner's kernel.

A test cell run by the examiner sees the learner's functions, models and variables as handles. Using one the way
Python code uses any object — reading an attribute, calling it, indexing, iterating, `len`, `np.asarray`, `float`,
`isinstance` — becomes one operation in the learner's kernel (autograder/runner/examiner/learner.py), whose result
comes back as plain data or as another handle. Comparing, asserting and deciding happen here, on that data.

`isinstance(handle, keras.Model)` works through `__class__`: it names the learner object's classes, and the first one
the examiner can find among the modules it imported itself (a library class, never one of TensorFlow's) stands for it; a class of the learner's
is rebuilt here as an empty subclass of that library class under the learner's name, so `h.__class__.__name__`
reads as in the kernel. `type(h)` is `Handle`: tests use `h.__class__` (docs/authoring.md).

A learner's variable (`tf.Variable`, `keras.Variable`: a `tf.Tensor` to TensorFlow) is a `TensorHandle`: it stays in
the kernel (a test may change it in place), `tf.is_tensor` says True for it as for the variable itself, and
TensorFlow's functions take it by value (`__tf_tensor__`, TensorFlow's own protocol for tensor-like classes), as the
examiner's own tensor decoded from the variable's values.
"""

from __future__ import annotations

import builtins
import sys

from autograder import messages as M
from autograder.runner.examiner.errors import LearnerError

_OBJECT_ATTRS = frozenset({"_examiner", "_number", "_types"})
_DATA_DUNDERS = frozenset({"__name__", "__qualname__", "__module__", "__doc__"})   # read as plain data


def resolve_class(name: str):
    """The examiner's own class for "module:qualname", or None (not imported here, or not a class)."""
    module_name, _, qualname = name.partition(":")
    obj = sys.modules.get(module_name)
    for part in qualname.split(".") if obj is not None else ():
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj if isinstance(obj, type) else None


_STAND_INS: dict[tuple[str, ...], type] = {}


def stand_in_class(types: tuple[str, ...]) -> type:
    """The class a handle to an object of these classes reports (see the module's docstring)."""
    known = _STAND_INS.get(types)
    if known is not None:
        return known
    found, own = object, []
    for name in types:
        cls = resolve_class(name)
        # never a TensorFlow class: TensorFlow's C++ takes an object that passes isinstance for one of its own (a
        # variable) by its memory layout, and a handle (or a learner class claiming that name) would crash the grader
        if cls is not None and cls is not object and not cls.__module__.startswith("tensorflow"):
            found = cls
            break
        own.append(name.partition(":")[2].rpartition(".")[2])
    result = found
    if own and found is not object:
        try:
            result = type(own[0], (found,), {"__module__": "__main__", "__qualname__": own[0]})
        except TypeError:            # a library class that refuses subclasses: report it as it is
            result = found
    elif own:
        result = type(own[0], (), {"__module__": "__main__", "__qualname__": own[0]})
    _STAND_INS[types] = result
    return result


class Handle:
    """A learner object, kept in the learner's kernel under a number."""

    __slots__ = ("_examiner", "_number", "_types")

    def __init__(self, examiner, number: int, types: tuple[str, ...]):
        object.__setattr__(self, "_examiner", examiner)
        object.__setattr__(self, "_number", number)
        object.__setattr__(self, "_types", types)

    def _op(self, op: str, *args, **fields):
        return self._examiner.op(op, target=self._number, args=list(args), **fields)

    @property
    def __class__(self):
        return stand_in_class(self._types)

    def __getattr__(self, name: str):
        if name.startswith("__") and name.endswith("__") and name not in _DATA_DUNDERS:
            # Python's own protocols: only those defined below. NumPy's `__array_interface__` from the learner would
            # point NumPy at memory of this process, so no other dunder is ever read from the learner's object.
            raise AttributeError(name)
        return self._op("getattr", name=name)

    def __setattr__(self, name: str, value) -> None:
        if name in _OBJECT_ATTRS:
            raise AttributeError(name)
        self._op("setattr", value, name=name)

    def __call__(self, *args, **kwargs):
        return self._examiner.op("call", target=self._number, args=list(args), kwargs=kwargs)

    def __getitem__(self, key):
        return self._op("getitem", key)

    def __setitem__(self, key, value) -> None:
        self._op("setitem", key, value)

    def __len__(self) -> int:
        return _exactly(int, self._op("len"), "len()")

    def __iter__(self):
        return iter(_exactly(list, self._op("iter"), "iterating"))

    def __contains__(self, item) -> bool:
        return _exactly(bool, self._op("contains", item), "in")

    def __bool__(self) -> bool:
        return _exactly(bool, self._op("bool"), "bool()")

    def __str__(self) -> str:
        return _exactly(str, self._op("str"), "str()")

    def __repr__(self) -> str:
        return _exactly(str, self._op("repr"), "repr()")

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __array__(self, dtype=None, copy=None):
        import numpy as np
        values = self._op("array")
        if not isinstance(values, np.ndarray) or type(values) is not np.ndarray:
            raise TypeError("the learner's object does not convert to a NumPy array")
        return values.astype(dtype) if dtype is not None else values

    def __float__(self) -> float:
        return builtins.float(self.__array__())

    def __int__(self) -> int:
        return builtins.int(self.__array__())

    def __index__(self) -> int:
        return _exactly(int, self._op("binop", name="index"), "an index")

    def __hash__(self) -> int:
        return hash((id(self._examiner), self._number))

    # Equality is identity, as for any object: whether two values are equal is decided on their data, here, never
    # by an `__eq__` of the learner's (`np.asarray(h)`, `h.numpy()`). Ordering a learner object is not supported.
    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other


# TensorFlow's tensor class, as a learner object's class names include it (a variable's do): such a handle is a tensor
TENSOR_TYPES = frozenset({"tensorflow.python.types.core:Tensor"})


class TensorHandle(Handle):
    """A learner object that TensorFlow takes for a tensor (a variable), used by value in the examiner."""

    __slots__ = ()

    def is_tensor_like(self) -> bool:
        """`tf.is_tensor` answers True for an object with this method (TensorFlow's IsTensorLike protocol)."""
        return True

    def __tf_tensor__(self, dtype=None, name=None):
        import tensorflow as tf
        # a constant of the object's own dtype, then TensorFlow's conversion: a dtype it would refuse for the
        # variable (float32 asked as int32) is refused here too
        return tf.convert_to_tensor(tf.constant(self.__array__()), dtype=dtype, name=name)


def handle_for(examiner, number: int, types: tuple[str, ...]) -> Handle:
    """A handle of the right kind for a learner object of these classes."""
    kind = TensorHandle if TENSOR_TYPES.intersection(types) else Handle
    return kind(examiner, number, types)


def _binary(name: str, reflected: bool = False):
    def method(self, other):
        return self._op("binop", other, name=name, reflected=reflected)
    method.__name__ = f"__{'r' if reflected else ''}{name.rstrip('_')}__"
    return method


for _name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul"):
    setattr(Handle, f"__{_name}__", _binary(_name))
    setattr(Handle, f"__r{_name}__", _binary(_name, reflected=True))
for _name in ("neg", "pos", "abs"):
    setattr(Handle, f"__{_name}__", lambda self, _n=_name: self._op("binop", name=_n))


def _exactly(kind: type, value, what: str):
    if type(value) is not kind:
        raise LearnerError.protocol(M.PROTOCOL_WRONG_TYPE.format(what=what, got=type(value).__name__,
                                                                   expected=kind.__name__))
    return value
