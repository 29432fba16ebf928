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
]
