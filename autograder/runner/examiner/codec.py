"""The examiner's strict decoder of what the learner's kernel sends, and the encoder of the test's arguments.

What comes from the kernel is untrusted: the learner's code shares that interpreter and can change the encoder there
(autograder/runner/examiner/learner.py). So the decoder accepts only plain data, checks every part of it, and builds
the values itself: bool, int, float, str, None; lists, tuples and dicts of those; NumPy arrays and scalars of numeric
and bool dtypes (from bytes, never from a pickle); tensors, rebuilt as the examiner's own `tf.constant`; a module
the examiner has imported itself, by name; and handles to other learner objects. No class of the learner's is ever
instantiated here and no method of the learner's (`__eq__`, `__bool__`, `__array__`, `__float__`) runs here.
"""

from __future__ import annotations

import base64
import binascii
import math
import sys

import numpy as np

MAX_DEPTH = 32
MAX_BYTES = 1 << 30            # one array's data; the kernel's message limit is far below
ARRAY_KINDS = "biufcU"          # numbers, bools and fixed-width strings (np.str_ too): never objects
PLAIN = (bool, int, float, str, type(None))


class DecodeError(ValueError):
    """The kernel sent something that is not plain data: the learner's code changed the encoder."""


def decode(value, handle_of, depth: int = 0):
    """Plain data from a message of the kernel's; `handle_of(record)` makes a handle of a handle record."""
    if depth > MAX_DEPTH:
        raise DecodeError("nested too deeply")
    kind = type(value)
    if kind in PLAIN:
        return value
    if kind is list:
        return [decode(v, handle_of, depth + 1) for v in value]
    if kind is not dict:
        raise DecodeError(f"unexpected {kind.__name__}")
    tag = value.get("$")
    if tag == "tuple":
        return tuple(decode(v, handle_of, depth + 1) for v in _list(value, "v"))
    if tag == "dict":
        pairs = [_pair(p) for p in _list(value, "v")]
        return {_key(decode(k, handle_of, depth + 1)): decode(v, handle_of, depth + 1) for k, v in pairs}
    if tag == "float":
        return _float(value.get("v"))
    if tag == "ellipsis":
        return Ellipsis
    if tag in ("array", "scalar", "tensor"):
        return _array(value)
    if tag == "module":
        return _module(value.get("name"))
    if tag in ("tfdtype", "tfshape", "npdtype"):
        return _described(tag, value)
    if tag == "handle":
        number, types = value.get("id"), _list(value, "types")
        if type(number) is not int or not all(type(t) is str and len(t) < 500 for t in types) or len(types) > 64:
            raise DecodeError("malformed handle")
        return handle_of(number, tuple(types))
    raise DecodeError(f"unknown tag {tag!r}")


def _list(value: dict, key: str) -> list:
    items = value.get(key)
    if type(items) is not list:
        raise DecodeError(f"{key} is not a list")
    return items


def _pair(pair) -> tuple:
    if type(pair) is not list or len(pair) != 2:
        raise DecodeError("a dict entry is not a pair")
    return pair[0], pair[1]


def _key(key):
    try:
        hash(key)                # only plain data gets here: its hash is Python's own
    except TypeError:
        raise DecodeError("a dict key that cannot be hashed") from None
    return key


def _float(text) -> float:
    if text not in ("nan", "inf", "-inf"):
        raise DecodeError("a float tag holds no special value")
    return float(text)


def _array(value: dict):
    dtype_text, shape, data = value.get("dtype"), value.get("shape"), value.get("b64")
    if type(dtype_text) is not str or type(shape) is not list or type(data) is not str:
        raise DecodeError("malformed array")
    if not all(type(n) is int and n >= 0 for n in shape) or len(shape) > 32:
        raise DecodeError("malformed shape")
    try:
        dtype = np.dtype(dtype_text)
    except TypeError:
        raise DecodeError(f"unknown dtype {dtype_text!r}") from None
    if dtype.kind not in ARRAY_KINDS or dtype.hasobject or dtype.fields is not None or dtype.subdtype is not None:
        raise DecodeError(f"dtype {dtype_text!r} is not plain numbers")
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise DecodeError("array data is not base64") from None
    if len(raw) > MAX_BYTES or len(raw) != math.prod(shape) * dtype.itemsize:
        raise DecodeError("array data does not match its shape")
    array = np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    if value["$"] == "scalar":
        if shape:
            raise DecodeError("a scalar with a shape")
        return array[()]
    if value["$"] == "tensor":
        return _tensor(array)
    return array


def _tensor(array: np.ndarray):
    tf = sys.modules.get("tensorflow")
    if tf is None:                 # the examiner imports what the chapter imports: no TensorFlow, no tensors
        raise DecodeError("a tensor, but the examiner has no TensorFlow")
    return tf.constant(array)


def _described(tag: str, value: dict):
    """A dtype or a shape, rebuilt by the examiner from its name or its dimensions."""
    tf = sys.modules.get("tensorflow")
    try:
        if tag == "npdtype" and type(value.get("str")) is str:
            dtype = np.dtype(value["str"])
            if dtype.kind in ARRAY_KINDS and not dtype.hasobject and dtype.fields is None:
                return dtype
        if tag == "tfdtype" and tf is not None and type(value.get("name")) is str:
            return tf.as_dtype(value["name"])
        dims = value.get("dims")
        if tag == "tfshape" and tf is not None and (dims is None or type(dims) is list and len(dims) <= 32 and all(
                d is None or type(d) is int and d >= 0 for d in dims)):
            return tf.TensorShape(dims)
    except (TypeError, ValueError):
        pass
    raise DecodeError(f"malformed {tag}")


def _module(name):
    module = sys.modules.get(name) if type(name) is str else None
    if module is None:
        raise DecodeError(f"module {name!r} is not imported by the examiner")
    return module


# ------------------------------------------------------------------------------------------ arguments to the kernel

def encode(value, number_of, depth: int = 0):
    """A test's argument for the kernel: plain data as `decode` reads it, a handle by its number (`number_of`)."""
    if depth > MAX_DEPTH:
        raise TypeError("an argument nested too deeply to send to the learner's code")
    kind = type(value)
    if value is Ellipsis:
        return {"$": "ellipsis"}
    if kind is float and not math.isfinite(value):
        return {"$": "float", "v": repr(value)}
    if kind in PLAIN:
        return value
    if kind is list:
        return [encode(v, number_of, depth + 1) for v in value]
    if kind is tuple:
        return {"$": "tuple", "v": [encode(v, number_of, depth + 1) for v in value]}
    if kind is dict:
        return {"$": "dict", "v": [[encode(k, number_of, depth + 1), encode(v, number_of, depth + 1)]
                                   for k, v in value.items()]}
    number = number_of(value)
    if number is not None:
        return {"$": "handle", "id": number}
    described = _describe(value)
    if described is not None:
        return described
    if isinstance(value, (np.ndarray, np.generic)) or _is_eager_tensor(value):
        tag = "array" if isinstance(value, np.ndarray) else "scalar" if isinstance(value, np.generic) else "tensor"
        array = np.array(value, order="C")      # (ascontiguousarray would make a 0-d array 1-d)
        if array.dtype.kind not in ARRAY_KINDS:
            raise TypeError(f"an array of dtype {array.dtype} cannot be sent to the learner's code")
        return {"$": tag, "dtype": array.dtype.str, "shape": list(array.shape),
                "b64": base64.b64encode(array.tobytes()).decode()}
    if type(value) is type(sys) and sys.modules.get(value.__name__) is value:
        return {"$": "module", "name": value.__name__}
    raise TypeError(f"a {kind.__name__} made by the test cannot be sent to the learner's code: build it in the "
                    "learner's kernel (a kernel_ helper, docs/authoring.md)")


def _describe(value):
    tf = sys.modules.get("tensorflow")
    if tf is not None and isinstance(value, tf.dtypes.DType):
        return {"$": "tfdtype", "name": value.name}
    if tf is not None and isinstance(value, tf.TensorShape):
        return {"$": "tfshape", "dims": None if value.rank is None else value.as_list()}
    if isinstance(value, np.dtype):
        return {"$": "npdtype", "str": value.str}
    return None


def _is_eager_tensor(value) -> bool:
    tf = sys.modules.get("tensorflow")
    return tf is not None and type(value).__name__ == "EagerTensor" and hasattr(value, "numpy")
