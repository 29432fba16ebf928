"""Plausible wrong answers for chapter 4 (see docs/authoring.md, section 5).

Each entry replaces one solution cell; the autograded notebook must then lose exactly that exercise's points,
with `message` in the failing assertion. Some entries only fail the hidden tests (hard-coded answers).
"""

WRONG_ANSWERS = [
    # --- exercise 1: SimpleDense
    {
        "cell": "ex1_simple_dense",
        "source": (
            "class SimpleDense(keras.layers.Layer):\n"
            "    def __init__(self, units, activation=None, **kwargs):\n"
            "        super().__init__(**kwargs)\n"
            "        self.units = units\n"
            "        self.activation = keras.activations.get(activation)\n"
            "\n"
            "    def build(self, input_shape):\n"
            "        self.W = self.add_weight(shape=(input_shape[-1], self.units), initializer='random_normal', name='W')\n"
            "        self.b = self.add_weight(shape=(self.units,), initializer='zeros', name='b')\n"
            "\n"
            "    def call(self, inputs):\n"
            "        return tf.matmul(inputs, self.W) + self.b  # forgets the activation\n"
        ),
        "message": "the activation is not applied",
    },
    {
        "cell": "ex1_simple_dense",
        "source": (
            "class SimpleDense(keras.layers.Layer):\n"
            "    def __init__(self, units, activation=None, input_dim=784):\n"
            "        super().__init__()\n"
            "        self.units = units\n"
            "        self.activation = keras.activations.get(activation)\n"
            "        self.W = self.add_weight(shape=(input_dim, units), initializer='random_normal', name='W')\n"
            "        self.b = self.add_weight(shape=(units,), initializer='zeros', name='b')\n"
            "\n"
            "    def call(self, inputs):\n"
            "        return self.activation(tf.matmul(inputs, self.W) + self.b)\n"
        ),
        "message": "weights must be created lazily in build()",
    },
    {
        "cell": "ex1_simple_dense",
        "source": (
            "class SimpleDense(keras.layers.Layer):\n"
            "    def __init__(self, units, activation=None):\n"
            "        super().__init__()\n"
            "        self.units = units\n"
            "        self.activation = activation  # a string such as 'relu' is not callable\n"
            "\n"
            "    def build(self, input_shape):\n"
            "        self.W = self.add_weight(shape=(input_shape[-1], self.units), initializer='random_normal', name='W')\n"
            "        self.b = self.add_weight(shape=(self.units,), initializer='zeros', name='b')\n"
            "\n"
            "    def call(self, inputs):\n"
            "        y = tf.matmul(inputs, self.W) + self.b\n"
            "        if self.activation is not None:\n"
            "            y = self.activation(y)\n"
            "        return y\n"
        ),
        "message": "activation='relu') failed with TypeError",
    },
    # --- exercise 2: parameter counts
    {
        "cell": "ex2_param_counts",
        "source": (
            "def dense_param_counts(input_dim, units):\n"
            "    counts, n_in = [], input_dim\n"
            "    for n_out in units:\n"
            "        counts.append(n_in * n_out)  # forgets the biases\n"
            "        n_in = n_out\n"
            "    return counts\n"
        ),
        "message": "expected [256, 650]",
    },
    {
        # hard-codes the two visible examples
        "cell": "ex2_param_counts",
        "source": (
            "def dense_param_counts(input_dim, units):\n"
            "    if input_dim == 3:\n"
            "        return [256, 650]\n"
            "    if input_dim == 784:\n"
            "        return [235500, 90300, 3010]\n"
            "    return [0 for _ in units]\n"
        ),
        "message": "(Keras's own count)",
    },
    # --- exercise 3: validation split
    {
        "cell": "ex3_split",
        "source": (
            "def split_train_val(inputs, targets, val_fraction=0.3, seed=0):\n"
            "    num_val = int(val_fraction * len(inputs))  # no shuffling\n"
            "    return inputs[num_val:], targets[num_val:], inputs[:num_val], targets[:num_val]\n"
        ),
        "message": "shuffle before you split",
    },
    {
        "cell": "ex3_split",
        "source": (
            "def split_train_val(inputs, targets, val_fraction=0.3, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    x, y = inputs[rng.permutation(len(inputs))], targets[rng.permutation(len(targets))]\n"
            "    num_val = int(val_fraction * len(inputs))\n"
            "    return x[num_val:], y[num_val:], x[:num_val], y[:num_val]\n"
        ),
        "message": "some inputs lost their targets",
    },
    # --- exercise 4: compile and fit
    {
        "cell": "ex4_train",
        "source": (
            "def build_and_train(train_x, train_y, val_x, val_y, epochs):\n"
            "    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1, activation='sigmoid')])\n"
            "    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.05), loss='binary_crossentropy',\n"
            "                  metrics=['binary_accuracy'])\n"
            "    history = model.fit(train_x, train_y, epochs=epochs, verbose=0)  # no validation data\n"
            "    return model, history\n"
        ),
        "message": "pass validation_data=(val_x, val_y) to fit",
    },
    {
        "cell": "ex4_train",
        "source": (
            "def build_and_train(train_x, train_y, val_x, val_y, epochs):\n"
            "    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1, activation='sigmoid')])\n"
            "    model.compile(optimizer=keras.optimizers.SGD(learning_rate=1e-4), loss='binary_crossentropy',\n"
            "                  metrics=['binary_accuracy'])\n"
            "    history = model.fit(train_x, train_y, epochs=epochs, validation_data=(val_x, val_y), verbose=0)\n"
            "    return model, history\n"
        ),
        "message": "is below 0.95",
    },
    # --- exercise 5: reading History and evaluate
    {
        "cell": "ex5_summary",
        "source": (
            "def summarize_training(history, scores):\n"
            "    logs = history.history\n"
            "    best = int(np.argmin(logs['val_loss']))\n"
            "    return {'epochs': len(logs['loss']), 'best_epoch': best,  # 0-based\n"
            "            'best_val_loss': logs['val_loss'][best], 'final_val_accuracy': logs['val_binary_accuracy'][-1],\n"
            "            'eval_loss': scores[0], 'eval_accuracy': scores[1]}\n"
        ),
        "message": "best_epoch: expected epoch",
    },
]
