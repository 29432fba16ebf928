"""Correct answers to chapter 5 written differently from the reference (see docs/authoring.md, section 6).

Each entry replaces several solution cells and is graded as one notebook, which must score full marks.
"""

RIGHT_ANSWERS = [
    {
        # tf.keras spellings, keras.ops instead of NumPy, RMSprop and ReLU as a separate layer, trial calls and prints
        "name": "tf_keras_ops_rmsprop_prints",
        "cells": {
            "ex1_perceptron_update": (
                "def perceptron_update(w, b, x, y, lr=1.0):\n"
                "    x = np.asarray(x, dtype=float)\n"
                "    y_hat = int(np.dot(w, x) + b >= 0)\n"
                "    error = y - y_hat  # 0 when the prediction is right\n"
                "    return w + lr * error * x, b + lr * error\n"
                "\n"
                "\n"
                "print(perceptron_update(np.array([1.0, -1.0]), 0.0, np.array([2.0, 1.0]), 0))\n"
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
            "ex3_collapse": (
                "from functools import reduce\n"
                "\n"
                "\n"
                "def collapse_linear(layers):\n"
                "    def merge(first, second):\n"
                "        (W1, b1), (W2, b2) = first, second\n"
                "        return tf.matmul(W1, W2), tf.linalg.matvec(tf.transpose(W2), b1) + b2\n"
                "    pairs = [(tf.constant(W, tf.float64), tf.constant(b, tf.float64)) for W, b in layers]\n"
                "    return reduce(merge, pairs)\n"
                "\n"
                "\n"
                "W_try, b_try = collapse_linear([(np.array([[1.0, 2.0]]), np.array([1.0, 0.0])),\n"
                "                                (np.array([[1.0], [1.0]]), np.array([3.0]))])\n"
                "print('W =', W_try.numpy(), 'b =', b_try.numpy())\n"
            ),
            "ex4_xor_mlp": (
                "import tensorflow as tf\n"
                "\n"
                "\n"
                "def build_xor_mlp(hidden_units=16):\n"
                "    model = tf.keras.Sequential()\n"
                "    model.add(tf.keras.Input(shape=(2,)))\n"
                "    model.add(tf.keras.layers.Dense(hidden_units))\n"
                "    model.add(tf.keras.layers.ReLU())\n"
                "    model.add(tf.keras.layers.Dense(1))\n"
                "    model.add(tf.keras.layers.Activation('sigmoid'))\n"
                "    model.compile(optimizer=tf.keras.optimizers.RMSprop(learning_rate=0.02),\n"
                "                  loss=tf.keras.losses.BinaryCrossentropy(), metrics=['accuracy'])\n"
                "    return model\n"
                "\n"
                "\n"
                "trial = build_xor_mlp(4)\n"
                "trial.summary()\n"
                "print(trial.predict(XOR_X, verbose=0).ravel())\n"
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
            "ex1_perceptron_update": (
                "def perceptron_update(w, b, x, y, lr=1.0):\n"
                "    z = sum(wi * xi for wi, xi in zip(w, x)) + b\n"
                "    prediction = 1 if z >= 0 else 0\n"
                "    if prediction != y:\n"
                "        w = np.array([wi + lr * (y - prediction) * xi for wi, xi in zip(w, x)])\n"
                "        b = b + lr * (y - prediction)\n"
                "    return (w, b)\n"
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
            "ex3_collapse": (
                "def collapse_linear(layers):\n"
                "    W = np.eye(np.shape(layers[0][0])[0])\n"
                "    b = np.zeros(np.shape(layers[0][0])[0])\n"
                "    for weights, bias in layers:\n"
                "        W = np.dot(W, weights)\n"
                "        b = np.dot(b, weights) + bias\n"
                "    return W, b\n"
            ),
            "ex4_xor_mlp": (
                "from tensorflow import keras\n"
                "\n"
                "\n"
                "def build_xor_mlp(hidden_units=16):\n"
                "    inputs = keras.Input(shape=(2,))\n"
                "    hidden = keras.layers.Dense(hidden_units, activation='tanh')(inputs)\n"
                "    outputs = keras.layers.Dense(1, activation='sigmoid')(hidden)\n"
                "    model = keras.Model(inputs, outputs)\n"
                "    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.5), loss='binary_crossentropy')\n"
                "    return model\n"
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
]
