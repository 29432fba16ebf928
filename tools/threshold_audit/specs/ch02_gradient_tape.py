"""Chapter 2: the line fitted by the learner's full-batch gradient descent (Ex5); the algorithm is fixed by the task."""

from tools.threshold_audit.spec import Audit, right, wrong

TAPE = '''
def fit_line(x, y, epochs=200, learning_rate=0.05):
    a, b = tf.Variable(0.0), tf.Variable(0.0)
    losses = []
    for _ in range(epochs):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(a * x + b - y))
        grad_a, grad_b = tape.gradient(loss, [a, b])
        {update}
        losses.append(float(loss))
    return float(a.numpy()), float(b.numpy()), losses
'''
BY_HAND = '''
def fit_line(x, y, epochs=200, learning_rate=0.05):
    x, y = np.asarray(x, dtype="float32"), np.asarray(y, dtype="float32")
    a = b = np.float32(0.0)
    losses = []
    for _ in range(epochs):
        residual = a * x + b - y
        losses.append(float(np.mean(residual ** 2)))
        a, b = a - learning_rate * np.mean(2 * residual * x), b - learning_rate * np.mean(2 * residual)
    return float(a), float(b), losses
'''
ASSIGN = "a.assign_sub(learning_rate * grad_a)\n        b.assign_sub(learning_rate * grad_b)"

AUDITS = [
    Audit(
        "ch02_gradient_tape", "ex5_fit_line", margin=0.005,
        why="the task fixes the algorithm and the data: any implementation lands on the same line; an update with "
            "the wrong sign or a tenth of the rate does not",
        answers=(
            right("tape and assign_sub", TAPE.format(update=ASSIGN)),
            right("an optimizer doing plain SGD", TAPE.replace("    a, b = tf.Variable(0.0), tf.Variable(0.0)\n",
                                                               "    a, b = tf.Variable(0.0), tf.Variable(0.0)\n"
                                                               "    sgd = keras.optimizers.SGD(learning_rate)\n")
                  .format(update="sgd.apply_gradients(zip([grad_a, grad_b], [a, b]))")),
            right("gradients by hand in NumPy", BY_HAND),
            wrong("a tenth of the learning rate", TAPE.format(update=ASSIGN.replace("learning_rate *",
                                                                                    "0.1 * learning_rate *"))),
            wrong("only b is updated", TAPE.format(update="b.assign_sub(learning_rate * grad_b)")),
        ),
    ),
]
