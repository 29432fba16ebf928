"""The learner's side of the examiner: operations on the learner's objects, run *inside* the learner's kernel.

Like the agent (autograder/runner/kernel_agent.py), this module is never imported inside the sandbox: its source is
sent to the kernel and compiled into a private namespace, so it imports nothing of the course. The examiner (outside
the sandbox) asks for one operation at a time — read a global, an attribute or an item, call, iterate, convert to an
array — and gets back what `encode` makes of the result: plain data (numbers, strings, NumPy arrays and scalars,
tensors as their values, lists, tuples and dicts of those), or a *handle*, the number under which the object is kept
here, with the names of its classes. A learner's exception comes back as data too: its classes' names, its text
(cut) and where it was raised.

Nothing here is trusted: the learner's code shares this interpreter and may change any of it. What the examiner
receives is decoded strictly there (autograder/runner/examiner/codec.py), so the worst a changed encoder can do is
send other plain data, which is what a learner function computing a wrong (or a right) answer can do anyway.
"""

import base64
import builtins
import sys

B = builtins
MAX_TEXT = 2000          # characters of an exception's text or a repr sent back
MAX_ITEMS = 100000       # items of a list, tuple or dict sent as data
PLAIN = (bool, int, float, str, type(None))


class Ops:
    """The objects the examiner holds handles to, and the operations it may ask for."""

    def __init__(self, namespace: dict):
        self.namespace = namespace          # the notebook's globals
        self.objects: dict = {}             # handle -> object
        self.numbers: dict = {}             # id(object) -> handle, so the same object keeps its handle

    # ------------------------------------------------------------------------------------------ handles
    def keep(self, obj) -> dict:
        number = self.numbers.get(B.id(obj))
        if number is None or self.objects.get(number) is not obj:
            number = B.len(self.objects) + 1
            self.objects[number], self.numbers[B.id(obj)] = obj, number
        return {"$": "handle", "id": number, "types": type_names(obj)}

    def get(self, value):
        """An argument from the examiner: plain data, or a handle to one of the objects kept here."""
        kind = B.type(value)
        if kind is list:
            return [self.get(v) for v in value]
        if kind is not dict:
            return value
        tag = value.get("$")
        if tag == "handle":
            return self.objects[value["id"]]
        if tag == "tuple":
            return B.tuple(self.get(v) for v in value["v"])
        if tag == "dict":
            return {self.get(k): self.get(v) for k, v in value["v"]}
        if tag == "float":
            return B.float(value["v"])
        if tag == "ellipsis":
            return Ellipsis
        if tag in ("array", "scalar", "tensor"):
            return array_from(value)
        if tag == "tfdtype":
            return sys.modules["tensorflow"].as_dtype(value["name"])
        if tag == "tfshape":
            return sys.modules["tensorflow"].TensorShape(value["dims"])
        if tag == "npdtype":
            return sys.modules["numpy"].dtype(value["str"])
        if tag == "module":
            return sys.modules[value["name"]]
        raise ValueError("unknown tag %r" % (tag,))

    # ------------------------------------------------------------------------------------------ encoding
    def encode(self, obj, depth: int = 0):
        kind = B.type(obj)
        if kind in PLAIN:
            if kind is float and not (-1.8e308 < obj < 1.8e308):     # nan and the infinities (not JSON)
                return {"$": "float", "v": B.repr(obj)}
            return obj
        if obj is Ellipsis:             # an exercise's placeholder ("fill in the ...")
            return {"$": "ellipsis"}
        if depth > 20:
            return self.keep(obj)
        if kind in (list, tuple) and B.len(obj) <= MAX_ITEMS:
            items = [self.encode(v, depth + 1) for v in obj]
            return items if kind is list else {"$": "tuple", "v": items}
        if kind is dict and B.len(obj) <= MAX_ITEMS:
            return {"$": "dict", "v": [[self.encode(k, depth + 1), self.encode(v, depth + 1)] for k, v in obj.items()]}
        described = describe(obj)
        if described is not None:
            return described
        module = sys.modules.get(getattr_static(obj, "__name__")) if kind is type(sys) else None
        if module is obj:
            return {"$": "module", "name": obj.__name__}
        data = array_data(obj)
        return data if data is not None else self.keep(obj)

    # ------------------------------------------------------------------------------------------ operations
    def run(self, request: dict):
        """One operation; returns {"value": ...} or {"error": ...}. Quiet, as a test cell is (docs/authoring.md): no
        warnings and no TensorFlow log lines while it runs, the notebook's own settings back afterwards."""
        import logging
        import warnings
        logger = logging.getLogger("tensorflow") if "tensorflow" in sys.modules else None
        level = logger.level if logger is not None else None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if logger is not None:
                    logger.setLevel(logging.ERROR)
                return {"value": self.encode(self.apply(request))}
        except BaseException as err:          # the learner's error, or this kernel interrupted: reported as data
            return {"error": error_record(err, self.namespace)}
        finally:
            if logger is not None:
                logger.setLevel(level)

    def apply(self, request: dict):
        op, target = request["op"], request.get("target")
        obj = self.objects[target] if target is not None else None
        if op == "global":
            name = request["name"]
            if name not in self.namespace:
                raise NameError("name %r is not defined" % name)
            return self.namespace[name]
        if op == "define":                   # a helper that runs here (visible code of a helpers cell), as in a notebook
            exec(compile(request["source"], "<helpers %s>" % request["name"], "exec"), self.namespace)
            return self.namespace[request["name"]]
        return self.apply_to(obj, op, request)

    def apply_to(self, obj, op: str, request: dict):
        args = [self.get(a) for a in request.get("args", [])]
        kwargs = {k: self.get(v) for k, v in request.get("kwargs", {}).items()}
        if op == "call":
            return obj(*args, **kwargs)
        if op == "getattr":
            return getattr(obj, request["name"])
        if op == "setattr":
            return setattr(obj, request["name"], args[0])
        if op == "getitem":
            return obj[args[0]]
        if op == "setitem":
            obj[args[0]] = args[1]
            return None
        if op == "len":
            return len(obj)
        if op == "iter":
            return [v for _, v in zip(range(MAX_ITEMS + 1), obj)]
        if op == "contains":
            return args[0] in obj
        if op == "bool":
            return bool(obj)
        if op in ("str", "repr"):
            text = str(obj) if op == "str" else repr(obj)
            return text[:MAX_TEXT] if B.type(text) is str else "?"
        if op == "array":
            import numpy
            return numpy.array(obj)
        if op == "binop":                    # obj <op> other, as Python would: a learner object on either side
            import operator
            return getattr(operator, request["name"])(*([obj] + args if not request.get("reflected")
                                                         else args + [obj]))
        raise ValueError("unknown operation %r" % (op,))


def describe(obj):
    """A dtype or a shape (TensorFlow's or NumPy's) as data: tests compare them (`r.dtype == tf.float32`)."""
    kind = B.type(obj)
    module = B.type.__getattribute__(kind, "__module__")
    if module.startswith("tensorflow") and kind.__name__ == "DType":
        return {"$": "tfdtype", "name": B.str(obj.name)}
    if module.startswith("tensorflow") and kind.__name__ == "TensorShape":
        return {"$": "tfshape", "dims": None if obj.rank is None else [None if d is None else B.int(d)
                                                                         for d in obj.as_list()]}
    numpy = sys.modules.get("numpy")
    if numpy is not None and kind.__module__ == "numpy" and isinstance(obj, numpy.dtype) \
            and obj.kind in ARRAY_KINDS and not obj.hasobject and obj.fields is None:
        return {"$": "npdtype", "str": obj.str}
    return None


def getattr_static(obj, name):
    try:
        return B.object.__getattribute__(obj, name)
    except Exception:
        return None


def type_names(obj) -> list:
    """module.qualname of every class in the object's MRO (the examiner resolves library classes by name)."""
    names = []
    for cls in B.type.__getattribute__(B.type(obj), "__mro__"):
        module = B.type.__getattribute__(cls, "__module__")
        qualname = B.type.__getattribute__(cls, "__qualname__")
        names.append("%s:%s" % (module if B.type(module) is str else "",
                                qualname if B.type(qualname) is str else "?"))
    return names


ARRAY_KINDS = "biufcU"          # numbers, bools and fixed-width strings (np.str_ too): never objects


def array_data(obj):
    """A NumPy array or scalar, or an eager tensor, as data; None for anything else (it becomes a handle)."""
    numpy = sys.modules.get("numpy")
    if numpy is None:
        return None
    tag = None
    if B.type(obj) is numpy.ndarray:
        tag, values = "array", obj
    elif isinstance(obj, numpy.generic) and B.type(obj).__module__ == "numpy":
        tag, values = "scalar", numpy.asarray(obj)
    else:
        tf = sys.modules.get("tensorflow")
        if tf is not None and B.type(obj).__name__ == "EagerTensor" and B.type(obj).__module__.startswith("tensorflow"):
            tag, values = "tensor", obj.numpy()
            values = numpy.asarray(values)
    if tag is None or values.dtype.kind not in ARRAY_KINDS or values.dtype.hasobject:
        return None
    values = numpy.array(values, order="C")     # (ascontiguousarray would make a 0-d array 1-d)
    return {"$": tag, "dtype": values.dtype.str, "shape": [B.int(n) for n in values.shape],
            "b64": base64.b64encode(values.tobytes()).decode()}


def array_from(value):
    """The examiner's arguments: arrays, scalars and tensors as the test built them."""
    import numpy
    values = numpy.frombuffer(base64.b64decode(value["b64"]), dtype=numpy.dtype(value["dtype"]))
    values = values.reshape(value["shape"]).copy()
    if value["$"] == "scalar":
        return values[()]
    if value["$"] == "tensor":
        return sys.modules["tensorflow"].constant(values)
    return values


def error_record(err, namespace: dict, depth: int = 0) -> dict:
    """What the examiner learns of an exception: class names, text (cut), the function that raised it, and the
    exception it was raised while handling (Keras raises a layer's NotImplementedError again with more text)."""
    try:
        text = B.str(err)
        text = text[:MAX_TEXT] if B.type(text) is str else ""
    except BaseException:
        text = ""
    tb, site = err.__traceback__, None
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is not None:
        code = tb.tb_frame.f_code
        try:
            import linecache
            line = linecache.getline(code.co_filename, tb.tb_lineno).strip()[:300]
        except BaseException:
            line = ""
        site = {"qualname": B.str(getattr(code, "co_qualname", code.co_name)), "name": B.str(code.co_name),
                "notebook": tb.tb_frame.f_globals is namespace, "line": line,
                "helper": B.str(code.co_filename).startswith("<helpers ")}
    err.__traceback__ = None
    record = {"types": type_names(err), "text": text, "site": site}
    context = err.__context__
    if context is not None and depth < 4:
        record["context"] = error_record(context, namespace, depth + 1)
    return record
