"""Plausible wrong answers to chapter 1; each must lose exactly its exercise's points."""

WRONG_ANSWERS = [
    {"cell": "ex1_ones_over_zeros",   # rows stacked the wrong way round
     "source": "def ones_over_zeros(n):\n    return tf.stack([tf.zeros((n,)), tf.ones((n,))])\n",
     "message": "the first row must be all ones"},
    {"cell": "ex1_ones_over_zeros",   # hard-coded to the visible example
     "source": "def ones_over_zeros(n):\n    return tf.constant([[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]])\n",
     "message": "expected shape (2, 1) for n=1"},
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

# Issue 25: Exercise 2 rolls dice (integer draws, both ends included), Exercise 3 swaps two rows of a variable in place.
WRONG_ANSWERS += [
    {"cell": "ex2_roll_dice",   # maxval = sides: the top face never comes up
     "source": ("def roll_dice(n, sides=6):\n"
                "    return tf.random.uniform((n,), minval=1, maxval=sides, dtype=tf.int32)\n"),
     "message": "never came up: maxval itself is never drawn"},
    {"cell": "ex2_roll_dice",   # minval = 0: a face 0
     "source": ("def roll_dice(n, sides=6):\n"
                "    return tf.random.uniform((n,), minval=0, maxval=sides + 1, dtype=tf.int32)\n"),
     "message": "but the rolls range from 0 to 6"},
    {"cell": "ex2_roll_dice",   # a rounded float draw: the two end faces half as likely
     "source": ("def roll_dice(n, sides=6):\n"
                "    return tf.cast(tf.round(tf.random.uniform((n,), minval=1, maxval=sides)), tf.int32)\n"),
     "message": "every face must be equally likely"},
    {"cell": "ex2_roll_dice",   # whole numbers, but float32
     "source": ("def roll_dice(n, sides=6):\n"
                "    return tf.floor(tf.random.uniform((n,), minval=1, maxval=sides + 1))\n"),
     "message": "expected dtype int32"},
    {"cell": "ex2_roll_dice",   # reseeds inside the function: every call returns the same rolls
     "source": ("def roll_dice(n, sides=6):\n"
                "    return tf.random.stateless_uniform((n,), seed=(1, 2), minval=1, maxval=sides + 1, dtype=tf.int32)\n"),
     "message": "draw new random numbers on every call"},
    {"cell": "ex3_swap_rows",   # the naive two writes: row i is overwritten before it is read
     "source": ("def swap_rows(v, i, j):\n"
                "    v[i].assign(v[j])\n"
                "    v[j].assign(v[i])\n"
                "    return v\n"),
     "message": "the old row 0 was overwritten before it was read"},
    {"cell": "ex3_swap_rows",   # a new variable: the caller's variable is unchanged
     "source": ("def swap_rows(v, i, j):\n"
                "    values = v.numpy()\n"
                "    values[[i, j]] = values[[j, i]]\n"
                "    v = tf.Variable(values)\n"
                "    return v\n"),
     "message": "the variable passed in did not change"},
    {"cell": "ex3_swap_rows",   # NumPy item assignment on the variable
     "source": ("def swap_rows(v, i, j):\n"
                "    v[i], v[j] = v[j], v[i]\n"
                "    return v\n"),
     "message": "A tf.Variable has no item assignment"},
    {"cell": "ex3_swap_rows",   # swaps columns, not rows
     "source": ("def swap_rows(v, i, j):\n"
                "    col_i, col_j = v[:, i].numpy(), v[:, j].numpy()\n"
                "    v[:, i].assign(col_j)\n"
                "    v[:, j].assign(col_i)\n"
                "    return v\n"),
     "message": "swap_rows(v, 0, 2) on a variable of shape (3, 2)"},
]
