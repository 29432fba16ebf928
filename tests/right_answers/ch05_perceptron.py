"""Correct answers to chapter 5 written differently from the reference (see docs/authoring.md, section 6).

Each entry replaces several solution cells and is graded as one notebook, which must score full marks.
"""

RIGHT_ANSWERS = [
    {
        # tf.keras spellings, keras.ops instead of NumPy, RMSprop and ReLU as a separate layer, trial calls and prints
        "name": "tf_keras_ops_rmsprop_prints",
        "cells": {
            "ex1_pocket": (
                "def pocket_perceptron(X, y, max_epochs=30):\n"
                "    # checks after every update, not only at the end of an epoch: can only do better\n"
                "    X, y = np.asarray(X, dtype=float), np.asarray(y)\n"
                "    w, b = np.zeros(X.shape[1]), 0.0\n"
                "    pocket_w, pocket_b, pocket_count = w.copy(), b, int(np.sum(tlu(X, w, b) != y))\n"
                "    for epoch in range(max_epochs):\n"
                "        for x_i, y_i in zip(X, y):\n"
                "            error = y_i - int(x_i @ w + b >= 0)\n"
                "            if error:\n"
                "                w += error * x_i  # in place, but the pocket holds a copy\n"
                "                b += error\n"
                "                count = int(np.sum(tlu(X, w, b) != y))\n"
                "                if count < pocket_count:\n"
                "                    pocket_w, pocket_b, pocket_count = w.copy(), b, count\n"
                "    return pocket_w, pocket_b, pocket_count\n"
                "\n"
                "\n"
                "w_noisy, b_noisy, n_noisy = pocket_perceptron(X_noisy, y_noisy)\n"
                "print('pocket:', n_noisy, 'mistakes; last weights of fit_perceptron:',\n"
                "      int(np.sum(tlu(X_noisy, *fit_perceptron(X_noisy, y_noisy, max_epochs=30)[:2]) != y_noisy)))\n"
            ),
            "ex2_activations": (
                "def activation_and_derivative(name, z):\n"
                "    z = keras.ops.convert_to_tensor(z, dtype='float32')\n"
                "    if name == 'step':\n"
                "        return keras.ops.cast(z >= 0, 'float32'), keras.ops.zeros_like(z)\n"
                "    elif name == 'sigmoid':\n"
                "        s = keras.ops.sigmoid(z)\n"
                "        return s, s * (1 - s)\n"
                "    elif name == 'tanh':\n"
                "        t = keras.ops.tanh(z)\n"
                "        return t, 1 - keras.ops.square(t)\n"
                "    elif name == 'relu':\n"
                "        return keras.ops.relu(z), keras.ops.cast(z > 0, 'float32')\n"
                "    else:\n"
                "        raise ValueError('unknown activation: ' + str(name))\n"
                "\n"
                "\n"
                "print(activation_and_derivative('relu', [-2.0, 0.0, 0.5]))\n"
            ),
            "ex3_fold_standardization": (
                "from functools import reduce\n"
                "\n"
                "\n"
                "def fold_standardization(mean, std, layers):\n"
                "    def merge(first, second):\n"
                "        (W1, b1), (W2, b2) = first, second\n"
                "        return tf.matmul(W1, W2), tf.linalg.matvec(tf.transpose(W2), b1) + b2\n"
                "    std = tf.constant(std, tf.float64)\n"
                "    scaling = (tf.linalg.diag(1.0 / std), -tf.constant(mean, tf.float64) / std)\n"
                "    pairs = [(tf.constant(W, tf.float64), tf.constant(b, tf.float64)) for W, b in layers]\n"
                "    return reduce(merge, [scaling, *pairs])\n"
                "\n"
                "\n"
                "W_try, b_try = fold_standardization([1.0, 2.0], [2.0, 4.0], [(np.array([[1.0], [1.0]]), np.array([0.0]))])\n"
                "print('W =', W_try.numpy(), 'b =', b_try.numpy())\n"
            ),
            "ex4_disk_mlp": (
                "import tensorflow as tf\n"
                "\n"
                "\n"
                "def build_disk_mlp(hidden_units):\n"
                "    model = tf.keras.Sequential()\n"
                "    model.add(tf.keras.Input(shape=(2,)))\n"
                "    model.add(tf.keras.layers.Dense(hidden_units))\n"
                "    model.add(tf.keras.layers.ReLU())\n"
                "    model.add(tf.keras.layers.Dense(1))\n"
                "    model.add(tf.keras.layers.Activation('sigmoid'))\n"
                "    model.compile(optimizer=tf.keras.optimizers.RMSprop(learning_rate=0.05),\n"
                "                  loss=tf.keras.losses.BinaryCrossentropy(), metrics=['accuracy'])\n"
                "    return model\n"
                "\n"
                "\n"
                "trial = build_disk_mlp(4)\n"
                "trial.summary()\n"
                "print(trial.predict(XOR_X, verbose=0).ravel())\n"
                "DISK_MIN_HIDDEN_UNITS = np.int64(3)\n"
            ),
            "ex5_output_loss": (
                "def output_layer_and_loss(task, n_outputs):\n"
                "    if task == 'regression':\n"
                "        return tf.keras.layers.Dense(n_outputs, activation='linear'), tf.keras.losses.MeanSquaredError()\n"
                "    elif task == 'binary':\n"
                "        return tf.keras.layers.Dense(1, activation='sigmoid'), tf.keras.losses.BinaryCrossentropy()\n"
                "    elif task == 'multiclass':\n"
                "        return (tf.keras.layers.Dense(n_outputs, activation=tf.nn.softmax),\n"
                "                tf.keras.losses.SparseCategoricalCrossentropy())\n"
                "    elif task == 'multiclass_onehot':\n"
                "        return tf.keras.layers.Dense(n_outputs, activation='softmax'), tf.keras.losses.CategoricalCrossentropy()\n"
                "    raise ValueError(f'no such task: {task}')\n"
                "\n"
                "\n"
                "for t in ['regression', 'binary', 'multiclass', 'multiclass_onehot']:\n"
                "    print(t, output_layer_and_loss(t, 3))\n"
            ),
            "ex6_learning_rate": (
                "def epochs_by_learning_rate(X, y, learning_rates, max_epochs=100):\n"
                "    result = {}\n"
                "    for lr in learning_rates:\n"
                "        w, b, mistakes = fit_perceptron(X, y, lr, max_epochs)\n"
                "        print(f'lr={lr}: w/lr={w / lr}, b/lr={b / lr}, mistakes={mistakes}')\n"
                "        result[lr] = len(mistakes)\n"
                "    return result\n"
                "\n"
                "\n"
                "iris_runs = epochs_by_learning_rate(X_petal, y_setosa, [0.001, 0.01, 0.1, 1.0, 10.0])\n"
                "blob_runs = epochs_by_learning_rate(X_blobs, y_blobs, [0.001, 0.01, 0.1, 1.0, 10.0])\n"
                "LEARNING_RATE_MATTERS = bool(np.any([len(set(r.values())) > 1 for r in (iris_runs, blob_runs)]))\n"
                "REASON = 'b'\n"
            ),
        },
    },
    {
        # from tensorflow import keras, the functional API with SGD, logits everywhere, GradientTape derivatives
        "name": "functional_sgd_logits_tape",
        "cells": {
            "ex1_pocket": (
                "def pocket_perceptron(X, y, max_epochs=30):\n"
                "    # fit_perceptron stopped after k epochs has the weights of epoch k: slow, but right\n"
                "    best = None\n"
                "    for k in range(1, max_epochs + 1):\n"
                "        w, b, mistakes = fit_perceptron(X, y, max_epochs=k)\n"
                "        errors = int((tlu(X, w, b) != y).sum())\n"
                "        if best is None or errors < best[2]:\n"
                "            best = (w, b, errors)\n"
                "        if mistakes[-1] == 0:\n"
                "            break\n"
                "    return best\n"
            ),
            "ex2_activations": (
                "def activation_and_derivative(name, z):\n"
                "    functions = {'step': lambda t: tf.cast(t >= 0, t.dtype), 'sigmoid': tf.math.sigmoid,\n"
                "                 'tanh': tf.math.tanh, 'relu': tf.nn.relu}\n"
                "    if name not in functions:\n"
                "        raise ValueError(name)\n"
                "    z = tf.convert_to_tensor(z)\n"
                "    with tf.GradientTape() as tape:\n"
                "        tape.watch(z)\n"
                "        values = functions[name](z)\n"
                "    slopes = tape.gradient(values, z)\n"
                "    if slopes is None:  # the step: no gradient at all\n"
                "        slopes = tf.zeros_like(z)\n"
                "    return values.numpy(), slopes.numpy()\n"
            ),
            "ex3_fold_standardization": (
                "def fold_standardization(mean, std, layers):\n"
                "    # probe the model: b is its output at x = 0, row i of W the change a unit of feature i makes\n"
                "    def model(x):\n"
                "        h = (x - np.asarray(mean)) / np.asarray(std)\n"
                "        for W, b in layers:\n"
                "            h = h @ np.asarray(W) + np.asarray(b)\n"
                "        return h\n"
                "    n = len(mean)\n"
                "    b = model(np.zeros((1, n)))[0]\n"
                "    return model(np.eye(n)) - b, b\n"
            ),
            "ex4_disk_mlp": (
                "from tensorflow import keras\n"
                "\n"
                "\n"
                "def build_disk_mlp(hidden_units):\n"
                "    inputs = keras.Input(shape=(2,))\n"
                "    hidden = keras.layers.Dense(hidden_units, activation='tanh')(inputs)\n"
                "    outputs = keras.layers.Dense(1, activation='sigmoid')(hidden)\n"
                "    model = keras.Model(inputs, outputs)\n"
                "    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.5), loss='binary_crossentropy')\n"
                "    return model\n"
                "\n"
                "\n"
                "DISK_MIN_HIDDEN_UNITS = 3\n"
            ),
            "ex5_output_loss": (
                "def output_layer_and_loss(task, n_outputs):\n"
                "    layer = keras.layers.Dense(n_outputs)  # logits\n"
                "    if task == 'regression':\n"
                "        return layer, 'mean_squared_error'\n"
                "    if task == 'binary':\n"
                "        return layer, keras.losses.BinaryCrossentropy(from_logits=True)\n"
                "    if task == 'multiclass':\n"
                "        return layer, keras.losses.SparseCategoricalCrossentropy(from_logits=True)\n"
                "    if task == 'multiclass_onehot':\n"
                "        return layer, keras.losses.CategoricalCrossentropy(from_logits=True)\n"
                "    raise ValueError(task)\n"
            ),
            "ex6_learning_rate": (
                "def epochs_by_learning_rate(X, y, learning_rates, max_epochs=100):\n"
                "    return dict((lr, len(fit_perceptron(X, y, lr=lr, max_epochs=max_epochs)[-1])) for lr in learning_rates)\n"
                "\n"
                "\n"
                "LEARNING_RATE_MATTERS = np.bool_(False)\n"
                "REASON = 'b'\n"
            ),
        },
    },
    # Added with issue 26: section 7 offers the mean absolute error for regression with outliers; a Huber loss is
    # right too
    {
        "name": "mae_for_regression",
        "cells": {
            "ex5_output_loss": (
                "def output_layer_and_loss(task, n_outputs):\n"
                "    if task == 'regression':\n"
                "        return keras.layers.Dense(n_outputs), 'mae'\n"
                "    if task == 'binary':\n"
                "        return keras.layers.Dense(1, activation='sigmoid'), 'binary_crossentropy'\n"
                "    if task == 'multiclass':\n"
                "        return keras.layers.Dense(n_outputs, activation='softmax'), 'sparse_categorical_crossentropy'\n"
                "    if task == 'multiclass_onehot':\n"
                "        return keras.layers.Dense(n_outputs, activation='softmax'), 'categorical_crossentropy'\n"
                "    raise ValueError(task)\n"
            ),
        },
    },
    {
        "name": "huber_object_for_regression",
        "cells": {
            "ex5_output_loss": (
                "def output_layer_and_loss(task, n_outputs):\n"
                "    if task == 'regression':\n"
                "        return keras.layers.Dense(n_outputs), keras.losses.Huber(delta=0.5)\n"
                "    if task == 'binary':\n"
                "        return keras.layers.Dense(1, activation='sigmoid'), 'binary_crossentropy'\n"
                "    if task == 'multiclass':\n"
                "        return keras.layers.Dense(n_outputs, activation='softmax'), 'sparse_categorical_crossentropy'\n"
                "    if task == 'multiclass_onehot':\n"
                "        return keras.layers.Dense(n_outputs, activation='softmax'), 'categorical_crossentropy'\n"
                "    raise ValueError(task)\n"
            ),
        },
    },
    # Added with issue 25: the pocket keeps the starting weights too and returns a list, NumPy scalars; the fold
    # with explicit broadcasting; the MLP with Adam at 0.05 and a separate Activation layer
    {
        "name": "pocket_list_broadcast_adam",
        "cells": {
            "ex1_pocket": (
                "def pocket_perceptron(X, y, max_epochs=30):\n"
                "    X = np.array(X, dtype='float32')\n"
                "    y = np.array(y)\n"
                "    weights, bias = [0.0] * X.shape[1], np.float64(0.0)\n"
                "    def errors(w, b):\n"
                "        return np.count_nonzero(np.where(X @ np.array(w) + b >= 0, 1, 0) != y)\n"
                "    pocket = (list(weights), bias, errors(weights, bias))\n"
                "    for _ in range(max_epochs):\n"
                "        changed = False\n"
                "        for x_i, y_i in zip(X, y):\n"
                "            delta = y_i - (1 if np.dot(weights, x_i) + bias >= 0 else 0)\n"
                "            if delta != 0:\n"
                "                weights = [w + delta * x for w, x in zip(weights, x_i)]\n"
                "                bias = bias + delta\n"
                "                changed = True\n"
                "        e = errors(weights, bias)\n"
                "        if e < pocket[2]:\n"
                "            pocket = (weights, bias, e)\n"
                "        if not changed:\n"
                "            break\n"
                "    return pocket[0], pocket[1], np.int64(pocket[2])\n"
            ),
            "ex3_fold_standardization": (
                "def fold_standardization(mean, std, layers):\n"
                "    mean, std = np.asarray(mean, dtype=float), np.asarray(std, dtype=float)\n"
                "    W1, b1 = (np.asarray(a, dtype=float) for a in layers[0])\n"
                "    W = W1 / std[:, np.newaxis]  # row i of W1 meets (x_i - mean_i) / std_i\n"
                "    b = b1 - (mean / std) @ W1\n"
                "    for W_next, b_next in layers[1:]:\n"
                "        W = np.matmul(W, W_next)\n"
                "        b = np.matmul(b, W_next) + b_next\n"
                "    return W, b\n"
            ),
            "ex4_disk_mlp": (
                "def build_disk_mlp(hidden_units):\n"
                "    model = keras.Sequential([keras.layers.Dense(hidden_units, input_shape=(2,)),\n"
                "                              keras.layers.Activation('tanh'),\n"
                "                              keras.layers.Dense(1, activation='sigmoid')])\n"
                "    model.compile(optimizer=keras.optimizers.Adam(0.05), loss='binary_crossentropy',\n"
                "                  metrics=['binary_accuracy'])\n"
                "    return model\n"
                "\n"
                "\n"
                "DISK_MIN_HIDDEN_UNITS = 3  # a triangle: three lines fence in the disk\n"
            ),
        },
    },
]
