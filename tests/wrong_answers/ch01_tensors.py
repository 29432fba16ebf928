"""Plausible wrong answers to chapter 1; each must lose exactly its exercise's points."""

WRONG_ANSWERS = [
    {"cell": "ex1_ones_over_zeros",   # rows stacked the wrong way round
     "source": "def ones_over_zeros(n):\n    return tf.stack([tf.zeros((n,)), tf.ones((n,))])\n",
     "message": "the first row must be all ones"},
    {"cell": "ex1_ones_over_zeros",   # hard-coded to the visible example
     "source": "def ones_over_zeros(n):\n    return tf.constant([[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]])\n",
     "message": "expected shape (2, 1) for n=1"},
    {"cell": "ex2_uniform_between",   # ignores low and high: always [0, 1)
     "source": "def uniform_between(shape, low, high):\n    return tf.random.uniform(shape)\n",
     "message": "mean should be about 0.000"},
    {"cell": "ex3_update_in_place",   # rebinding instead of assigning
     "source": ("def update_in_place(v):\n"
                "    v = v + 1\n"
                "    return v\n"),
     "message": "v was not changed in place"},
    {"cell": "ex4_pairwise_sq_distances",   # distances, not squared distances
     "source": ("def pairwise_sq_distances(a, b):\n"
                "    diff = a[:, None, :] - b[None, :, :]\n"
                "    return tf.sqrt(tf.reduce_sum(tf.square(diff), axis=-1))\n"),
     "message": "wrong squared distances"},
    {"cell": "ex5_root_mean_square",   # the original bug, left in place
     "source": "def root_mean_square(x):\n    return tf.sqrt(tf.reduce_mean(tf.squard(x)))\n",
     "message": "has no attribute 'squard'"},
]

# Added with issue 12: each answer below passed the tests before they checked what the task asks.
WRONG_ANSWERS += [
    {"cell": "ex2_uniform_between",   # reseeds inside the function: every call returns the same draws
     "source": ("def uniform_between(shape, low, high):\n"
                "    return tf.random.stateless_uniform(shape, seed=(1, 2), minval=low, maxval=high)\n"),
     "message": "draw new random numbers on every call"},
    {"cell": "ex3_update_in_place",   # a scalar assign_add on the whole variable
     "source": ("def update_in_place(v):\n"
                "    v[0, 0].assign(3.0)\n"
                "    v.assign_add(1.0)\n"
                "    v[:, 1].assign(0.0)\n"
                "    return v\n"),
     "message": "need a value of its full shape"},
    {"cell": "ex4_pairwise_sq_distances",   # a Python loop over the rows (the task forbids it)
     "source": ("def pairwise_sq_distances(a, b):\n"
                "    rows = []\n"
                "    for i in range(a.shape[0]):\n"
                "        rows.append(tf.reduce_sum(tf.square(a[i] - b), axis=-1))\n"
                "    return tf.stack(rows)\n"),
     "message": "not a Python loop over the rows"},
    {"cell": "ex4_pairwise_sq_distances",   # NumPy result where a tensor is asked
     "source": ("def pairwise_sq_distances(a, b):\n"
                "    a, b = np.asarray(a), np.asarray(b)\n"
                "    return ((a[:, None, :] - b[None, :, :]) ** 2).sum(axis=-1)\n"),
     "message": "return a TensorFlow tensor"},
    {"cell": "ex4_pairwise_sq_distances",   # broadcasting along the wrong axes: a shape error explained
     "source": ("def pairwise_sq_distances(a, b):\n"
                "    return tf.reduce_sum(tf.square(a[:, None, :] - b[:, None, :]), axis=-1)\n"),
     "message": "Expected a result of shape (2, 3)"},
    {"cell": "ex6_find_out",   # NumPy habits: float64 for Python floats, and (2, 3) + (2,) assumed to broadcast
     "source": ("BROADCAST_SHAPES = {((3, 1), (1, 4)): (3, 4), ((2, 3), (3,)): (2, 3), ((2, 3), (2,)): (2, 3),\n"
                "                    ((4, 1, 3), (5, 1)): (4, 5, 3)}\n"
                "DTYPES = {'tf.constant([1.5, 2.5])': 'float32', 'tf.constant(np.arange(3))': 'int64',\n"
                "          'tf.constant(np.ones(2))': 'float64', 'tf.constant([1, 2]) / 2': 'float64'}\n"),
     "message": "raises an error (write None)"},
    {"cell": "ex6_find_out",   # guessed dtypes
     "source": ("BROADCAST_SHAPES = {((3, 1), (1, 4)): (3, 4), ((2, 3), (3,)): (2, 3), ((2, 3), (2,)): None,\n"
                "                    ((4, 1, 3), (5, 1)): (4, 5, 3)}\n"
                "DTYPES = {'tf.constant([1.5, 2.5])': 'float32', 'tf.constant(np.arange(3))': 'int32',\n"
                "          'tf.constant(np.ones(2))': 'float32', 'tf.constant([1, 2]) / 2': 'float32'}\n"),
     "message": "DTYPES['tf.constant(np.arange(3))']"},
]
