"""Chapter 3: the learner's accuracy function on a classifier the test trains itself (Ex5)."""

from tools.threshold_audit.spec import Audit, right, wrong

AUDITS = [
    Audit(
        "ch03_linear_classifier", "ex5_accuracy", margin=0.005,
        why="the test's own classifier is fixed (float64, 40 steps), so the figure is that of the learner's function: "
            "any correct one gives the same number, one that reads scores as probabilities of the other class does not",
        answers=(
            right("NumPy", "def accuracy(predictions, targets):\n"
                           "    return float(np.mean((np.asarray(predictions)[:, 0] > 0.5)"
                           " == (np.asarray(targets)[:, 0] == 1)))\n"),
            right("TensorFlow", "def accuracy(predictions, targets):\n"
                                "    hits = tf.cast(tf.reshape(predictions, [-1]) > 0.5, tf.float32)"
                                " == tf.reshape(tf.cast(targets, tf.float32), [-1])\n"
                                "    return float(tf.reduce_mean(tf.cast(hits, tf.float32)))\n"),
            right("keras.ops", "def accuracy(predictions, targets):\n"
                               "    predicted = keras.ops.cast(keras.ops.greater(predictions, 0.5), 'float32')\n"
                               "    return float(keras.ops.mean(keras.ops.equal(predicted, keras.ops.cast(targets,"
                               " 'float32'))))\n"),
            wrong("classes swapped", "def accuracy(predictions, targets):\n"
                                     "    return float(np.mean((np.asarray(predictions)[:, 0] <= 0.5)"
                                     " == (np.asarray(targets)[:, 0] == 1)))\n"),
        ),
    ),
]
