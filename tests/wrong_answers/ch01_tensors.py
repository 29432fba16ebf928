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
