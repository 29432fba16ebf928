"""Correct answers to chapter 1 written differently from the reference; each entry must score full marks."""

RIGHT_ANSWERS = [
    {"name": "concat_keras_ops_and_trial_calls",
     "cells": {
         "ex1_ones_over_zeros": ("def ones_over_zeros(n):\n"
                                 "    return tf.concat([tf.ones((1, n)), tf.zeros((1, n))], axis=0)\n\n\n"
                                 "print(ones_over_zeros(3))\n"),
         "ex2_roll_dice": ("def roll_dice(n, sides=6):\n"
                           "    return tf.cast(tf.floor(tf.random.uniform([n], 1.0, sides + 1.0)), 'int32')\n\n\n"
                           "print(roll_dice(10))\n"),
         "ex3_swap_rows": ("def swap_rows(v, i, j):\n"
                           "    old_i = tf.identity(v[i])\n"
                           "    v[i].assign(v[j])\n"
                           "    v[j].assign(old_i)\n"
                           "    return v\n\n\n"
                           "w = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])\n"
                           "print(swap_rows(w, 0, 2).numpy())\n"),
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
    # tf.is_tensor says True for a variable: one returned where a tensor is asked passes in a notebook, and in the
    # batch grader's examiner too, where the variable stays in the learner's kernel (autograder/runner/examiner)
    {"name": "variables_returned_where_tensors_are_asked",
     "cells": {
         "ex1_ones_over_zeros": ("def ones_over_zeros(n):\n"
                                 "    return tf.Variable(tf.stack([tf.ones(n), tf.zeros(n)]))\n"),
         "ex5_root_mean_square": ("def root_mean_square(x):\n"
                                  "    return tf.Variable(tf.norm(x) / tf.sqrt(tf.cast(tf.size(x), tf.float32)))\n"),
     }},
    {"name": "tf_keras_matmul_expansion_and_variables",
     "cells": {
         "ex1_ones_over_zeros": ("def ones_over_zeros(n):\n"
                                 "    ones = tf.ones((n,), dtype=tf.float32)\n"
                                 "    return tf.stack([ones, tf.zeros_like(ones)], axis=0)\n"),
         "ex2_roll_dice": ("def roll_dice(n, sides=6):\n"
                           "    return tf.random.uniform(shape=(n,), minval=0, maxval=sides, dtype='int32') + 1\n"),
         "ex3_swap_rows": ("def swap_rows(v, i, j):\n"
                           "    order = list(range(v.shape[0]))\n"
                           "    order[i], order[j] = order[j], order[i]\n"
                           "    v.assign(tf.gather(v, order))\n"
                           "    return v\n"),
         "ex4_pairwise_sq_distances": ("def pairwise_sq_distances(a, b):\n"
                                       "    a_sq = tf.reduce_sum(a * a, axis=1, keepdims=True)\n"
                                       "    b_sq = tf.reduce_sum(b * b, axis=1)[None, :]\n"
                                       "    return a_sq - 2.0 * tf.matmul(a, b, transpose_b=True) + b_sq\n"),
         "ex5_root_mean_square": ("from tensorflow import keras\n\n\n"
                                  "def root_mean_square(x):\n"
                                  "    return keras.ops.sqrt(keras.ops.mean(keras.ops.square(x)))\n"),
     }},
    {"name": "keras_ops_dice_and_a_row_permutation",
     "cells": {
         "ex2_roll_dice": ("import keras\n\n\n"
                           "def roll_dice(n, sides=6):\n"
                           "    draws = keras.random.uniform((n,), minval=1, maxval=sides + 1)\n"
                           "    return keras.ops.cast(keras.ops.floor(draws), 'int32')\n"),
         "ex3_swap_rows": ("def swap_rows(v, i, j):\n"
                           "    swap = np.eye(v.shape[0], dtype='float32')\n"
                           "    swap[[i, j]] = swap[[j, i]]\n"
                           "    v.assign(tf.matmul(swap, v))\n"
                           "    return v\n"),
     }},
]
