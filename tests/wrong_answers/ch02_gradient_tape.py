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
        "cell": "ex3_mse",
        # the silent bug of the classmate's code: a sum, not a mean
        "source": "def mse(y_true, y_pred):\n    return tf.reduce_sum(tf.square(y_pred - y_true))\n",
        "message": "should be 4/3 = 1.3333",
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

    # Exercise 2, the diagonal of the Hessian (issue 25): nested tapes over a vector whose mixed derivatives are not 0.
    {
        "cell": "ex2_hessian_diagonal",
        # the outer tape asked about the whole vector of first derivatives: the sums of the Hessian's rows
        "source": (
            "def hessian_diagonal(f, x0):\n"
            "    x = tf.Variable(np.asarray(x0, dtype='float32'))\n"
            "    with tf.GradientTape() as outer:\n"
            "        with tf.GradientTape() as inner:\n"
            "            y = f(x)\n"
            "        g = inner.gradient(y, x)\n"
            "    return outer.gradient(g, x)\n"
        ),
        "message": "the sums of the Hessian's rows",
    },
    {
        "cell": "ex2_hessian_diagonal",
        # one number: the sum of the diagonal (the Laplacian) from a jacobian
        "source": (
            "def hessian_diagonal(f, x0):\n"
            "    x = tf.Variable(np.asarray(x0, dtype='float32'))\n"
            "    with tf.GradientTape() as outer:\n"
            "        with tf.GradientTape() as inner:\n"
            "            y = f(x)\n"
            "        g = inner.gradient(y, x)\n"
            "    return tf.linalg.trace(outer.jacobian(g, x))\n"
        ),
        "message": "the sum of the n second derivatives",
    },
    {
        "cell": "ex2_hessian_diagonal",
        # the whole Hessian, not its diagonal
        "source": (
            "def hessian_diagonal(f, x0):\n"
            "    x = tf.Variable(np.asarray(x0, dtype='float32'))\n"
            "    with tf.GradientTape() as outer:\n"
            "        with tf.GradientTape() as inner:\n"
            "            y = f(x)\n"
            "        g = inner.gradient(y, x)\n"
            "    return outer.jacobian(g, x)\n"
        ),
        "message": "Hessian: return its diagonal only",
    },
    {
        "cell": "ex2_hessian_diagonal",
        # one tape: the first derivatives
        "source": (
            "def hessian_diagonal(f, x0):\n"
            "    x = tf.Variable(np.asarray(x0, dtype='float32'))\n"
            "    with tf.GradientTape() as tape:\n"
            "        y = f(x)\n"
            "    return tape.gradient(y, x)\n"
        ),
        "message": "returned the first derivatives",
    },
    {
        "cell": "ex2_hessian_diagonal",
        # central finite differences of the tape's first derivatives
        "source": (
            "def hessian_diagonal(f, x0, h=1e-2):\n"
            "    x0 = np.asarray(x0, dtype='float32')\n"
            "    def grad(v):\n"
            "        v = tf.Variable(v)\n"
            "        with tf.GradientTape() as tape:\n"
            "            y = f(v)\n"
            "        return tape.gradient(y, v).numpy()\n"
            "    out = []\n"
            "    for i in range(len(x0)):\n"
            "        step = np.zeros_like(x0)\n"
            "        step[i] = h\n"
            "        out.append((grad(x0 + step)[i] - grad(x0 - step)[i]) / (2 * h))\n"
            "    return np.array(out)\n"
        ),
        "message": "finite differences are not",
    },
    {
        "cell": "ex2_hessian_diagonal",
        # each element taken after the outer block closed: the outer tape answers None
        "source": (
            "def hessian_diagonal(f, x0):\n"
            "    x = tf.Variable(np.asarray(x0, dtype='float32'))\n"
            "    with tf.GradientTape() as outer:\n"
            "        with tf.GradientTape() as inner:\n"
            "            y = f(x)\n"
            "        g = inner.gradient(y, x)\n"
            "    return tf.stack([outer.gradient(g[i], x)[i] for i in range(x.shape[0])])\n"
        ),
        "message": "a gradient was None",
    },
    {
        "cell": "ex2_hessian_diagonal",
        # x0 kept as NumPy's float64: f refuses it
        "source": (
            "def hessian_diagonal(f, x0):\n"
            "    x = tf.Variable(np.asarray(x0, dtype=float))\n"
            "    with tf.GradientTape(persistent=True) as outer:\n"
            "        with tf.GradientTape() as inner:\n"
            "            y = f(x)\n"
            "        g = inner.gradient(y, x)\n"
            "        parts = [g[i] for i in range(len(x0))]\n"
            "    return tf.stack([outer.gradient(p, x)[i] for i, p in enumerate(parts)])\n"
        ),
        "message": "but f takes float32",
    },
    {
        "cell": "ex2_hessian_diagonal",
        # a Python list of floats where one tensor or array is asked
        "source": (
            "def hessian_diagonal(f, x0):\n"
            "    x = tf.Variable(tf.cast(x0, tf.float32))\n"
            "    with tf.GradientTape(persistent=True) as outer:\n"
            "        with tf.GradientTape() as inner:\n"
            "            y = f(x)\n"
            "        g = inner.gradient(y, x)\n"
            "        parts = [g[i] for i in range(len(x0))]\n"
            "    return [float(outer.gradient(p, x)[i]) for i, p in enumerate(parts)]\n"
        ),
        "message": "returned a Python list",
    },

    # Exercise 5, fit a parabola (issue 25): three parameters, the order [a, b, c], the learning_rate argument.
    {
        "cell": "ex5_fit_parabola",
        # the loss recorded after the update
        "source": (
            "def fit_parabola(x, y, epochs=300, learning_rate=0.05):\n"
            "    a, b, c = tf.Variable(0.0), tf.Variable(0.0), tf.Variable(0.0)\n"
            "    losses = []\n"
            "    for _ in range(epochs):\n"
            "        with tf.GradientTape() as tape:\n"
            "            loss = tf.reduce_mean(tf.square(a * x**2 + b * x + c - y))\n"
            "        for v, g in zip([a, b, c], tape.gradient(loss, [a, b, c])):\n"
            "            v.assign_sub(learning_rate * g)\n"
            "        losses.append(float(tf.reduce_mean(tf.square(a * x**2 + b * x + c - y))))\n"
            "    return [float(a), float(b), float(c)], losses\n"
        ),
        "message": "losses[0] should be the MSE before the first update",
    },
    {
        "cell": "ex5_fit_parabola",
        # the coefficients in the order of the features [1, x, x**2]
        "source": (
            "def fit_parabola(x, y, epochs=300, learning_rate=0.05):\n"
            "    theta = tf.Variable(tf.zeros(3))\n"
            "    features = tf.stack([tf.ones_like(x), x, x**2], axis=1)\n"
            "    losses = []\n"
            "    for _ in range(epochs):\n"
            "        with tf.GradientTape() as tape:\n"
            "            loss = tf.reduce_mean(tf.square(tf.linalg.matvec(features, theta) - y))\n"
            "        theta.assign_sub(learning_rate * tape.gradient(loss, theta))\n"
            "        losses.append(float(loss))\n"
            "    return [float(v) for v in theta.numpy()], losses\n"
        ),
        "message": "are in the order [c, b, a]",
    },
    {
        "cell": "ex5_fit_parabola",
        # the rate of section 6 hard-coded: right at the default, wrong at any other rate
        "source": (
            "def fit_parabola(x, y, epochs=300, learning_rate=0.05):\n"
            "    a, b, c = tf.Variable(0.0), tf.Variable(0.0), tf.Variable(0.0)\n"
            "    losses = []\n"
            "    for _ in range(epochs):\n"
            "        with tf.GradientTape() as tape:\n"
            "            loss = tf.reduce_mean(tf.square(a * x**2 + b * x + c - y))\n"
            "        for v, g in zip([a, b, c], tape.gradient(loss, [a, b, c])):\n"
            "            v.assign_sub(0.05 * g)\n"
            "        losses.append(float(loss))\n"
            "    return [float(a), float(b), float(c)], losses\n"
        ),
        "message": "with learning_rate=0.1, losses[1]",
    },
    {
        "cell": "ex5_fit_parabola",
        # c never updated: the line's loop with one more term, but only two parameters trained
        "source": (
            "def fit_parabola(x, y, epochs=300, learning_rate=0.05):\n"
            "    a, b, c = tf.Variable(0.0), tf.Variable(0.0), tf.Variable(0.0)\n"
            "    losses = []\n"
            "    for _ in range(epochs):\n"
            "        with tf.GradientTape() as tape:\n"
            "            loss = tf.reduce_mean(tf.square(a * x**2 + b * x + c - y))\n"
            "        ga, gb = tape.gradient(loss, [a, b])\n"
            "        a.assign_sub(learning_rate * ga)\n"
            "        b.assign_sub(learning_rate * gb)\n"
            "        losses.append(float(loss))\n"
            "    return [float(a), float(b), float(c)], losses\n"
        ),
        "message": "move all three parameters by learning_rate",
    },
    {
        "cell": "ex5_fit_parabola",
        # the live variables and tensors where Python floats are asked
        "source": (
            "def fit_parabola(x, y, epochs=300, learning_rate=0.05):\n"
            "    a, b, c = tf.Variable(0.0), tf.Variable(0.0), tf.Variable(0.0)\n"
            "    losses = []\n"
            "    for _ in range(epochs):\n"
            "        with tf.GradientTape() as tape:\n"
            "            loss = tf.reduce_mean(tf.square(a * x**2 + b * x + c - y))\n"
            "        for v, g in zip([a, b, c], tape.gradient(loss, [a, b, c])):\n"
            "            v.assign_sub(learning_rate * g)\n"
            "        losses.append(loss)\n"
            "    return [a, b, c], losses\n"
        ),
        "message": "coefficients must hold Python floats",
    },
]
