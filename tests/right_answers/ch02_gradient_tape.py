"""Correct answers to chapter 2 written differently from the reference; each entry must score full marks."""

RIGHT_ANSWERS = [
    {"name": "watch_constants_keras_ops_and_prints",
     "cells": {
         "ex1_derivative_at": ("def derivative_at(f, x0):\n"
                               "    x = tf.constant(x0, dtype=tf.float32)\n"
                               "    with tf.GradientTape() as tape:\n"
                               "        tape.watch(x)\n"
                               "        y = f(x)\n"
                               "    return tape.gradient(y, x).numpy().item()\n\n\n"
                               "print(derivative_at(lambda x: x**3 - 2 * x, 2.0))\n"),
         "ex2_second_derivative": ("def second_derivative_at(f, x0):\n"
                                   "    x = tf.Variable(float(x0))\n"
                                   "    with tf.GradientTape(persistent=True) as tape:\n"
                                   "        y = f(x)\n"
                                   "        dy_dx = tape.gradient(y, x)\n"
                                   "    d2 = tape.gradient(dy_dx, x)\n"
                                   "    del tape\n"
                                   "    return float(d2)\n"),
         "ex3_mse": ("import keras\n\n\n"
                     "def mse(y_true, y_pred):\n"
                     "    return keras.ops.mean(keras.ops.square(y_pred - y_true))\n"),
         "ex4_diverging_rate": ("RATES = [round(0.1 * k, 1) for k in range(5, 16)]\n\n\n"
                                "def final_mse(x, y, learning_rate, epochs=50):\n"
                                "    a, b = tf.Variable(0.0), tf.Variable(0.0)\n"
                                "    for _ in range(epochs):\n"
                                "        with tf.GradientTape() as tape:\n"
                                "            loss = tf.reduce_mean((a * x + b - y) ** 2)\n"
                                "        grads = tape.gradient(loss, {'a': a, 'b': b})\n"
                                "        a.assign(a - learning_rate * grads['a'])\n"
                                "        b.assign(b - learning_rate * grads['b'])\n"
                                "    return float(tf.reduce_mean((a * x + b - y) ** 2).numpy())\n\n\n"
                                "results = {rate: final_mse(X, Y, rate) for rate in RATES}\n"
                                "print(results)\n"
                                "start = float(line_mse(X, Y, 0.0, 0.0))\n"
                                "DIVERGING_RATE = min(r for r, m in results.items() if not m < start)\n"),
         "ex5_fit_line": ("def fit_line(x, y, epochs=200, learning_rate=0.05):\n"
                          "    a, b = tf.Variable(0.0), tf.Variable(0.0)\n"
                          "    optimizer = tf.keras.optimizers.SGD(learning_rate=learning_rate)\n"
                          "    losses = []\n"
                          "    for _ in range(epochs):\n"
                          "        with tf.GradientTape() as tape:\n"
                          "            loss = line_mse(x, y, a, b)\n"
                          "        optimizer.apply_gradients(zip(tape.gradient(loss, [a, b]), [a, b]))\n"
                          "        losses.append(loss.numpy().item())\n"
                          "    return a.numpy().item(), b.numpy().item(), losses\n\n\n"
                          "print(fit_line(X, Y, epochs=3))\n"),
     }},
    {"name": "tf_keras_spelling_numpy_floats",
     "cells": {
         "ex1_derivative_at": ("from tensorflow import keras\n\n\n"
                               "def derivative_at(f, x0):\n"
                               "    x = keras.Variable(float(x0))\n"
                               "    with tf.GradientTape() as tape:\n"
                               "        y = f(x)\n"
                               "    return float(tape.gradient(y, x))\n"),
         "ex3_mse": ("def mse(y_true, y_pred):\n"
                     "    return tf.reduce_sum((y_pred - y_true) ** 2) / tf.cast(tf.size(y_true), tf.float32)\n"),
         "ex5_fit_line": ("def fit_line(x, y, epochs=200, learning_rate=0.05):\n"
                          "    a = tf.Variable(0.0)\n"
                          "    b = tf.Variable(0.0)\n"
                          "    losses = []\n"
                          "    for epoch in range(epochs):\n"
                          "        with tf.GradientTape() as tape:\n"
                          "            loss = tf.reduce_mean(tf.square(y - (a * x + b)))\n"
                          "        grad_a, grad_b = tape.gradient(loss, [a, b])\n"
                          "        a.assign_sub(learning_rate * grad_a)\n"
                          "        b.assign_sub(learning_rate * grad_b)\n"
                          "        losses.append(float(loss))\n"
                          "    return float(a), float(b), losses\n"),
     }},
]
