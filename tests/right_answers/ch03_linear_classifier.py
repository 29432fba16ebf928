"""Correct answers to chapter 3 written differently from the reference; each entry must score full marks."""

RIGHT_ANSWERS = [
    {"name": "keras_ops_operators_and_prints",
     "cells": {
         "ex1_make_clouds": ("def make_clouds(n_per_class=1000, seed=0):\n"
                             "    rng = np.random.default_rng(seed)\n"
                             "    cov = np.array([[1.0, 0.5], [0.5, 1.0]])\n"
                             "    a = rng.multivariate_normal([0, 3], cov, n_per_class)\n"
                             "    c = rng.multivariate_normal([3, 0], cov, n_per_class)\n"
                             "    x = np.concatenate([a, c]).astype(np.float32)\n"
                             "    t = np.concatenate([np.zeros(n_per_class), np.ones(n_per_class)])[:, None]\n"
                             "    return x, t.astype(np.float32)\n\n\n"
                             "print(make_clouds(2)[0].shape)\n"),
         "ex2_linear_model": ("import keras\n\n\n"
                              "def linear_model(inputs, W, b):\n"
                              "    return keras.ops.matmul(keras.ops.convert_to_tensor(inputs), W) + b\n"),
         "ex3_safe_square_loss": ("def safe_square_loss(targets, predictions):\n"
                                  "    t = tf.reshape(targets, (-1,))\n"
                                  "    p = tf.reshape(predictions, (-1,))\n"
                                  "    return tf.reduce_mean((t - p) ** 2)\n"),
         "ex4_train_step": ("def train_step(inputs, targets, W, b, learning_rate=0.1):\n"
                            "    with tf.GradientTape() as tape:\n"
                            "        loss = tf.reduce_mean(tf.square(inputs @ W + b - targets))\n"
                            "    grads = tape.gradient(loss, {'W': W, 'b': b})\n"
                            "    W.assign(W - learning_rate * grads['W'])\n"
                            "    b.assign(b - learning_rate * grads['b'])\n"
                            "    return loss\n"),
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
         "ex4_train_step": ("from tensorflow import keras\n\n\n"
                            "def train_step(inputs, targets, W, b, learning_rate=0.1):\n"
                            "    optimizer = keras.optimizers.SGD(learning_rate=learning_rate)\n"
                            "    with tf.GradientTape() as tape:\n"
                            "        loss = tf.reduce_mean(tf.square(targets - (tf.matmul(inputs, W) + b)))\n"
                            "    grads = tape.gradient(loss, [W, b])\n"
                            "    optimizer.apply_gradients(zip(grads, [W, b]))\n"
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
]
