"""Plausible wrong answers for chapter 5 (see docs/authoring.md, section 6).

Each entry replaces one solution cell; the autograded notebook must then lose exactly that exercise's points,
with `message` in the failing assertion. Some entries only fail the hidden tests (hard-coded answers).
"""

WRONG_ANSWERS = [
    # --- exercise 1: the pocket perceptron (issue 25)
    {
        # returns the weights the run ends with (plain fit_perceptron), no pocket
        "cell": "ex1_pocket",
        "source": (
            "def pocket_perceptron(X, y, max_epochs=30):\n"
            "    w, b, mistakes = fit_perceptron(X, y, max_epochs=max_epochs)\n"
            "    return w, b, int(np.sum(tlu(X, w, b) != y))\n"
        ),
        "message": "keep the best weights seen, not the last ones",
    },
    {
        # updates w in place, so the array in the pocket is the current one: the count belongs to other weights
        "cell": "ex1_pocket",
        "source": (
            "def pocket_perceptron(X, y, max_epochs=30):\n"
            "    X = np.asarray(X, dtype=float)\n"
            "    w, b = np.zeros(X.shape[1]), 0.0\n"
            "    best_w, best_b, best_count = w, b, len(y) + 1\n"
            "    for epoch in range(max_epochs):\n"
            "        for x_i, y_i in zip(X, y):\n"
            "            y_hat = 1 if x_i @ w + b >= 0 else 0\n"
            "            w += (y_i - y_hat) * x_i\n"
            "            b += (y_i - y_hat)\n"
            "        count = int(np.sum(tlu(X, w, b) != y))\n"
            "        if count < best_count:\n"
            "            best_w, best_b, best_count = w, b, count\n"
            "    return best_w, best_b, best_count\n"
        ),
        "message": "you report n_mistakes=",
    },
    {
        # counts the updates made during the epoch instead of the mistakes of the weights at its end
        "cell": "ex1_pocket",
        "source": (
            "def pocket_perceptron(X, y, max_epochs=30):\n"
            "    X = np.asarray(X, dtype=float)\n"
            "    w, b = np.zeros(X.shape[1]), 0.0\n"
            "    best = None\n"
            "    for epoch in range(max_epochs):\n"
            "        errors = 0\n"
            "        for x_i, y_i in zip(X, y):\n"
            "            y_hat = 1 if x_i @ w + b >= 0 else 0\n"
            "            if y_hat != y_i:\n"
            "                w, b, errors = w + (y_i - y_hat) * x_i, b + (y_i - y_hat), errors + 1\n"
            "        if best is None or errors < best[2]:\n"
            "            best = (w, b, errors)\n"
            "        if errors == 0:\n"
            "            break\n"
            "    return best\n"
        ),
        "message": "you report n_mistakes=",
    },
    {
        # the error rate instead of a count
        "cell": "ex1_pocket",
        "source": (
            "def pocket_perceptron(X, y, max_epochs=30):\n"
            "    X = np.asarray(X, dtype=float)\n"
            "    w, b = np.zeros(X.shape[1]), 0.0\n"
            "    best = None\n"
            "    for epoch in range(max_epochs):\n"
            "        for x_i, y_i in zip(X, y):\n"
            "            y_hat = 1 if x_i @ w + b >= 0 else 0\n"
            "            w, b = w + (y_i - y_hat) * x_i, b + (y_i - y_hat)\n"
            "        rate = float(np.mean(tlu(X, w, b) != y))\n"
            "        if best is None or rate < best[2]:\n"
            "            best = (w, b, rate)\n"
            "    return best\n"
        ),
        "message": "n_mistakes must be an int",
    },
    # --- exercise 2: activations and derivatives
    {
        "cell": "ex2_activations",
        "source": (
            "def activation_and_derivative(name, z):\n"
            "    z = np.asarray(z, dtype='float64')\n"
            "    if name == 'step':\n"
            "        return (z >= 0).astype(float), np.zeros_like(z)\n"
            "    if name == 'sigmoid':\n"
            "        s = 1 / (1 + np.exp(-z))\n"
            "        return s, s * (1 - s)\n"
            "    if name == 'tanh':\n"
            "        return np.tanh(z), 1 - np.tanh(z)  # the square is missing\n"
            "    if name == 'relu':\n"
            "        return np.maximum(z, 0), (z > 0).astype(float)\n"
            "    raise ValueError(name)\n"
        ),
        "message": "the derivative of tanh",
    },
    {
        "cell": "ex2_activations",
        "source": (
            "def activation_and_derivative(name, z):\n"
            "    z = np.asarray(z, dtype='float64')\n"
            "    if name == 'step':\n"
            "        return (z >= 0).astype(float), np.zeros_like(z)\n"
            "    if name == 'sigmoid':\n"
            "        s = 1 / (1 + np.exp(-z))\n"
            "        return s, s * (1 - s)\n"
            "    if name == 'tanh':\n"
            "        return np.tanh(z), 1 - np.tanh(z) ** 2\n"
            "    if name == 'relu':\n"
            "        return np.maximum(z, 0), (z >= 0).astype(float)  # 1 at z = 0\n"
            "    raise ValueError(name)\n"
        ),
        "message": "the derivative of relu at z = 0",
    },
    {
        # finite differences between neighbouring entries instead of the derivative
        "cell": "ex2_activations",
        "source": (
            "def activation_and_derivative(name, z):\n"
            "    z = np.asarray(z, dtype='float64')\n"
            "    functions = {'step': lambda t: (t >= 0).astype(float), 'sigmoid': lambda t: 1 / (1 + np.exp(-t)),\n"
            "                 'tanh': np.tanh, 'relu': lambda t: np.maximum(t, 0)}\n"
            "    if name not in functions:\n"
            "        raise ValueError(name)\n"
            "    values = functions[name](z)\n"
            "    return values, np.gradient(values, z)\n"
        ),
        "message": "the derivative of step",
    },
    {
        # loses the shape of z
        "cell": "ex2_activations",
        "source": (
            "def activation_and_derivative(name, z):\n"
            "    z = np.asarray(z, dtype='float64').ravel()\n"
            "    if name == 'step':\n"
            "        return (z >= 0).astype(float), np.zeros_like(z)\n"
            "    if name == 'sigmoid':\n"
            "        s = 1 / (1 + np.exp(-z))\n"
            "        return s, s * (1 - s)\n"
            "    if name == 'tanh':\n"
            "        return np.tanh(z), 1 - np.tanh(z) ** 2\n"
            "    if name == 'relu':\n"
            "        return np.maximum(z, 0), (z > 0).astype(float)\n"
            "    raise ValueError(name)\n"
        ),
        "message": "expected two results of shape (2, 3)",
    },
    {
        # an unknown name silently returns None
        "cell": "ex2_activations",
        "source": (
            "def activation_and_derivative(name, z):\n"
            "    z = np.asarray(z, dtype='float64')\n"
            "    if name == 'step':\n"
            "        return (z >= 0).astype(float), np.zeros_like(z)\n"
            "    if name == 'sigmoid':\n"
            "        s = 1 / (1 + np.exp(-z))\n"
            "        return s, s * (1 - s)\n"
            "    if name == 'tanh':\n"
            "        return np.tanh(z), 1 - np.tanh(z) ** 2\n"
            "    if name == 'relu':\n"
            "        return np.maximum(z, 0), (z > 0).astype(float)\n"
        ),
        "message": "must raise ValueError",
    },
    # --- exercise 3: fold the standardization into one layer (issue 25)
    {
        # section 6's collapse alone: forgets the standardization
        "cell": "ex3_fold_standardization",
        "source": (
            "def fold_standardization(mean, std, layers):\n"
            "    W, b = np.asarray(layers[0][0], dtype=float), np.asarray(layers[0][1], dtype=float)\n"
            "    for W_next, b_next in layers[1:]:\n"
            "        W, b = W @ W_next, b @ W_next + b_next\n"
            "    return W, b\n"
        ),
        "message": "W is wrong",
    },
    {
        # scales the weights but forgets that the mean shifts the bias
        "cell": "ex3_fold_standardization",
        "source": (
            "def fold_standardization(mean, std, layers):\n"
            "    W = np.diag(1 / np.asarray(std, dtype=float))\n"
            "    b = np.zeros(len(std))\n"
            "    for W_next, b_next in layers:\n"
            "        W, b = W @ W_next, b @ W_next + b_next\n"
            "    return W, b\n"
        ),
        "message": "W is right but b is wrong",
    },
    {
        # multiplies by std instead of dividing
        "cell": "ex3_fold_standardization",
        "source": (
            "def fold_standardization(mean, std, layers):\n"
            "    mean, std = np.asarray(mean, dtype=float), np.asarray(std, dtype=float)\n"
            "    W, b = np.diag(std), -mean * std\n"
            "    for W_next, b_next in layers:\n"
            "        W, b = W @ W_next, b @ W_next + b_next\n"
            "    return W, b\n"
        ),
        "message": "W is wrong",
    },
    {
        # subtracts the mean but forgets to divide the shift by std
        "cell": "ex3_fold_standardization",
        "source": (
            "def fold_standardization(mean, std, layers):\n"
            "    mean, std = np.asarray(mean, dtype=float), np.asarray(std, dtype=float)\n"
            "    W, b = np.diag(1 / std), -mean\n"
            "    for W_next, b_next in layers:\n"
            "        W, b = W @ W_next, b @ W_next + b_next\n"
            "    return W, b\n"
        ),
        "message": "W is right but b is wrong",
    },
    {
        # divides the first weight matrix by std along the wrong axis (its columns)
        "cell": "ex3_fold_standardization",
        "source": (
            "def fold_standardization(mean, std, layers):\n"
            "    mean, std = np.asarray(mean, dtype=float), np.asarray(std, dtype=float)\n"
            "    W, b = np.asarray(layers[0][0], dtype=float) / std, np.asarray(layers[0][1], dtype=float)\n"
            "    b = b - (mean / std) @ np.asarray(layers[0][0], dtype=float)\n"
            "    for W_next, b_next in layers[1:]:\n"
            "        W, b = W @ W_next, b @ W_next + b_next\n"
            "    return W, b\n"
        ),
        "message": "expected W of shape (2, 1)",
    },
    # --- exercise 4: an MLP for a disk (issue 25)
    {
        # no hidden nonlinearity: one line in disguise
        "cell": "ex4_disk_mlp",
        "source": (
            "def build_disk_mlp(hidden_units):\n"
            "    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(hidden_units),\n"
            "                              keras.layers.Dense(1, activation='sigmoid')])\n"
            "    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss='binary_crossentropy')\n"
            "    return model\n"
            "\n"
            "\n"
            "DISK_MIN_HIDDEN_UNITS = 3\n"
        ),
        "message": "the hidden layer has no nonlinear activation",
    },
    {
        # Adam's default learning rate: far too slow for 256 steps
        "cell": "ex4_disk_mlp",
        "source": (
            "def build_disk_mlp(hidden_units):\n"
            "    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(hidden_units, activation='tanh'),\n"
            "                              keras.layers.Dense(1, activation='sigmoid')])\n"
            "    model.compile(optimizer='adam', loss='binary_crossentropy')\n"
            "    return model\n"
            "\n"
            "\n"
            "DISK_MIN_HIDDEN_UNITS = 3\n"
        ),
        "message": "of 1000 new points right",
    },
    {
        # two lines seem enough (they are for XOR): a strip or a wedge is not bounded
        "cell": "ex4_disk_mlp",
        "source": (
            "def build_disk_mlp(hidden_units):\n"
            "    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(hidden_units, activation='relu'),\n"
            "                              keras.layers.Dense(1, activation='sigmoid')])\n"
            "    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss='binary_crossentropy')\n"
            "    return model\n"
            "\n"
            "\n"
            "DISK_MIN_HIDDEN_UNITS = 2\n"
        ),
        "message": "DISK_MIN_HIDDEN_UNITS = 2 is not the smallest number that can fence in the disk",
    },
    {
        # one model built once and returned on every call
        "cell": "ex4_disk_mlp",
        "source": (
            "_the_model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(8, activation='tanh'),\n"
            "                               keras.layers.Dense(1, activation='sigmoid')])\n"
            "_the_model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss='binary_crossentropy')\n"
            "\n"
            "\n"
            "def build_disk_mlp(hidden_units):\n"
            "    return _the_model\n"
            "\n"
            "\n"
            "DISK_MIN_HIDDEN_UNITS = 3\n"
        ),
        "message": "must build a new model on every call",
    },
    {
        # ignores hidden_units
        "cell": "ex4_disk_mlp",
        "source": (
            "def build_disk_mlp(hidden_units):\n"
            "    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(16, activation='tanh'),\n"
            "                              keras.layers.Dense(1, activation='sigmoid')])\n"
            "    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss='binary_crossentropy')\n"
            "    return model\n"
            "\n"
            "\n"
            "DISK_MIN_HIDDEN_UNITS = 3\n"
        ),
        "message": "build_disk_mlp(hidden_units=3): the hidden Dense layer has 16 units",
    },
    {
        # the finding as a string
        "cell": "ex4_disk_mlp",
        "source": (
            "def build_disk_mlp(hidden_units):\n"
            "    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(hidden_units, activation='tanh'),\n"
            "                              keras.layers.Dense(1, activation='sigmoid')])\n"
            "    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss='binary_crossentropy')\n"
            "    return model\n"
            "\n"
            "\n"
            "DISK_MIN_HIDDEN_UNITS = '3'\n"
        ),
        "message": "DISK_MIN_HIDDEN_UNITS must be an int",
    },
    # --- exercise 5: output layer and loss
    {
        # a softmax over a single unit always outputs 1
        "cell": "ex5_output_loss",
        "source": (
            "def output_layer_and_loss(task, n_outputs):\n"
            "    if task == 'regression':\n"
            "        return keras.layers.Dense(n_outputs), 'mse'\n"
            "    if task == 'binary':\n"
            "        return keras.layers.Dense(1, activation='softmax'), 'binary_crossentropy'\n"
            "    if task == 'multiclass':\n"
            "        return keras.layers.Dense(n_outputs, activation='softmax'), 'sparse_categorical_crossentropy'\n"
            "    if task == 'multiclass_onehot':\n"
            "        return keras.layers.Dense(n_outputs, activation='softmax'), 'categorical_crossentropy'\n"
            "    raise ValueError(task)\n"
        ),
        "message": "a softmax over one unit always outputs 1",
    },
    {
        # integer labels with the one-hot loss
        "cell": "ex5_output_loss",
        "source": (
            "def output_layer_and_loss(task, n_outputs):\n"
            "    if task == 'regression':\n"
            "        return keras.layers.Dense(n_outputs), 'mse'\n"
            "    if task == 'binary':\n"
            "        return keras.layers.Dense(1, activation='sigmoid'), 'binary_crossentropy'\n"
            "    if task in ('multiclass', 'multiclass_onehot'):\n"
            "        return keras.layers.Dense(n_outputs, activation='softmax'), 'categorical_crossentropy'\n"
            "    raise ValueError(task)\n"
        ),
        "message": "integer labels need a softmax with 'sparse_categorical_crossentropy'",
    },
    {
        # a squashing activation on a regression output
        "cell": "ex5_output_loss",
        "source": (
            "def output_layer_and_loss(task, n_outputs):\n"
            "    if task == 'regression':\n"
            "        return keras.layers.Dense(n_outputs, activation='relu'), 'mse'\n"
            "    if task == 'binary':\n"
            "        return keras.layers.Dense(1, activation='sigmoid'), 'binary_crossentropy'\n"
            "    if task == 'multiclass':\n"
            "        return keras.layers.Dense(n_outputs, activation='softmax'), 'sparse_categorical_crossentropy'\n"
            "    if task == 'multiclass_onehot':\n"
            "        return keras.layers.Dense(n_outputs, activation='softmax'), 'categorical_crossentropy'\n"
            "    raise ValueError(task)\n"
        ),
        "message": "a regression output needs no activation",
    },
    {
        # logits out, but the loss expects probabilities
        "cell": "ex5_output_loss",
        "source": (
            "def output_layer_and_loss(task, n_outputs):\n"
            "    if task == 'regression':\n"
            "        return keras.layers.Dense(n_outputs), 'mse'\n"
            "    if task == 'binary':\n"
            "        return keras.layers.Dense(1), 'binary_crossentropy'\n"
            "    if task == 'multiclass':\n"
            "        return keras.layers.Dense(n_outputs, activation='softmax'), 'sparse_categorical_crossentropy'\n"
            "    if task == 'multiclass_onehot':\n"
            "        return keras.layers.Dense(n_outputs, activation='softmax'), 'categorical_crossentropy'\n"
            "    raise ValueError(task)\n"
        ),
        "message": "BinaryCrossentropy(from_logits=True)",
    },
    {
        "cell": "ex5_output_loss",
        "source": (
            "def output_layer_and_loss(task, n_outputs):\n"
            "    table = {'regression': (None, 'mse'), 'binary': ('sigmoid', 'binary_crossentropy'),\n"
            "             'multiclass': ('softmax', 'sparse_categorical_crossentropy'),\n"
            "             'multiclass_onehot': ('softmax', 'categorical_crossentropy')}\n"
            "    activation, loss = table.get(task, (None, 'mse'))  # an unknown task falls back to regression\n"
            "    return keras.layers.Dense(n_outputs, activation=activation), loss\n"
        ),
        "message": "must raise ValueError (unknown task)",
    },
    # --- exercise 6: does the learning rate matter?
    {
        "cell": "ex6_learning_rate",
        "source": (
            "def epochs_by_learning_rate(X, y, learning_rates, max_epochs=100):\n"
            "    return {lr: len(fit_perceptron(X, y, lr=lr, max_epochs=max_epochs)[2]) for lr in learning_rates}\n"
            "\n"
            "\n"
            "LEARNING_RATE_MATTERS = True  # guessed from gradient descent, not from the runs\n"
            "REASON = 'a'\n"
        ),
        "message": "LEARNING_RATE_MATTERS should be False",
    },
    {
        "cell": "ex6_learning_rate",
        "source": (
            "def epochs_by_learning_rate(X, y, learning_rates, max_epochs=100):\n"
            "    return {lr: len(fit_perceptron(X, y, lr=lr, max_epochs=max_epochs)[2]) for lr in learning_rates}\n"
            "\n"
            "\n"
            "LEARNING_RATE_MATTERS = False\n"
            "REASON = 'c'\n"
        ),
        "message": "does not explain your runs",
    },
    {
        # the total number of mistakes instead of the number of epochs
        "cell": "ex6_learning_rate",
        "source": (
            "def epochs_by_learning_rate(X, y, learning_rates, max_epochs=100):\n"
            "    return {lr: sum(fit_perceptron(X, y, lr=lr, max_epochs=max_epochs)[2]) for lr in learning_rates}\n"
            "\n"
            "\n"
            "LEARNING_RATE_MATTERS = False\n"
            "REASON = 'b'\n"
        ),
        "message": "your function says",
    },
    {
        # forgets to pass max_epochs on (the visible XOR run with max_epochs=3 notices, issue 26)
        "cell": "ex6_learning_rate",
        "source": (
            "def epochs_by_learning_rate(X, y, learning_rates, max_epochs=100):\n"
            "    return {lr: len(fit_perceptron(X, y, lr=lr)[2]) for lr in learning_rates}\n"
            "\n"
            "\n"
            "LEARNING_RATE_MATTERS = False\n"
            "REASON = 'b'\n"
        ),
        "message": "pass max_epochs on to fit_perceptron",
    },
    # Added with issue 26: an argument the function ignores loses the points in the visible test already.
    {
        # the learning rates of the task, whatever learning_rates says
        "cell": "ex6_learning_rate",
        "source": (
            "def epochs_by_learning_rate(X, y, learning_rates, max_epochs=100):\n"
            "    return {lr: len(fit_perceptron(X, y, lr=lr, max_epochs=max_epochs)[2])\n"
            "            for lr in [0.001, 0.01, 0.1, 1.0, 10.0]}\n"
            "\n"
            "\n"
            "LEARNING_RATE_MATTERS = False\n"
            "REASON = 'b'\n"
        ),
        "message": "expected a dict with the learning rates [0.5, 2.0] as keys",
    },
]
