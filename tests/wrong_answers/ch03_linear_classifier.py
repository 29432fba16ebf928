"""Plausible wrong answers for chapter 3; each must cost exactly its own exercise's points."""

WRONG_ANSWERS = [
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

    # Issue 25: Exercise 1 in any dimension, Exercise 4 with the bias as the last row of one parameter matrix.
    {
        "cell": "ex1_clouds_any_dimension",
        # section 1's 2 × 2 covariance typed in: fails in 3-D
        "source": (
            "def make_clouds(mean_0, mean_1, n_per_class, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    cov = [[1.0, 0.5], [0.5, 1.0]]\n"
            "    a = rng.multivariate_normal(mean_0, cov, size=n_per_class)\n"
            "    c = rng.multivariate_normal(mean_1, cov, size=n_per_class)\n"
            "    labels = np.vstack([np.zeros((n_per_class, 1)), np.ones((n_per_class, 1))]).astype('float32')\n"
            "    return np.vstack([a, c]).astype('float32'), labels\n"
        ),
        "message": "the covariance must be a 3 × 3 matrix",
    },
    {
        "cell": "ex1_clouds_any_dimension",
        # the identity as covariance: the 0.5 off the diagonal is lost
        "source": (
            "def make_clouds(mean_0, mean_1, n_per_class, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    d = len(mean_0)\n"
            "    cov = np.eye(d)\n"
            "    a = rng.multivariate_normal(mean_0, cov, size=n_per_class)\n"
            "    c = rng.multivariate_normal(mean_1, cov, size=n_per_class)\n"
            "    labels = np.vstack([np.zeros((n_per_class, 1)), np.ones((n_per_class, 1))]).astype('float32')\n"
            "    return np.vstack([a, c]).astype('float32'), labels\n"
        ),
        "message": "should have covariance 1 on the diagonal and 0.5 elsewhere",
    },
    {
        "cell": "ex1_clouds_any_dimension",
        # 0.5 on the diagonal too: a matrix full of 0.5 (not even positive definite)
        "source": (
            "def make_clouds(mean_0, mean_1, n_per_class, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    d = len(mean_0)\n"
            "    cov = np.full((d, d), 0.5)\n"
            "    a = rng.multivariate_normal(mean_0, cov, size=n_per_class)\n"
            "    c = rng.multivariate_normal(mean_1, cov, size=n_per_class)\n"
            "    labels = np.vstack([np.zeros((n_per_class, 1)), np.ones((n_per_class, 1))]).astype('float32')\n"
            "    return np.vstack([a, c]).astype('float32'), labels\n"
        ),
        "message": "should have covariance 1 on the diagonal and 0.5 elsewhere",
    },
    {
        "cell": "ex1_clouds_any_dimension",
        # targets as a flat vector instead of a column
        "source": (
            "def make_clouds(mean_0, mean_1, n_per_class, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    d = len(mean_0)\n"
            "    cov = np.full((d, d), 0.5) + 0.5 * np.eye(d)\n"
            "    a = rng.multivariate_normal(mean_0, cov, size=n_per_class)\n"
            "    c = rng.multivariate_normal(mean_1, cov, size=n_per_class)\n"
            "    labels = np.concatenate([np.zeros(n_per_class), np.ones(n_per_class)]).astype('float32')\n"
            "    return np.vstack([a, c]).astype('float32'), labels\n"
        ),
        "message": "targets should have shape (4000, 1)",
    },
    {
        "cell": "ex1_clouds_any_dimension",
        # forgot the conversion: NumPy's float64
        "source": (
            "def make_clouds(mean_0, mean_1, n_per_class, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    d = len(mean_0)\n"
            "    cov = np.full((d, d), 0.5) + 0.5 * np.eye(d)\n"
            "    a = rng.multivariate_normal(mean_0, cov, size=n_per_class)\n"
            "    c = rng.multivariate_normal(mean_1, cov, size=n_per_class)\n"
            "    labels = np.vstack([np.zeros((n_per_class, 1)), np.ones((n_per_class, 1))]).astype('float32')\n"
            "    return np.vstack([a, c]), labels\n"
        ),
        "message": "inputs should be float32",
    },
    {
        "cell": "ex1_clouds_any_dimension",
        # the seed argument ignored
        "source": (
            "def make_clouds(mean_0, mean_1, n_per_class, seed=0):\n"
            "    rng = np.random.default_rng(0)\n"
            "    d = len(mean_0)\n"
            "    cov = np.full((d, d), 0.5) + 0.5 * np.eye(d)\n"
            "    a = rng.multivariate_normal(mean_0, cov, size=n_per_class)\n"
            "    c = rng.multivariate_normal(mean_1, cov, size=n_per_class)\n"
            "    labels = np.vstack([np.zeros((n_per_class, 1)), np.ones((n_per_class, 1))]).astype('float32')\n"
            "    return np.vstack([a, c]).astype('float32'), labels\n"
        ),
        "message": "seed=5 and seed=6 gave the same inputs",
    },
    {
        "cell": "ex4_bias_trick_step",
        # the column of ones on the left: the first row of theta acts as the bias
        "source": (
            "def bias_trick_step(inputs, targets, theta, learning_rate=0.1):\n"
            "    x = tf.concat([tf.ones((len(inputs), 1)), tf.convert_to_tensor(inputs)], axis=1)\n"
            "    with tf.GradientTape() as tape:\n"
            "        loss = tf.reduce_mean(tf.square(x @ theta - targets))\n"
            "    theta.assign_sub(learning_rate * tape.gradient(loss, theta))\n"
            "    return loss\n"
        ),
        "message": "the last row of theta is the bias",
    },
    {
        "cell": "ex4_bias_trick_step",
        # the loss measured again after the update
        "source": (
            "def bias_trick_step(inputs, targets, theta, learning_rate=0.1):\n"
            "    x = tf.concat([tf.convert_to_tensor(inputs), tf.ones((len(inputs), 1))], axis=1)\n"
            "    with tf.GradientTape() as tape:\n"
            "        loss = tf.reduce_mean(tf.square(x @ theta - targets))\n"
            "    theta.assign_sub(learning_rate * tape.gradient(loss, theta))\n"
            "    return tf.reduce_mean(tf.square(x @ theta - targets))\n"
        ),
        "message": "you returned the loss after the update",
    },
    {
        "cell": "ex4_bias_trick_step",
        # the rate of section 6 typed in
        "source": (
            "def bias_trick_step(inputs, targets, theta, learning_rate=0.1):\n"
            "    x = tf.concat([tf.convert_to_tensor(inputs), tf.ones((len(inputs), 1))], axis=1)\n"
            "    with tf.GradientTape() as tape:\n"
            "        loss = tf.reduce_mean(tf.square(x @ theta - targets))\n"
            "    theta.assign_sub(0.1 * tape.gradient(loss, theta))\n"
            "    return loss\n"
        ),
        "message": "moved as if the rate were 0.1",
    },
    {
        "cell": "ex4_bias_trick_step",
        # a new tensor bound to the name theta: the caller's variable does not change
        "source": (
            "def bias_trick_step(inputs, targets, theta, learning_rate=0.1):\n"
            "    x = tf.concat([tf.convert_to_tensor(inputs), tf.ones((len(inputs), 1))], axis=1)\n"
            "    with tf.GradientTape() as tape:\n"
            "        loss = tf.reduce_mean(tf.square(x @ theta - targets))\n"
            "    theta = theta - learning_rate * tape.gradient(loss, theta)\n"
            "    return loss\n"
        ),
        "message": "theta was not updated in place",
    },
    {
        "cell": "ex4_bias_trick_step",
        # a sum where the mean over the samples is asked
        "source": (
            "def bias_trick_step(inputs, targets, theta, learning_rate=0.1):\n"
            "    x = tf.concat([tf.convert_to_tensor(inputs), tf.ones((len(inputs), 1))], axis=1)\n"
            "    with tf.GradientTape() as tape:\n"
            "        loss = tf.reduce_sum(tf.square(x @ theta - targets))\n"
            "    theta.assign_sub(learning_rate * tape.gradient(loss, theta))\n"
            "    return loss\n"
        ),
        "message": "expected the square loss before the update",
    },
    {
        "cell": "ex4_bias_trick_step",
        # the ones column in float64 next to float32 inputs: concat fails
        "source": (
            "def bias_trick_step(inputs, targets, theta, learning_rate=0.1):\n"
            "    x = tf.concat([tf.convert_to_tensor(inputs), tf.ones((len(inputs), 1), dtype=tf.float64)], axis=1)\n"
            "    with tf.GradientTape() as tape:\n"
            "        loss = tf.reduce_mean(tf.square(x @ theta - targets))\n"
            "    theta.assign_sub(learning_rate * tape.gradient(loss, theta))\n"
            "    return loss\n"
        ),
        "message": "Append a column of ones (one row per sample, float32)",
    },

    # Issue 25: Exercise 5 asks for balanced accuracy, Exercise 6 for the decision line of other targets.
    {
        "cell": "ex5_balanced_accuracy",
        # the plain accuracy of section 7
        "source": (
            "def balanced_accuracy(predictions, targets):\n"
            "    predicted = np.asarray(predictions).reshape(-1) > 0.5\n"
            "    return float(np.mean(predicted == (np.asarray(targets).reshape(-1) == 1)))\n"
        ),
        "message": "you returned the plain accuracy",
    },
    {
        "cell": "ex5_balanced_accuracy",
        # >= where 'strictly above 0.5' is asked
        "source": (
            "def balanced_accuracy(predictions, targets):\n"
            "    predicted = np.asarray(predictions).reshape(-1) >= 0.5\n"
            "    actual = np.asarray(targets).reshape(-1) == 1\n"
            "    return float((np.mean(~predicted[~actual]) + np.mean(predicted[actual])) / 2)\n"
        ),
        "message": "a score strictly above 0.5 is class 1",
    },
    {
        "cell": "ex5_balanced_accuracy",
        # the per-class counts divided by all N points, not by the size of each class
        "source": (
            "def balanced_accuracy(predictions, targets):\n"
            "    predicted = np.asarray(predictions).reshape(-1) > 0.5\n"
            "    actual = np.asarray(targets).reshape(-1) == 1\n"
            "    return float((np.sum(~predicted & ~actual) / len(actual) + np.sum(predicted & actual) / len(actual)) / 2)\n"
        ),
        "message": "expected balanced accuracy 0.5000",
    },
    {
        "cell": "ex5_balanced_accuracy",
        # only the accuracy on class 1 (the share of class-1 points found)
        "source": (
            "def balanced_accuracy(predictions, targets):\n"
            "    predicted = np.asarray(predictions).reshape(-1) > 0.5\n"
            "    actual = np.asarray(targets).reshape(-1) == 1\n"
            "    return float(np.mean(predicted[actual]))\n"
        ),
        "message": "expected balanced accuracy 0.5000, got 0.0000",
    },
    {
        "cell": "ex6_decision_line_targets",
        # section 8's line: 0.5 whatever the targets
        "source": (
            "def decision_line(W, b, x, low=0.0, high=1.0):\n"
            "    w1, w2, bias = float(W[0, 0]), float(W[1, 0]), float(b[0])\n"
            "    return -w1 / w2 * np.asarray(x) + (0.5 - bias) / w2\n"
        ),
        "message": "your line is where the score equals 0.5",
    },
    {
        "cell": "ex6_decision_line_targets",
        # section 8's 0.5 counted from low, not the midpoint of low and high
        "source": (
            "def decision_line(W, b, x, low=0.0, high=1.0):\n"
            "    w1, w2, bias = float(W[0, 0]), float(W[1, 0]), float(b[0])\n"
            "    return -w1 / w2 * np.asarray(x) + (low + 0.5 - bias) / w2\n"
        ),
        "message": "but on the decision line w1*x + w2*y + b = 0.0",
    },
    {
        "cell": "ex6_decision_line_targets",
        # sign error when solving for y
        "source": (
            "def decision_line(W, b, x, low=0.0, high=1.0):\n"
            "    w1, w2, bias = float(W[0, 0]), float(W[1, 0]), float(b[0])\n"
            "    return w1 / w2 * np.asarray(x) + ((low + high) / 2 - bias) / w2\n"
        ),
        "message": "but on the decision line w1*x + w2*y + b = 0.5",
    },
]
