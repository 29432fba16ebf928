"""Plausible wrong answers for chapter 3; each must cost exactly its own exercise's points."""

WRONG_ANSWERS = [
    {
        "cell": "ex1_make_clouds",
        # targets as a flat vector instead of a column
        "source": (
            "def make_clouds(n_per_class=1000, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    cov = [[1.0, 0.5], [0.5, 1.0]]\n"
            "    a = rng.multivariate_normal([0.0, 3.0], cov, size=n_per_class)\n"
            "    c = rng.multivariate_normal([3.0, 0.0], cov, size=n_per_class)\n"
            "    points = np.vstack([a, c]).astype('float32')\n"
            "    labels = np.concatenate([np.zeros(n_per_class), np.ones(n_per_class)]).astype('float32')\n"
            "    return points, labels\n"
        ),
        "message": "targets should have shape (2000, 1)",
    },
    {
        "cell": "ex1_make_clouds",
        # forgot the conversion: NumPy's float64
        "source": (
            "def make_clouds(n_per_class=1000, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    cov = [[1.0, 0.5], [0.5, 1.0]]\n"
            "    a = rng.multivariate_normal([0.0, 3.0], cov, size=n_per_class)\n"
            "    c = rng.multivariate_normal([3.0, 0.0], cov, size=n_per_class)\n"
            "    labels = np.vstack([np.zeros((n_per_class, 1)), np.ones((n_per_class, 1))]).astype('float32')\n"
            "    return np.vstack([a, c]), labels\n"
        ),
        "message": "inputs should be float32",
    },
    {
        "cell": "ex2_linear_model",
        # forgets the bias
        "source": "def linear_model(inputs, W, b):\n    return tf.matmul(inputs, W)\n",
        "message": "did you add the bias b",
    },
    {
        "cell": "ex3_safe_square_loss",
        # the broadcasting trap itself
        "source": "def safe_square_loss(targets, predictions):\n    return tf.reduce_mean(tf.square(targets - predictions))\n",
        "message": "broadcast to a (4, 4) matrix",
    },
    {
        "cell": "ex4_train_step",
        # forgets the learning rate
        "source": (
            "def train_step(inputs, targets, W, b, learning_rate=0.1):\n"
            "    with tf.GradientTape() as tape:\n"
            "        loss = tf.reduce_mean(tf.square(targets - (tf.matmul(inputs, W) + b)))\n"
            "    grad_W, grad_b = tape.gradient(loss, [W, b])\n"
            "    W.assign_sub(grad_W)\n"
            "    b.assign_sub(grad_b)\n"
            "    return loss\n"
        ),
        "message": "after one step W should be",
    },
    {
        "cell": "ex5_accuracy",
        # thresholds the scores at 0 instead of 0.5
        "source": (
            "def accuracy(predictions, targets):\n"
            "    return float(np.mean((np.asarray(predictions) > 0) == (np.asarray(targets) == 1)))\n"
        ),
        "message": "should give 0.75",
    },
    {
        "cell": "ex6_decision_line",
        # sign error when solving for y
        "source": (
            "def decision_line(W, b, x):\n"
            "    w1, w2 = float(W[0, 0]), float(W[1, 0])\n"
            "    return -w1 / w2 * np.asarray(x) + (float(b[0]) - 0.5) / w2\n"
        ),
        "message": "w1*x + w2*y + b = 0.5",
    },
    # Added with issue 12: answers that passed before the tests checked what the task asks.
    {
        "cell": "ex2_linear_model",
        # a NumPy result: right numbers, but a tape cannot differentiate it
        "source": (
            "def linear_model(inputs, W, b):\n"
            "    return np.asarray(inputs) @ np.asarray(W) + np.asarray(b)\n"
        ),
        "message": "return a TensorFlow tensor",
    },
    {
        "cell": "ex2_linear_model",
        # the product the wrong way round: the shape error is explained
        "source": "def linear_model(inputs, W, b):\n    return tf.matmul(W, inputs) + b\n",
        "message": "inputs first, then W",
    },
    {
        "cell": "ex4_train_step",
        # the forward pass outside the tape: None gradients
        "source": (
            "def train_step(inputs, targets, W, b, learning_rate=0.1):\n"
            "    predictions = tf.matmul(inputs, W) + b\n"
            "    with tf.GradientTape() as tape:\n"
            "        loss = tf.reduce_mean(tf.square(targets - predictions))\n"
            "    grad_W, grad_b = tape.gradient(loss, [W, b])\n"
            "    W.assign_sub(learning_rate * grad_W)\n"
            "    b.assign_sub(learning_rate * grad_b)\n"
            "    return loss\n"
        ),
        "message": "a gradient was None",
    },
    {
        "cell": "ex5_accuracy",
        # rounding the scores: wrong for scores outside [-0.5, 1.5)
        "source": (
            "def accuracy(predictions, targets):\n"
            "    return float(np.mean(np.round(np.asarray(predictions)) == np.asarray(targets)))\n"
        ),
        "message": "should give 1.0",
    },
    {
        "cell": "ex5_accuracy",
        # >= where 'above 0.5' is asked
        "source": (
            "def accuracy(predictions, targets):\n"
            "    return float(np.mean((np.asarray(predictions) >= 0.5) == (np.asarray(targets) == 1)))\n"
        ),
        "message": "0.5 itself is class 0",
    },
    {
        "cell": "ex7_batches",
        # the conclusion guessed the wrong way round
        "source": (
            "def train_epochs(inputs, targets, batch_size, epochs, learning_rate=0.1, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    W, b = tf.Variable(tf.zeros((inputs.shape[1], 1))), tf.Variable(tf.zeros((1,)))\n"
            "    losses = []\n"
            "    for _ in range(epochs):\n"
            "        order = rng.permutation(len(inputs))\n"
            "        for start in range(0, len(inputs), batch_size):\n"
            "            rows = order[start:start + batch_size]\n"
            "            with tf.GradientTape() as tape:\n"
            "                loss = tf.reduce_mean(tf.square(targets[rows] - (inputs[rows] @ W + b)))\n"
            "            gW, gb = tape.gradient(loss, [W, b])\n"
            "            W.assign_sub(learning_rate * gW)\n"
            "            b.assign_sub(learning_rate * gb)\n"
            "        losses.append(float(tf.reduce_mean(tf.square(targets - (inputs @ W + b)))))\n"
            "    return losses\n\n\n"
            "FULL_BATCH_LOSSES = train_epochs(inputs, targets, 2000, 3)\n"
            "MINI_BATCH_LOSSES = train_epochs(inputs, targets, 50, 3)\n"
            "FEWER_EPOCHS = 'full-batch'\n"
        ),
        "message": "the other one has the lower loss",
    },
    {
        "cell": "ex7_batches",
        # records the loss of the last batch instead of the loss on all the data
        "source": (
            "def train_epochs(inputs, targets, batch_size, epochs, learning_rate=0.1, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    W, b = tf.Variable(tf.zeros((inputs.shape[1], 1))), tf.Variable(tf.zeros((1,)))\n"
            "    losses = []\n"
            "    for _ in range(epochs):\n"
            "        order = rng.permutation(len(inputs))\n"
            "        for start in range(0, len(inputs), batch_size):\n"
            "            rows = order[start:start + batch_size]\n"
            "            with tf.GradientTape() as tape:\n"
            "                loss = tf.reduce_mean(tf.square(targets[rows] - (inputs[rows] @ W + b)))\n"
            "            gW, gb = tape.gradient(loss, [W, b])\n"
            "            W.assign_sub(learning_rate * gW)\n"
            "            b.assign_sub(learning_rate * gb)\n"
            "        losses.append(float(loss))\n"
            "    return losses\n\n\n"
            "FULL_BATCH_LOSSES = train_epochs(inputs, targets, 2000, 3)\n"
            "MINI_BATCH_LOSSES = train_epochs(inputs, targets, 50, 3)\n"
            "FEWER_EPOCHS = 'mini-batch'\n"
        ),
        "message": "expected the loss on all the data",
    },
    # Added with issue 26: train_epochs must use its arguments and make one generator per call.
    {
        "cell": "ex7_batches",
        # a new generator every epoch: every epoch shuffles the rows in the same order
        "source": (
            "def train_epochs(inputs, targets, batch_size, epochs, learning_rate=0.1, seed=0):\n"
            "    W, b = tf.Variable(tf.zeros((inputs.shape[1], 1))), tf.Variable(tf.zeros((1,)))\n"
            "    losses = []\n"
            "    for _ in range(epochs):\n"
            "        rng = np.random.default_rng(seed)\n"
            "        order = rng.permutation(len(inputs))\n"
            "        for start in range(0, len(inputs), batch_size):\n"
            "            rows = order[start:start + batch_size]\n"
            "            with tf.GradientTape() as tape:\n"
            "                loss = tf.reduce_mean(tf.square(targets[rows] - (inputs[rows] @ W + b)))\n"
            "            gW, gb = tape.gradient(loss, [W, b])\n"
            "            W.assign_sub(learning_rate * gW)\n"
            "            b.assign_sub(learning_rate * gb)\n"
            "        losses.append(float(tf.reduce_mean(tf.square(targets - (inputs @ W + b)))))\n"
            "    return losses\n\n\n"
            "FULL_BATCH_LOSSES = train_epochs(inputs, targets, 2000, 3)\n"
            "MINI_BATCH_LOSSES = train_epochs(inputs, targets, 50, 3)\n"
            "FEWER_EPOCHS = 'mini-batch'\n"
        ),
        "message": "made 2 random generators",
    },
    {
        "cell": "ex7_batches",
        # the seed argument is ignored: the generator is always seeded with 0
        "source": (
            "def train_epochs(inputs, targets, batch_size, epochs, learning_rate=0.1, seed=0):\n"
            "    rng = np.random.default_rng(0)\n"
            "    W, b = tf.Variable(tf.zeros((inputs.shape[1], 1))), tf.Variable(tf.zeros((1,)))\n"
            "    losses = []\n"
            "    for _ in range(epochs):\n"
            "        order = rng.permutation(len(inputs))\n"
            "        for start in range(0, len(inputs), batch_size):\n"
            "            rows = order[start:start + batch_size]\n"
            "            with tf.GradientTape() as tape:\n"
            "                loss = tf.reduce_mean(tf.square(targets[rows] - (inputs[rows] @ W + b)))\n"
            "            gW, gb = tape.gradient(loss, [W, b])\n"
            "            W.assign_sub(learning_rate * gW)\n"
            "            b.assign_sub(learning_rate * gb)\n"
            "        losses.append(float(tf.reduce_mean(tf.square(targets - (inputs @ W + b)))))\n"
            "    return losses\n\n\n"
            "FULL_BATCH_LOSSES = train_epochs(inputs, targets, 2000, 3)\n"
            "MINI_BATCH_LOSSES = train_epochs(inputs, targets, 50, 3)\n"
            "FEWER_EPOCHS = 'mini-batch'\n"
        ),
        "message": "make it from the seed argument",
    },
    {
        "cell": "ex7_batches",
        # the learning rate read from a global instead of the argument
        "source": (
            "RATE = 0.1\n\n\n"
            "def train_epochs(inputs, targets, batch_size, epochs, learning_rate=0.1, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    W, b = tf.Variable(tf.zeros((inputs.shape[1], 1))), tf.Variable(tf.zeros((1,)))\n"
            "    losses = []\n"
            "    for _ in range(epochs):\n"
            "        order = rng.permutation(len(inputs))\n"
            "        for start in range(0, len(inputs), batch_size):\n"
            "            rows = order[start:start + batch_size]\n"
            "            with tf.GradientTape() as tape:\n"
            "                loss = tf.reduce_mean(tf.square(targets[rows] - (inputs[rows] @ W + b)))\n"
            "            gW, gb = tape.gradient(loss, [W, b])\n"
            "            W.assign_sub(RATE * gW)\n"
            "            b.assign_sub(RATE * gb)\n"
            "        losses.append(float(tf.reduce_mean(tf.square(targets - (inputs @ W + b)))))\n"
            "    return losses\n\n\n"
            "FULL_BATCH_LOSSES = train_epochs(inputs, targets, 2000, 3)\n"
            "MINI_BATCH_LOSSES = train_epochs(inputs, targets, 50, 3)\n"
            "FEWER_EPOCHS = 'mini-batch'\n"
        ),
        "message": "trained as if the rate were 0.1",
    },
]
