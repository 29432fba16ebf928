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
         "ex2_hessian_diagonal": ("def hessian_diagonal(f, x0):\n"
                                  "    x = tf.constant(x0, dtype=tf.float32)\n"
                                  "    with tf.GradientTape() as outer:\n"
                                  "        outer.watch(x)\n"
                                  "        with tf.GradientTape() as inner:\n"
                                  "            inner.watch(x)\n"
                                  "            y = f(x)\n"
                                  "        g = inner.gradient(y, x)\n"
                                  "    return tf.linalg.diag_part(outer.jacobian(g, x))\n\n\n"
                                  "x = np.array([1.0, -0.5, 2.0])\n"
                                  "f = lambda v: tf.reduce_sum(v**3) + tf.reduce_sum(v) ** 2\n"
                                  "print(hessian_diagonal(f, x))\n"),
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
         "ex5_fit_parabola": ("def fit_parabola(x, y, epochs=300, learning_rate=0.05):\n"
                              "    theta = tf.Variable(tf.zeros(3))\n"
                              "    features = tf.stack([x**2, x, tf.ones_like(x)], axis=1)\n"
                              "    optimizer = tf.keras.optimizers.SGD(learning_rate=learning_rate)\n"
                              "    losses = []\n"
                              "    for _ in range(epochs):\n"
                              "        with tf.GradientTape() as tape:\n"
                              "            loss = tf.reduce_mean((tf.matmul(features, theta[:, None])[:, 0] - y) ** 2)\n"
                              "        optimizer.apply_gradients([(tape.gradient(loss, theta), theta)])\n"
                              "        losses.append(loss.numpy().item())\n"
                              "    return theta.numpy().tolist(), losses\n\n\n"
                              "X, Y = X_PARABOLA, Y_PARABOLA\n"
                              "print(fit_parabola(X, Y, epochs=3))\n"),
     }},
    {"name": "tf_keras_spelling_numpy_floats",
     "cells": {
         "ex1_derivative_at": ("from tensorflow import keras\n\n\n"
                               "def derivative_at(f, x0):\n"
                               "    x = keras.Variable(float(x0))\n"
                               "    with tf.GradientTape() as tape:\n"
                               "        y = f(x)\n"
                               "    return float(tape.gradient(y, x))\n"),
         "ex2_hessian_diagonal": ("def hessian_diagonal(f, x0):\n"
                                  "    xs = [keras.Variable(float(v)) for v in x0]\n"
                                  "    with tf.GradientTape(persistent=True) as outer:\n"
                                  "        with tf.GradientTape() as inner:\n"
                                  "            y = f(tf.stack([tf.convert_to_tensor(v) for v in xs]))\n"
                                  "        firsts = inner.gradient(y, xs)\n"
                                  "    result = np.array([float(outer.gradient(g, v)) for g, v in zip(firsts, xs)])\n"
                                  "    del outer\n"
                                  "    return result\n"),
         "ex3_mse": ("def mse(y_true, y_pred):\n"
                     "    return tf.reduce_sum((y_pred - y_true) ** 2) / tf.cast(tf.size(y_true), tf.float32)\n"),
         "ex5_fit_parabola": ("def fit_parabola(x, y, epochs=300, learning_rate=0.05):\n"
                              "    params = {'a': keras.Variable(0.0), 'b': keras.Variable(0.0), 'c': keras.Variable(0.0)}\n"
                              "    x = tf.constant(x)\n"
                              "    losses = []\n"
                              "    for epoch in range(epochs):\n"
                              "        with tf.GradientTape() as tape:\n"
                              "            pred = params['a'] * tf.square(x) + params['b'] * x + params['c']\n"
                              "            loss = keras.ops.mean(keras.ops.square(y - pred))\n"
                              "        grads = tape.gradient(loss, params)\n"
                              "        for name in params:\n"
                              "            params[name].assign(params[name] - learning_rate * grads[name])\n"
                              "        losses.append(float(loss))\n"
                              "    return [float(params[k]) for k in 'abc'], losses\n"),
     }},
    {"name": "parabola_gradients_by_hand_in_numpy",
     "cells": {
         "ex2_hessian_diagonal": ("def hessian_diagonal(f, x0):\n"
                                  "    x = tf.Variable(np.asarray(x0, dtype=np.float32))\n"
                                  "    values = []\n"
                                  "    for i in range(x.shape[0]):\n"
                                  "        with tf.GradientTape() as outer:\n"
                                  "            with tf.GradientTape() as inner:\n"
                                  "                y = f(x)\n"
                                  "            d_i = keras.ops.take(inner.gradient(y, x), i)\n"
                                  "        values.append(keras.ops.take(outer.gradient(d_i, x), i))\n"
                                  "        print(f'd2f/dx{i}^2 =', float(values[-1]))\n"
                                  "    return keras.ops.stack(values).numpy()\n"),
         "ex5_fit_parabola": ("def fit_parabola(x, y, epochs=300, learning_rate=0.05):\n"
                              "    x, y = np.asarray(x, dtype='float32'), np.asarray(y, dtype='float32')\n"
                              "    a = b = c = np.float32(0.0)\n"
                              "    losses = []\n"
                              "    for _ in range(epochs):\n"
                              "        r = a * x * x + b * x + c - y\n"
                              "        losses.append(float(np.mean(r * r)))\n"
                              "        a, b, c = (a - learning_rate * np.mean(2 * r * x * x), b - learning_rate * np.mean(2 * r * x),\n"
                              "                   c - learning_rate * np.mean(2 * r))\n"
                              "    return [float(a), float(b), float(c)], losses\n"),
     }},
]
