"""Plausible wrong answers for chapter 5 (see docs/authoring.md, section 6).

Each entry replaces one solution cell; the autograded notebook must then lose exactly that exercise's points,
with `message` in the failing assertion. Some entries only fail the hidden tests (hard-coded answers).
"""

WRONG_ANSWERS = [
    # --- exercise 1: one step of the perceptron rule
    {
        # the delta (Widrow-Hoff) rule: updates on every sample, not only on mistakes
        "cell": "ex1_perceptron_update",
        "source": (
            "def perceptron_update(w, b, x, y, lr=1.0):\n"
            "    z = np.dot(x, w) + b\n"
            "    return w + lr * (y - z) * np.asarray(x), b + lr * (y - z)\n"
        ),
        "message": "a correctly classified sample must leave w and b unchanged",
    },
    {
        # updates on every sample with the label alone (Hebb's rule)
        "cell": "ex1_perceptron_update",
        "source": (
            "def perceptron_update(w, b, x, y, lr=1.0):\n"
            "    return w + lr * (2 * y - 1) * np.asarray(x), b + lr * (2 * y - 1)\n"
        ),
        "message": "must leave w and b unchanged",
    },
    {
        # modifies the caller's array in place
        "cell": "ex1_perceptron_update",
        "source": (
            "def perceptron_update(w, b, x, y, lr=1.0):\n"
            "    y_hat = 1 if np.dot(x, w) + b >= 0 else 0\n"
            "    w += lr * (y - y_hat) * np.asarray(x)\n"
            "    return w, b + lr * (y - y_hat)\n"
        ),
        "message": "changed the array w that was passed in",
    },
    {
        # the wrong side of the tie: predicts 0 at z = 0
        "cell": "ex1_perceptron_update",
        "source": (
            "def perceptron_update(w, b, x, y, lr=1.0):\n"
            "    y_hat = 1 if np.dot(x, w) + b > 0 else 0\n"
            "    return w + lr * (y - y_hat) * np.asarray(x), b + lr * (y - y_hat)\n"
        ),
        "message": "at z = 0 the unit predicts 1",
    },
    {
        # moves the weights the wrong way
        "cell": "ex1_perceptron_update",
        "source": (
            "def perceptron_update(w, b, x, y, lr=1.0):\n"
            "    y_hat = 1 if np.dot(x, w) + b >= 0 else 0\n"
            "    return w - lr * (y - y_hat) * np.asarray(x), b - lr * (y - y_hat)\n"
        ),
        "message": "a mistake: expected w + lr*(y - y_hat)*x",
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
    # --- exercise 3: collapse linear layers
    {
        # keeps only the last bias
        "cell": "ex3_collapse",
        "source": (
            "def collapse_linear(layers):\n"
            "    W = np.asarray(layers[0][0])\n"
            "    for W_next, _ in layers[1:]:\n"
            "        W = W @ np.asarray(W_next)\n"
            "    return W, np.asarray(layers[-1][1])\n"
        ),
        "message": "each bias also goes through the weights of every later layer",
    },
    {
        # adds the biases without pushing them through the later weights
        "cell": "ex3_collapse",
        "source": (
            "def collapse_linear(layers):\n"
            "    W, b = np.asarray(layers[0][0]), np.asarray(layers[0][1])\n"
            "    for W_next, b_next in layers[1:]:\n"
            "        W = W @ np.asarray(W_next)\n"
            "        b = b[: len(b_next)] + np.asarray(b_next)\n"
            "    return W, b\n"
        ),
        "message": "wrong bias",
    },
    {
        # multiplies in the wrong order
        "cell": "ex3_collapse",
        "source": (
            "def collapse_linear(layers):\n"
            "    W, b = np.asarray(layers[0][0]), np.asarray(layers[0][1])\n"
            "    for W_next, b_next in layers[1:]:\n"
            "        W = np.asarray(W_next) @ W\n"
            "        b = b @ np.asarray(W_next) + np.asarray(b_next)\n"
            "    return W, b\n"
        ),
        "message": "expected W of shape (1, 1)",
    },
    # --- exercise 4: an MLP for XOR
    {
        # no hidden nonlinearity: one line in disguise
        "cell": "ex4_xor_mlp",
        "source": (
            "def build_xor_mlp(hidden_units=16):\n"
            "    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(hidden_units),\n"
            "                              keras.layers.Dense(1, activation='sigmoid')])\n"
            "    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss='binary_crossentropy')\n"
            "    return model\n"
        ),
        "message": "the hidden layer has no nonlinear activation",
    },
    {
        # a trick: a linear hidden layer and the nonlinearity smuggled into the output activation
        "cell": "ex4_xor_mlp",
        "source": (
            "def build_xor_mlp(hidden_units=16):\n"
            "    model = keras.Sequential([\n"
            "        keras.Input(shape=(2,)),\n"
            "        keras.layers.Dense(hidden_units, activation='linear'),\n"
            "        keras.layers.Dense(1, activation=lambda z: keras.ops.sigmoid(4.0 * z * z - 2.0)),\n"
            "    ])\n"
            "    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss='binary_crossentropy')\n"
            "    return model\n"
        ),
        "message": "end with Dense(1, activation='sigmoid')",
    },
    {
        # Adam's default learning rate: far too slow for 256 steps
        "cell": "ex4_xor_mlp",
        "source": (
            "def build_xor_mlp(hidden_units=16):\n"
            "    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(hidden_units, activation='tanh'),\n"
            "                              keras.layers.Dense(1, activation='sigmoid')])\n"
            "    model.compile(optimizer='adam', loss='binary_crossentropy')\n"
            "    return model\n"
        ),
        "message": "the model predicts",
    },
    {
        # one model built once and returned on every call
        "cell": "ex4_xor_mlp",
        "source": (
            "_the_model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(16, activation='tanh'),\n"
            "                               keras.layers.Dense(1, activation='sigmoid')])\n"
            "_the_model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss='binary_crossentropy')\n"
            "\n"
            "\n"
            "def build_xor_mlp(hidden_units=16):\n"
            "    return _the_model\n"
        ),
        "message": "must build a new model on every call",
    },
    {
        # ignores hidden_units (the visible test builds one with hidden_units=5 since issue 26)
        "cell": "ex4_xor_mlp",
        "source": (
            "def build_xor_mlp(hidden_units=16):\n"
            "    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(16, activation='relu'),\n"
            "                              keras.layers.Dense(1, activation='sigmoid')])\n"
            "    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss='binary_crossentropy')\n"
            "    return model\n"
        ),
        "message": "build_xor_mlp(hidden_units=5): the hidden Dense layer has 16 units",
    },
    {
        "cell": "ex4_xor_mlp",
        "source": (
            "def build_xor_mlp(hidden_units=16):\n"
            "    return keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(hidden_units, activation='tanh'),\n"
            "                             keras.layers.Dense(1, activation='sigmoid')])\n"
        ),
        "message": "the model is not compiled",
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
