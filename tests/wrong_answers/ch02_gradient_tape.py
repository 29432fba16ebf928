"""Plausible wrong answers for chapter 2; each must cost exactly its own exercise's points."""

WRONG_ANSWERS = [
    {
        "cell": "ex1_derivative_at",
        # a constant that nobody told the tape to watch: the gradient is None
        "source": (
            "def derivative_at(f, x0):\n"
            "    x = tf.constant(float(x0))\n"
            "    with tf.GradientTape() as tape:\n"
            "        y = f(x)\n"
            "    return tape.gradient(y, x)\n"
        ),
        "message": "the tape did not watch x",
    },
    {
        "cell": "ex2_second_derivative",
        # one tape only: the first derivative
        "source": (
            "def second_derivative_at(f, x0):\n"
            "    x = tf.Variable(float(x0))\n"
            "    with tf.GradientTape() as tape:\n"
            "        y = f(x)\n"
            "    return float(tape.gradient(y, x))\n"
        ),
        "message": "has second derivative 9.8 at every t",
    },
    {
        "cell": "ex3_mse",
        # the silent bug of the classmate's code: a sum, not a mean
        "source": "def mse(y_true, y_pred):\n    return tf.reduce_sum(tf.square(y_pred - y_true))\n",
        "message": "should be 4/3 = 1.3333",
    },
    {
        "cell": "ex4_train_step",
        # climbs the loss instead of descending
        "source": (
            "def train_step(x, y, a, b, learning_rate):\n"
            "    with tf.GradientTape() as tape:\n"
            "        loss = tf.reduce_mean(tf.square(a * x + b - y))\n"
            "    grad_a, grad_b = tape.gradient(loss, [a, b])\n"
            "    a.assign_add(learning_rate * grad_a)\n"
            "    b.assign_add(learning_rate * grad_b)\n"
            "    return loss\n"
        ),
        "message": "after one step a should be 0.85",
    },
    {
        "cell": "ex4_train_step",
        # rebinding b instead of updating the variable
        "source": (
            "def train_step(x, y, a, b, learning_rate):\n"
            "    with tf.GradientTape() as tape:\n"
            "        loss = tf.reduce_mean(tf.square(a * x + b - y))\n"
            "    grad_a, grad_b = tape.gradient(loss, [a, b])\n"
            "    a.assign_sub(learning_rate * grad_a)\n"
            "    b = b - learning_rate * grad_b\n"
            "    return loss\n"
        ),
        "message": "update the variable with b.assign_sub",
    },
    {
        "cell": "ex5_fit_line",
        # forgets to update b
        "source": (
            "def fit_line(x, y, epochs=200, learning_rate=0.05):\n"
            "    a = tf.Variable(0.0)\n"
            "    b = tf.Variable(0.0)\n"
            "    losses = []\n"
            "    for _ in range(epochs):\n"
            "        with tf.GradientTape() as tape:\n"
            "            loss = tf.reduce_mean(tf.square(a * x + b - y))\n"
            "        a.assign_sub(learning_rate * tape.gradient(loss, a))\n"
            "        losses.append(float(loss))\n"
            "    return float(a.numpy()), float(b.numpy()), losses\n"
        ),
        "message": "fitted b =",
    },
]
