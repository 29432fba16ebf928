"""Correct answers to chapter 1 written differently from the reference; each entry must score full marks."""

RIGHT_ANSWERS = [
    {"name": "concat_keras_ops_and_trial_calls",
     "cells": {
         "ex1_ones_over_zeros": ("def ones_over_zeros(n):\n"
                                 "    return tf.concat([tf.ones((1, n)), tf.zeros((1, n))], axis=0)\n\n\n"
                                 "print(ones_over_zeros(3))\n"),
         "ex2_uniform_between": ("def uniform_between(shape, low, high):\n"
                                 "    return low + (high - low) * tf.random.uniform(shape)\n\n\n"
                                 "print(uniform_between((2, 2), -1.0, 1.0))\n"),
         "ex3_update_in_place": ("def update_in_place(v):\n"
                                 "    v[0, 0].assign(3.0)\n"
                                 "    v.assign_add(tf.fill(v.shape, 1.0))\n"
                                 "    v[:, 1].assign(0.0)\n"
                                 "    return v\n\n\n"
                                 "print(update_in_place(tf.Variable(tf.zeros((3, 2)))).numpy())\n"),
         "ex4_pairwise_sq_distances": ("import keras\n\n\n"
                                       "def pairwise_sq_distances(a, b):\n"
                                       "    diff = keras.ops.expand_dims(a, 1) - keras.ops.expand_dims(b, 0)\n"
                                       "    return keras.ops.sum(keras.ops.square(diff), axis=-1)\n\n\n"
                                       "print(pairwise_sq_distances(tf.ones((2, 3)), tf.zeros((4, 3))))\n"),
         "ex5_root_mean_square": ("def root_mean_square(x):\n"
                                  "    return tf.sqrt(tf.reduce_mean(x * x))\n"),
         "ex6_find_out": ("print(tf.zeros((4, 1, 3)) + tf.zeros((5, 1)))\n"
                          "BROADCAST_SHAPES = {((3, 1), (1, 4)): (3, 4), ((2, 3), (3,)): (2, 3), ((2, 3), (2,)): None,\n"
                          "                    ((4, 1, 3), (5, 1)): (4, 5, 3)}\n"
                          "DTYPES = {'tf.constant([1.5, 2.5])': 'float32', 'tf.constant(np.arange(3))': 'int64',\n"
                          "          'tf.constant(np.ones(2))': tf.float64, 'tf.constant([1, 2]) / 2': 'float64'}\n"),
     }},
    {"name": "tf_keras_matmul_expansion_and_variables",
     "cells": {
         "ex1_ones_over_zeros": ("def ones_over_zeros(n):\n"
                                 "    ones = tf.ones((n,), dtype=tf.float32)\n"
                                 "    return tf.stack([ones, tf.zeros_like(ones)], axis=0)\n"),
         "ex2_uniform_between": ("def uniform_between(shape, low, high):\n"
                                 "    return tf.random.uniform(shape=shape, minval=low, maxval=high)\n"),
         "ex3_update_in_place": ("def update_in_place(v):\n"
                                 "    v[0, 0].assign(3.0)\n"
                                 "    v.assign(v + 1.0)\n"
                                 "    v[:, 1].assign(tf.zeros_like(v[:, 1]))\n"
                                 "    return v\n"),
         "ex4_pairwise_sq_distances": ("def pairwise_sq_distances(a, b):\n"
                                       "    a_sq = tf.reduce_sum(a * a, axis=1, keepdims=True)\n"
                                       "    b_sq = tf.reduce_sum(b * b, axis=1)[None, :]\n"
                                       "    return a_sq - 2.0 * tf.matmul(a, b, transpose_b=True) + b_sq\n"),
         "ex5_root_mean_square": ("from tensorflow import keras\n\n\n"
                                  "def root_mean_square(x):\n"
                                  "    return keras.ops.sqrt(keras.ops.mean(keras.ops.square(x)))\n"),
     }},
]
