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
    {"cell": "ex2_uniform_between",   # integer draws
     "source": ("def uniform_between(shape, low, high):\n"
                "    return tf.random.uniform(shape, int(low), int(high), dtype=tf.int32)\n"),
     "message": "expected dtype float32"},
    {"cell": "ex2_uniform_between",   # normal instead of uniform, rescaled into the range
     "source": ("def uniform_between(shape, low, high):\n"
                "    x = tf.clip_by_value(tf.random.normal(shape, 0.5, 0.15), 0.0, 0.999)\n"
                "    return low + (high - low) * x\n"),
     "message": "not uniform"},
    {"cell": "ex3_update_in_place",   # rebinding instead of assigning
     "source": ("def update_in_place(v):\n"
                "    v = v + 1\n"
                "    return v\n"),
     "message": "v was not changed in place"},
    {"cell": "ex3_update_in_place",   # steps 2 and 3 in the wrong order
     "source": ("def update_in_place(v):\n"
                "    v[0, 0].assign(3.0)\n"
                "    v[:, 1].assign(tf.zeros(v.shape[0]))\n"
                "    v.assign_add(tf.ones_like(v))\n"
                "    return v\n"),
     "message": "wrong values after the three steps"},
    {"cell": "ex4_pairwise_sq_distances",   # distances, not squared distances
     "source": ("def pairwise_sq_distances(a, b):\n"
                "    diff = a[:, None, :] - b[None, :, :]\n"
                "    return tf.sqrt(tf.reduce_sum(tf.square(diff), axis=-1))\n"),
     "message": "wrong squared distances"},
    {"cell": "ex4_pairwise_sq_distances",   # sums over the wrong axis
     "source": ("def pairwise_sq_distances(a, b):\n"
                "    diff = a[:, None, :] - b[None, :, :]\n"
                "    return tf.reduce_sum(tf.square(diff), axis=0)\n"),
     "message": "expected shape (n, m) = (2, 3)"},
    {"cell": "ex5_root_mean_square",   # the original bug, left in place
     "source": "def root_mean_square(x):\n    return tf.sqrt(tf.reduce_mean(tf.squard(x)))\n",
     "message": "has no attribute 'squard'"},
    {"cell": "ex5_root_mean_square",   # forgets the square root
     "source": "def root_mean_square(x):\n    return tf.reduce_mean(tf.square(x))\n",
     "message": "should be sqrt(12.5)"},
]
