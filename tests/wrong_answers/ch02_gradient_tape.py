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

    # Added with issue 12: answers that passed before the tests checked what the task asks.
    {
        "cell": "ex1_derivative_at",
        # finite differences in float64: the right number without a tape
        "source": (
            "def derivative_at(f, x0, h=1e-6):\n"
            "    up = f(tf.constant(x0 + h, tf.float64))\n"
            "    down = f(tf.constant(x0 - h, tf.float64))\n"
            "    return float((up - down) / (2 * h))\n"
        ),
        "message": "finite differences are not allowed",
    },
    {
        "cell": "ex1_derivative_at",
        # a tensor where a Python float is asked
        "source": (
            "def derivative_at(f, x0):\n"
            "    x = tf.Variable(float(x0))\n"
            "    with tf.GradientTape() as tape:\n"
            "        y = f(x)\n"
            "    return tape.gradient(y, x)\n"
        ),
        "message": "return a Python float, not",
    },
    {
        "cell": "ex1_derivative_at",
        # the hint's float() on an unwatched constant: the message must still say why
        "source": (
            "def derivative_at(f, x0):\n"
            "    x = tf.constant(float(x0))\n"
            "    with tf.GradientTape() as tape:\n"
            "        y = f(x)\n"
            "    return float(tape.gradient(y, x))\n"
        ),
        "message": "The tape did not watch x",
    },
    {
        "cell": "ex2_second_derivative",
        # a tensor where a Python float is asked
        "source": (
            "def second_derivative_at(f, x0):\n"
            "    x = tf.Variable(float(x0))\n"
            "    with tf.GradientTape() as outer:\n"
            "        with tf.GradientTape() as inner:\n"
            "            y = f(x)\n"
            "        dy = inner.gradient(y, x)\n"
            "    return outer.gradient(dy, x)\n"
        ),
        "message": "return a Python float",
    },
    {
        "cell": "ex2_second_derivative",
        # finite differences of finite differences
        "source": (
            "def second_derivative_at(f, x0, h=1e-3):\n"
            "    val = lambda v: float(f(tf.constant(v, tf.float64)))\n"
            "    return (val(x0 + h) - 2 * val(x0) + val(x0 - h)) / h**2\n"
        ),
        "message": "no finite differences",
    },
    {
        "cell": "ex4_diverging_rate",
        # guessed from the text instead of measured
        "source": (
            "RATES = [round(0.1 * k, 1) for k in range(5, 16)]\n\n\n"
            "def final_mse(x, y, learning_rate, epochs=50):\n"
            "    a, b = tf.Variable(0.0), tf.Variable(0.0)\n"
            "    for _ in range(epochs):\n"
            "        with tf.GradientTape() as tape:\n"
            "            loss = line_mse(x, y, a, b)\n"
            "        ga, gb = tape.gradient(loss, [a, b])\n"
            "        a.assign_sub(learning_rate * ga)\n"
            "        b.assign_sub(learning_rate * gb)\n"
            "    return float(line_mse(x, y, a, b))\n\n\n"
            "DIVERGING_RATE = 1.2\n"
        ),
        "message": "look again",
    },
    {
        "cell": "ex4_diverging_rate",
        # returns the loss before the last update, as a tensor
        "source": (
            "RATES = [round(0.1 * k, 1) for k in range(5, 16)]\n\n\n"
            "def final_mse(x, y, learning_rate, epochs=50):\n"
            "    a, b = tf.Variable(0.0), tf.Variable(0.0)\n"
            "    for _ in range(epochs):\n"
            "        with tf.GradientTape() as tape:\n"
            "            loss = line_mse(x, y, a, b)\n"
            "        ga, gb = tape.gradient(loss, [a, b])\n"
            "        a.assign_sub(learning_rate * ga)\n"
            "        b.assign_sub(learning_rate * gb)\n"
            "    return loss\n\n\n"
            "DIVERGING_RATE = 1.0\n"
        ),
        "message": "final_mse must return a Python float",
    },
    {
        "cell": "ex5_fit_line",
        # the live variables and a list of tensors where floats are asked
        "source": (
            "def fit_line(x, y, epochs=200, learning_rate=0.05):\n"
            "    a, b = tf.Variable(0.0), tf.Variable(0.0)\n"
            "    losses = []\n"
            "    for _ in range(epochs):\n"
            "        with tf.GradientTape() as tape:\n"
            "            loss = line_mse(x, y, a, b)\n"
            "        ga, gb = tape.gradient(loss, [a, b])\n"
            "        a.assign_sub(learning_rate * ga)\n"
            "        b.assign_sub(learning_rate * gb)\n"
            "        losses.append(loss)\n"
            "    return a, b, losses\n"
        ),
        "message": "a and b must be Python floats",
    },
    {
        "cell": "ex5_fit_line",
        # floats for a and b, but a list of tensors
        "source": (
            "def fit_line(x, y, epochs=200, learning_rate=0.05):\n"
            "    a, b = tf.Variable(0.0), tf.Variable(0.0)\n"
            "    losses = []\n"
            "    for _ in range(epochs):\n"
            "        with tf.GradientTape() as tape:\n"
            "            loss = line_mse(x, y, a, b)\n"
            "        ga, gb = tape.gradient(loss, [a, b])\n"
            "        a.assign_sub(learning_rate * ga)\n"
            "        b.assign_sub(learning_rate * gb)\n"
            "        losses.append(loss)\n"
            "    return float(a.numpy()), float(b.numpy()), losses\n"
        ),
        "message": "losses must hold Python floats",
    },
]
