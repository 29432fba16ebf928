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
    # --- exercise 3: a stratified validation split (issue 25)
    {
        "cell": "ex3_stratified_split",
        # section 7's shuffled split: the classes are not split on their own
        "source": (
            "def stratified_split(inputs, targets, val_fraction=0.3, seed=0):\n"
            "    order = np.random.default_rng(seed).permutation(len(inputs))\n"
            "    num_val = int(val_fraction * len(inputs))\n"
            "    x, y = inputs[order], targets[order]\n"
            "    return x[num_val:], y[num_val:], x[:num_val], y[:num_val]\n"
        ),
        "message": "the validation set should hold int(0.3 * 190) = 57 rows of class 0",
    },
    {
        "cell": "ex3_stratified_split",
        # round() where int() is asked
        "source": (
            "def stratified_split(inputs, targets, val_fraction=0.3, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    train, val = [], []\n"
            "    for label in (0, 1):\n"
            "        rows = rng.permutation(np.flatnonzero(targets[:, 0] == label))\n"
            "        k = round(val_fraction * len(rows))\n"
            "        val.extend(rows[:k])\n"
            "        train.extend(rows[k:])\n"
            "    return inputs[train], targets[train], inputs[val], targets[val]\n"
        ),
        "message": "rounded down",
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
    # --- added with issue 12: answers that passed before the tests checked what the task asks
    {
        "cell": "ex1_simple_dense",   # glorot_uniform where random_normal is asked
        "source": (
            "class SimpleDense(keras.layers.Layer):\n"
            "    def __init__(self, units, activation=None, **kwargs):\n"
            "        super().__init__(**kwargs)\n"
            "        self.units = units\n"
            "        self.activation = keras.activations.get(activation)\n"
            "\n"
            "    def build(self, input_shape):\n"
            "        self.W = self.add_weight(shape=(input_shape[-1], self.units), initializer='glorot_uniform')\n"
            "        self.b = self.add_weight(shape=(self.units,), initializer='zeros')\n"
            "\n"
            "    def call(self, inputs):\n"
            "        return self.activation(tf.matmul(inputs, self.W) + self.b)\n"
        ),
        "message": "a normal distribution puts about 4.6 %",
    },
    {
        "cell": "ex1_simple_dense",   # wraps keras.layers.Dense instead of creating its weights
        "source": (
            "class SimpleDense(keras.layers.Layer):\n"
            "    def __init__(self, units, activation=None, **kwargs):\n"
            "        super().__init__(**kwargs)\n"
            "        self.units = units\n"
            "        self.activation = keras.activations.get(activation)\n"
            "        self.dense = keras.layers.Dense(units, kernel_initializer='random_normal')\n"
            "\n"
            "    def build(self, input_shape):\n"
            "        self.dense.build(input_shape)\n"
            "\n"
            "    def call(self, inputs):\n"
            "        return self.activation(self.dense(inputs))\n"
        ),
        "message": "not wrap another layer",
    },
    {
        "cell": "ex1_simple_dense",   # plain tf.Variables in build: not tracked, never trained by fit
        "source": (
            "class SimpleDense(keras.layers.Layer):\n"
            "    def __init__(self, units, activation=None, **kwargs):\n"
            "        super().__init__(**kwargs)\n"
            "        self.units = units\n"
            "        self.activation = keras.activations.get(activation)\n"
            "\n"
            "    def build(self, input_shape):\n"
            "        self.W = tf.Variable(tf.random.normal((input_shape[-1], self.units), stddev=0.05))\n"
            "        self.b = tf.Variable(tf.zeros((self.units,)))\n"
            "\n"
            "    def call(self, inputs):\n"
            "        return self.activation(tf.matmul(inputs, self.W) + self.b)\n"
        ),
        "message": "Create weights with `self.add_weight`",
    },
    {
        "cell": "ex2_param_counts",   # builds Keras layers, which the task forbids
        "source": (
            "def dense_param_counts(input_dim, units):\n"
            "    model = keras.Sequential([keras.Input(shape=(input_dim,))] + [keras.layers.Dense(u) for u in units])\n"
            "    return [layer.count_params() for layer in model.layers]\n"
        ),
        "message": "built Keras objects",
    },
    {
        "cell": "ex3_stratified_split",
        # the first rows of each class, not a random choice
        "source": (
            "def stratified_split(inputs, targets, val_fraction=0.3, seed=0):\n"
            "    train, val = [], []\n"
            "    for label in (0, 1):\n"
            "        rows = np.flatnonzero(targets[:, 0] == label)\n"
            "        k = int(val_fraction * len(rows))\n"
            "        val.extend(rows[:k])\n"
            "        train.extend(rows[k:])\n"
            "    return inputs[train], targets[train], inputs[val], targets[val]\n"
        ),
        "message": "are its first or last rows: choose them at random",
    },
    {
        "cell": "ex3_stratified_split",
        # the targets taken in the original order of the rows: inputs and targets no longer match
        "source": (
            "def stratified_split(inputs, targets, val_fraction=0.3, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    train, val = [], []\n"
            "    for label in (0, 1):\n"
            "        rows = rng.permutation(np.flatnonzero(targets[:, 0] == label))\n"
            "        k = int(val_fraction * len(rows))\n"
            "        val.extend(rows[:k])\n"
            "        train.extend(rows[k:])\n"
            "    return inputs[train], targets[np.sort(train)], inputs[val], targets[np.sort(val)]\n"
        ),
        "message": "some inputs lost their targets",
    },
    {
        "cell": "ex4_train",   # validation_split instead of validation_data
        "source": (
            "def build_and_train(train_x, train_y, val_x, val_y, epochs):\n"
            "    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1, activation='sigmoid')])\n"
            "    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.05), loss='binary_crossentropy',\n"
            "                  metrics=['binary_accuracy'])\n"
            "    history = model.fit(train_x, train_y, epochs=epochs, validation_split=0.3, verbose=0)\n"
            "    return model, history\n"
        ),
        "message": "is not the loss on (val_x, val_y)",
    },
    {
        "cell": "ex4_train",   # raw logits where a probability is asked
        "source": (
            "def build_and_train(train_x, train_y, val_x, val_y, epochs):\n"
            "    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])\n"
            "    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.05),\n"
            "                  loss=keras.losses.BinaryCrossentropy(from_logits=True), metrics=['binary_accuracy'])\n"
            "    history = model.fit(train_x, train_y, epochs=epochs, validation_data=(val_x, val_y), verbose=0)\n"
            "    return model, history\n"
        ),
        "message": "must output probabilities in [0, 1]",
    },
    {
        "cell": "ex4_train",   # one model built once and reused by every call
        "source": (
            "shared_model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1, activation='sigmoid')])\n"
            "shared_model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.05), loss='binary_crossentropy',\n"
            "                     metrics=['binary_accuracy'])\n\n\n"
            "def build_and_train(train_x, train_y, val_x, val_y, epochs):\n"
            "    history = shared_model.fit(train_x, train_y, epochs=epochs, validation_data=(val_x, val_y), verbose=0)\n"
            "    return shared_model, history\n"
        ),
        "message": "build a new model on every call",
    },
    {
        "cell": "ex6_xor",   # the conclusion the wrong way round
        "source": (
            "LINEAR_STACK_ACCURACY = 0.74\n"
            "RELU_STACK_ACCURACY = 0.99\n"
            "LINEAR_STACK_CAN_FIT_XOR = True\n"
        ),
        "message": "compare your LINEAR_STACK_ACCURACY with 0.9",
    },
    {
        "cell": "ex6_xor",   # both runs with the activation: the 'linear' number is not a linear stack's
        "source": (
            "LINEAR_STACK_ACCURACY = 0.99\n"
            "RELU_STACK_ACCURACY = 0.99\n"
            "LINEAR_STACK_CAN_FIT_XOR = False\n"
        ),
        "message": "Did the hidden layer have an activation?",
    },
    # Added with issue 26
    {
        "cell": "ex4_train",   # from_logits=True on a sigmoid output: the loss applies a second sigmoid
        "source": (
            "def build_and_train(train_x, train_y, val_x, val_y, epochs):\n"
            "    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1, activation='sigmoid')])\n"
            "    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.05),\n"
            "                  loss=keras.losses.BinaryCrossentropy(from_logits=True), metrics=['binary_accuracy'])\n"
            "    history = model.fit(train_x, train_y, epochs=epochs, validation_data=(val_x, val_y), verbose=0)\n"
            "    return model, history\n"
        ),
        "message": "compiled with from_logits=True",
    },
    # (two more for exercise 3, at the end so that the other entries keep their positions, which the threshold
    # audit uses to name them)
    {
        "cell": "ex3_stratified_split",
        # np.random.shuffle in place: the caller's arrays are reordered
        "source": (
            "def stratified_split(inputs, targets, val_fraction=0.3, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    state = rng.bit_generator.state\n"
            "    rng.shuffle(inputs)\n"
            "    rng.bit_generator.state = state\n"
            "    rng.shuffle(targets)\n"
            "    train, val = [], []\n"
            "    for label in (0, 1):\n"
            "        rows = np.flatnonzero(targets[:, 0] == label)\n"
            "        k = int(val_fraction * len(rows))\n"
            "        val.extend(rows[:k])\n"
            "        train.extend(rows[k:])\n"
            "    return inputs[train], targets[train], inputs[val], targets[val]\n"
        ),
        "message": "must not modify the arrays passed in",
    },
    {
        "cell": "ex3_stratified_split",
        # a fixed generator: the seed argument is ignored
        "source": (
            "def stratified_split(inputs, targets, val_fraction=0.3, seed=0):\n"
            "    rng = np.random.default_rng(0)\n"
            "    train, val = [], []\n"
            "    for label in (0, 1):\n"
            "        rows = rng.permutation(np.flatnonzero(targets[:, 0] == label))\n"
            "        k = int(val_fraction * len(rows))\n"
            "        val.extend(rows[:k])\n"
            "        train.extend(rows[k:])\n"
            "    return inputs[train], targets[train], inputs[val], targets[val]\n"
        ),
        "message": "seed=3 and seed=4 chose the same validation rows",
    },
]
