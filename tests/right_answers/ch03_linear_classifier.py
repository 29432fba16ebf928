"""Correct answers to chapter 3 written differently from the reference; each entry must score full marks."""

RIGHT_ANSWERS = [
    {"name": "keras_ops_operators_and_prints",
     "cells": {
         "ex1_clouds_any_dimension": ("def make_clouds(mean_0, mean_1, n_per_class, seed=0):\n"
                                      "    rng = np.random.default_rng(seed)\n"
                                      "    d = len(mean_0)\n"
                                      "    cov = [[1.0 if i == j else 0.5 for j in range(d)] for i in range(d)]\n"
                                      "    x = np.concatenate([rng.multivariate_normal(m, cov, n_per_class) for m in (mean_0, mean_1)]).astype(np.float32)\n"
                                      "    t = np.repeat([0.0, 1.0], n_per_class)[:, None]\n"
                                      "    return x, t.astype(np.float32)\n"
                                      "\n"
                                      "\n"
                                      "points, labels = make_clouds([0, 0, 0], [2, 2, -1], 5)\n"
                                      "print(points.shape, labels.shape)\n"),
         "ex4_bias_trick_step": ("def bias_trick_step(inputs, targets, theta, learning_rate=0.1):\n"
                                 "    design = np.hstack([np.asarray(inputs), np.ones((len(inputs), 1), dtype='float32')])\n"
                                 "    with tf.GradientTape() as tape:\n"
                                 "        loss = tf.reduce_mean((tf.matmul(design, theta) - targets) ** 2)\n"
                                 "    grad = tape.gradient(loss, theta)\n"
                                 "    theta.assign(theta - learning_rate * grad)\n"
                                 "    return float(loss)\n"),
         "ex2_linear_model": ("import keras\n\n\n"
                              "def linear_model(inputs, W, b):\n"
                              "    return keras.ops.matmul(keras.ops.convert_to_tensor(inputs), W) + b\n"),
         "ex3_safe_square_loss": ("def safe_square_loss(targets, predictions):\n"
                                  "    t = tf.reshape(targets, (-1,))\n"
                                  "    p = tf.reshape(predictions, (-1,))\n"
                                  "    return tf.reduce_mean((t - p) ** 2)\n"),
         "ex5_accuracy": ("def accuracy(predictions, targets):\n"
                          "    predicted = tf.cast(tf.reshape(predictions, (-1,)) > 0.5, tf.float32)\n"
                          "    return float(tf.reduce_mean(tf.cast(predicted == tf.reshape(targets, (-1,)), tf.float32)))\n\n\n"
                          "print(accuracy(np.array([[0.7]]), np.array([[1.0]])))\n"),
         "ex6_decision_line": ("def decision_line(W, b, x):\n"
                               "    W, b = np.asarray(W), np.asarray(b)\n"
                               "    return (0.5 - b[0] - W[0, 0] * np.asarray(x)) / W[1, 0]\n"),
     }},
    {"name": "optimizer_step_and_tf_shuffle",
     "cells": {
         "ex1_clouds_any_dimension": ("def make_clouds(mean_0, mean_1, n_per_class, seed=0):\n"
                                      "    rng = np.random.default_rng(seed)\n"
                                      "    d = len(mean_0)\n"
                                      "    # correlated normals by hand: a shared part plus an own part, each of variance 0.5\n"
                                      "    def cloud(mean):\n"
                                      "        shared = rng.normal(size=(n_per_class, 1)) * np.sqrt(0.5)\n"
                                      "        own = rng.normal(size=(n_per_class, d)) * np.sqrt(0.5)\n"
                                      "        return np.asarray(mean) + shared + own\n"
                                      "    inputs = np.vstack([cloud(mean_0), cloud(mean_1)]).astype('float32')\n"
                                      "    targets = np.zeros((2 * n_per_class, 1), dtype='float32')\n"
                                      "    targets[n_per_class:] = 1.0\n"
                                      "    return inputs, targets\n"),
         "ex4_bias_trick_step": ("from tensorflow import keras\n"
                                 "\n"
                                 "\n"
                                 "def bias_trick_step(inputs, targets, theta, learning_rate=0.1):\n"
                                 "    optimizer = keras.optimizers.SGD(learning_rate=learning_rate)\n"
                                 "    x = keras.ops.concatenate([keras.ops.convert_to_tensor(inputs), keras.ops.ones((keras.ops.shape(inputs)[0], 1))], axis=-1)\n"
                                 "    with tf.GradientTape() as tape:\n"
                                 "        loss = keras.ops.mean(keras.ops.square(targets - x @ theta))\n"
                                 "    optimizer.apply_gradients([(tape.gradient(loss, theta), theta)])\n"
                                 "    return loss\n"),
         "ex7_batches": ("def train_epochs(inputs, targets, batch_size, epochs, learning_rate=0.1, seed=0):\n"
                         "    x, t = tf.constant(inputs), tf.constant(targets)\n"
                         "    W = tf.Variable(tf.zeros((x.shape[1], 1)))\n"
                         "    b = tf.Variable(tf.zeros((1,)))\n"
                         "    tf.random.set_seed(seed)\n"
                         "    history = []\n"
                         "    for epoch in range(epochs):\n"
                         "        order = tf.random.shuffle(tf.range(len(inputs)))\n"
                         "        for start in range(0, len(inputs), batch_size):\n"
                         "            rows = order[start:start + batch_size]\n"
                         "            xb, tb = tf.gather(x, rows), tf.gather(t, rows)\n"
                         "            with tf.GradientTape() as tape:\n"
                         "                loss = tf.reduce_mean(tf.square(tb - (xb @ W + b)))\n"
                         "            gW, gb = tape.gradient(loss, [W, b])\n"
                         "            W.assign_sub(learning_rate * gW)\n"
                         "            b.assign_sub(learning_rate * gb)\n"
                         "        history.append(float(tf.reduce_mean(tf.square(t - (x @ W + b)))))\n"
                         "    return history\n\n\n"
                         "FULL_BATCH_LOSSES = train_epochs(inputs, targets, len(inputs), 3)\n"
                         "MINI_BATCH_LOSSES = train_epochs(inputs, targets, 50, 3)\n"
                         "print(FULL_BATCH_LOSSES, MINI_BATCH_LOSSES)\n"
                         "FEWER_EPOCHS = 'mini-batch' if MINI_BATCH_LOSSES[0] < FULL_BATCH_LOSSES[0] else 'full-batch'\n"),
     }},
    {"name": "shuffled_clouds_and_sliced_theta",
     "cells": {
         "ex1_clouds_any_dimension": ("def make_clouds(mean_0, mean_1, n_per_class, seed=0):\n"
                                      "    rng = np.random.default_rng(seed)\n"
                                      "    mean_0, mean_1 = np.asarray(mean_0, dtype=float), np.asarray(mean_1, dtype=float)\n"
                                      "    cov = np.eye(len(mean_0)) * 0.5 + 0.5\n"
                                      "    points, labels = [], []\n"
                                      "    for label, mean in enumerate([mean_0, mean_1]):\n"
                                      "        points.append(rng.multivariate_normal(mean, cov, size=n_per_class))\n"
                                      "        labels.append(np.full((n_per_class, 1), label))\n"
                                      "    order = rng.permutation(2 * n_per_class)  # shuffled: the classes need not come in blocks\n"
                                      "    return np.vstack(points)[order].astype('float32'), np.vstack(labels)[order].astype('float32')\n"),
         "ex4_bias_trick_step": ("def bias_trick_step(inputs, targets, theta, learning_rate=0.1):\n"
                                 "    x = tf.constant(inputs, dtype=tf.float32)\n"
                                 "    with tf.GradientTape() as tape:\n"
                                 "        tape.watch(theta)\n"
                                 "        loss = tf.reduce_mean(tf.square(targets - (x @ theta[:-1] + theta[-1])))\n"
                                 "    theta.assign_sub(learning_rate * tape.gradient(loss, theta))\n"
                                 "    return loss\n"
                                 "\n"
                                 "\n"
                                 "theta = tf.Variable(tf.zeros((3, 1)))\n"
                                 "print(bias_trick_step(inputs, targets, theta), theta.numpy().ravel())\n"),
     }},
]
