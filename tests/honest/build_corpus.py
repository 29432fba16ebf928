"""Rebuild the honest corpus: correct submissions written in the spellings real learners use.

    .venv/bin/python tests/honest/build_corpus.py

Each notebook starts from a chapter's student release (notebooks/<ch>/<ch>.ipynb), answers every exercise
correctly and mixes in the idioms of tutorials and of Hands-On ML: `tf.keras.*`, `tf.losses`, `tf.metrics`,
`tf.optimizers`, `tf.initializers`, `from tensorflow import keras`, `import tensorflow.keras as keras`,
`from tensorflow.keras import layers`, imports repeated under other aliases, IPython magics, `!pip list`,
large prints and displays, dataclasses and classes with an ordinary `__eq__`, seeding calls, plots,
helper cells between exercises, `warnings.simplefilter("ignore")`, `tf.config.run_functions_eagerly(True)`
and `tf.function` answers. Every notebook must get full marks and the status `graded`, from the batch
grader and from plain nbgrader (tests/test_autograder_honest.py).
"""

import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

# Extra cells, inserted right after the answer cell of the given grade_id (before its test cell).
MAGICS = '''%matplotlib inline
%load_ext autoreload
%autoreload 2
%time _warm = sum(range(1000))
!pip list 2>/dev/null | head -n 3
'''
CELL_TIME = '''%%time
_total = 0
for _i in range(10000):
    _total += _i
'''
REIMPORT = '''import numpy as np
import numpy as numpy_again
import tensorflow as tf
import tensorflow as tensorflow_again
import math as m
import warnings

warnings.simplefilter("ignore")
np.random.seed(42)
keras_seed_source = "keras.utils.set_random_seed"
'''
SEEDS = '''import keras

keras.utils.set_random_seed(7)
tf.keras.utils.set_random_seed(7)
np.random.seed(7)
'''
PRINTS = '''from IPython.display import display

print("x" * 20000)
print(list(range(3000)))
display({"numbers": list(range(500))})
for _row in range(200):
    print(_row, "=" * 40)
'''
DATACLASS = '''from dataclasses import dataclass


@dataclass
class Point:
    x: float
    y: float


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __eq__(self, other):
        return isinstance(other, Money) and self.cents == other.cents

    def __hash__(self):
        return hash(self.cents)


assert Point(1, 2) == Point(1, 2) and Money(5) == Money(5) and Money(5) != Money(6)
'''
PLOT = '''import matplotlib.pyplot as plt

plt.figure(figsize=(3, 2))
plt.plot([0, 1, 2], [0, 1, 4])
plt.title("a quick look")
plt.show()
'''
HELPER = '''def describe(t):
    """A helper of mine: shape and dtype of a tensor."""
    return f"{tuple(t.shape)} {t.dtype.name}"


print(describe(tf.zeros((2, 3))))
'''
EAGER = "tf.config.run_functions_eagerly(True)\n"
NOT_EAGER = "tf.config.run_functions_eagerly(False)\n"

CH01 = {
    "ex1_ones_over_zeros": '''import tensorflow as tf


def ones_over_zeros(n):
    ones = tf.keras.ops.ones((n,))
    zeros = tf.keras.ops.zeros((n,))
    return tf.convert_to_tensor(tf.keras.ops.stack([ones, zeros]))


print(ones_over_zeros(3))
''',
    "ex2_roll_dice": '''def roll_dice(n, sides=6):
    # tf.random.uniform with an integer dtype draws from [minval, maxval)
    return tf.random.uniform(shape=(n,), minval=1, maxval=sides + 1, dtype=tf.int32)
''',
    "ex3_swap_rows": '''def swap_rows(v, i, j):
    rows = tf.gather(v, [j, i])          # read both rows before writing either
    v.scatter_nd_update([[i], [j]], rows)
    return v
''',
    "ex4_pairwise_sq_distances": '''def pairwise_sq_distances(a, b):
    a = tf.convert_to_tensor(a)
    b = tf.convert_to_tensor(b)
    return tf.reduce_sum(tf.square(a[:, tf.newaxis, :] - b[tf.newaxis, :, :]), axis=-1)
''',
    "ex5_root_mean_square": '''@tf.function
def _rms_graph(x):
    return tf.sqrt(tf.reduce_mean(tf.square(x)))


def root_mean_square(x):
    x = tf.convert_to_tensor(x)
    return tf.keras.ops.sqrt(tf.keras.ops.mean(tf.keras.ops.square(x)))


print(root_mean_square(tf.constant([3.0, 4.0])), _rms_graph(tf.constant([3.0, 4.0])))
''',
    "ex6_find_out": '''# my experiments first (tf.zeros((3, 1)) + tf.zeros((1, 4)), ...), then the answers typed in by hand
for _first, _second in [((3, 1), (1, 4)), ((2, 3), (3,)), ((2, 3), (2,)), ((4, 1, 3), (5, 1))]:
    try:
        print(_first, _second, "->", (tf.zeros(_first) + tf.zeros(_second)).shape)
    except tf.errors.InvalidArgumentError as _err:
        print(_first, _second, "-> error:", type(_err).__name__)
print(tf.constant(np.arange(3)).dtype, (tf.constant([1, 2]) / 2).dtype)

BROADCAST_SHAPES = {
    ((3, 1), (1, 4)): (3, 4),
    ((2, 3), (3,)): [2, 3],
    ((2, 3), (2,)): None,
    ((4, 1, 3), (5, 1)): tuple(tf.TensorShape([4, 5, 3])),
}
DTYPES = {
    "tf.constant([1.5, 2.5])": "float32",
    "tf.constant(np.arange(3))": tf.int64,
    "tf.constant(np.ones(2))": "float64",
    "tf.constant([1, 2]) / 2": tf.float64.name,
}
''',
}

CH02 = {
    "ex1_derivative_at": '''from tensorflow import keras


def derivative_at(f, x0):
    x = tf.Variable(float(x0))
    with tf.GradientTape() as tape:
        y = f(x)
    return float(tape.gradient(y, x).numpy())
''',
    "ex2_hessian_diagonal": '''def hessian_diagonal(f, x0):
    x = tf.Variable(x0, dtype=tf.float32)
    n = int(tf.size(x))
    diagonal = []
    for i in range(n):
        with tf.GradientTape() as outer:
            with tf.GradientTape() as inner:
                y = f(x)
            first = inner.gradient(y, x)[i]
        diagonal.append(outer.gradient(first, x)[i])
    return np.array([float(v) for v in diagonal], dtype=np.float32)
''',
    "ex3_mse": '''def mse(y_true, y_pred):
    return tf.keras.losses.MeanSquaredError()(y_true, y_pred)


mse(tf.constant([1.0, 2.0]), tf.constant([1.0, 3.0]))
''',
    "ex4_diverging_rate": '''RATES = [round(0.1 * k, 1) for k in range(5, 16)]  # 0.5, 0.6, ..., 1.5


@tf.function
def my_line_loss(x, y, a, b):
    return tf.reduce_mean(tf.square(a * x + b - y))


def final_mse(x, y, learning_rate, epochs=50):
    a, b = tf.Variable(0.0), tf.Variable(0.0)
    optimizer = tf.keras.optimizers.SGD(learning_rate=learning_rate)
    for _ in range(epochs):
        with tf.GradientTape() as tape:
            loss = my_line_loss(x, y, a, b)
        optimizer.apply_gradients(zip(tape.gradient(loss, [a, b]), [a, b]))
    return float(my_line_loss(x, y, a, b))


start = float(my_line_loss(X, Y, 0.0, 0.0))
finals = {rate: final_mse(X, Y, rate) for rate in RATES}
for rate, value in finals.items():
    print(f"{rate:.1f}: {value:.4g}", "(worse than the start)" if not value <= start else "")
DIVERGING_RATE = min(rate for rate, value in finals.items() if not value <= start)
''',
    "ex5_fit_parabola": '''def fit_parabola(x, y, epochs=300, learning_rate=0.05):
    a, b, c = tf.Variable(0.0), tf.Variable(0.0), tf.Variable(0.0)
    optimizer = tf.optimizers.SGD(learning_rate)
    history = []
    for epoch in range(epochs):
        with tf.GradientTape() as tape:
            loss = tf.losses.MeanSquaredError()(y, a * x**2 + b * x + c)
        optimizer.apply_gradients(zip(tape.gradient(loss, [a, b, c]), [a, b, c]))
        history.append(float(loss))
    return [float(a.numpy()), float(b.numpy()), float(c.numpy())], history
''',
}

CH03 = {
    "ex1_clouds_any_dimension": '''import numpy as np


def make_clouds(mean_0, mean_1, n_per_class, seed=0):
    rng = np.random.default_rng(seed)
    d = len(mean_0)
    cov = 0.5 * np.ones((d, d)) + 0.5 * np.eye(d)
    class_0 = rng.multivariate_normal(mean=mean_0, cov=cov, size=n_per_class)
    class_1 = rng.multivariate_normal(mean=mean_1, cov=cov, size=n_per_class)
    inputs = np.vstack((class_0, class_1)).astype(np.float32)
    targets = np.vstack((np.zeros((n_per_class, 1)), np.ones((n_per_class, 1)))).astype(np.float32)
    return inputs, targets
''',
    "ex2_linear_model": '''def linear_model(inputs, W, b):
    return tf.keras.ops.matmul(inputs, W) + b
''',
    "ex3_safe_square_loss": '''def safe_square_loss(targets, predictions):
    targets = tf.reshape(tf.cast(targets, tf.float32), [-1])
    predictions = tf.reshape(tf.cast(predictions, tf.float32), [-1])
    return tf.keras.losses.MeanSquaredError()(targets, predictions)
''',
    "ex4_bias_trick_step": '''_mse = tf.losses.MeanSquaredError()


def bias_trick_step(inputs, targets, theta, learning_rate=0.1):
    x = tf.convert_to_tensor(inputs, tf.float32)
    design = tf.concat([x, tf.ones((tf.shape(x)[0], 1))], axis=1)
    with tf.GradientTape() as tape:
        loss = _mse(targets, design @ theta)
    theta.assign_sub(learning_rate * tape.gradient(loss, theta))
    return float(loss)
''',
    "ex5_balanced_accuracy": '''def balanced_accuracy(predictions, targets):
    predicted = np.asarray(predictions).reshape(-1) > 0.5
    actual = np.asarray(targets).reshape(-1) > 0.5
    recall_1 = tf.metrics.Recall()
    recall_1.update_state(actual, predicted)
    recall_0 = tf.metrics.Recall()
    recall_0.update_state(~actual, ~predicted)
    return float((recall_0.result() + recall_1.result()) / 2)
''',
    "ex6_decision_line_targets": '''def decision_line(W, b, x, low=0.0, high=1.0):
    w1, w2 = float(W[0][0]), float(W[1][0])
    threshold = (low + high) / 2
    return (threshold - float(b[0]) - w1 * np.asarray(x, dtype=np.float64)) / w2
''',
    "ex7_batches": '''@tf.function
def sgd_step(x, t, W, b, learning_rate):
    with tf.GradientTape() as tape:
        loss = tf.losses.MeanSquaredError()(t, tf.matmul(x, W) + b)
    grad_W, grad_b = tape.gradient(loss, [W, b])
    W.assign_sub(learning_rate * grad_W)
    b.assign_sub(learning_rate * grad_b)


def train_epochs(inputs, targets, batch_size, epochs, learning_rate=0.1, seed=0):
    x = tf.constant(inputs, dtype=tf.float32)
    t = tf.constant(targets, dtype=tf.float32)
    rng = np.random.default_rng(seed)
    W = tf.Variable(tf.zeros((x.shape[1], 1)))
    b = tf.Variable(tf.zeros((1,)))
    history = []
    for _ in range(epochs):
        order = rng.permutation(len(inputs))
        for start in range(0, len(inputs), batch_size):
            rows = order[start:start + batch_size]
            sgd_step(tf.gather(x, rows), tf.gather(t, rows), W, b, tf.constant(learning_rate))
        history.append(float(tf.keras.losses.MeanSquaredError()(t, tf.matmul(x, W) + b)))
    return history


FULL_BATCH_LOSSES = train_epochs(inputs, targets, batch_size=2000, epochs=3)
MINI_BATCH_LOSSES = train_epochs(inputs, targets, batch_size=50, epochs=3)
print(FULL_BATCH_LOSSES, MINI_BATCH_LOSSES)
FEWER_EPOCHS = "mini-batch" if MINI_BATCH_LOSSES[0] < FULL_BATCH_LOSSES[0] else "full-batch"
''',
}

CH04 = {
    "ex1_simple_dense": '''from tensorflow import keras
from tensorflow.keras import layers


class SimpleDense(tf.keras.layers.Layer):
    """outputs = activation(inputs @ W + b)."""

    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = tf.keras.activations.get(activation)

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.W = self.add_weight(shape=(input_dim, self.units), initializer=tf.initializers.RandomNormal(),
                                 name="W")
        self.b = self.add_weight(shape=(self.units,), initializer=tf.keras.initializers.Zeros(), name="b")

    def call(self, inputs):
        return self.activation(tf.matmul(inputs, self.W) + self.b)
''',
    "ex2_param_counts": '''def dense_param_counts(input_dim, units):
    counts, n_in = [], input_dim
    for n_out in units:
        counts.append(n_in * n_out + n_out)
        n_in = n_out
    return counts


print(dense_param_counts(2, [4, 1]))
''',
    "ex3_stratified_split": '''import tensorflow.keras as keras


def stratified_split(inputs, targets, val_fraction=0.3, seed=0):
    rng = np.random.default_rng(seed)
    labels = targets.reshape(-1)
    val_rows = []
    for label in sorted(set(labels.tolist())):
        rows = np.flatnonzero(labels == label)
        val_rows.extend(rng.permutation(rows)[: int(len(rows) * val_fraction)])
    in_val = np.isin(np.arange(len(inputs)), val_rows)
    return inputs[~in_val], targets[~in_val], inputs[in_val], targets[in_val]
''',
    "ex4_train": '''def build_and_train(train_x, train_y, val_x, val_y, epochs):
    model = tf.keras.Sequential([tf.keras.Input(shape=(2,)), layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=tf.optimizers.RMSprop(learning_rate=0.05),
                  loss=tf.losses.BinaryCrossentropy(),
                  metrics=[tf.metrics.BinaryAccuracy()])
    history = model.fit(train_x, train_y, epochs=epochs, batch_size=64, validation_data=(val_x, val_y),
                        verbose=0)
    return model, history
''',
    "ex5_summary": '''def summarize_training(history, scores):
    logs = history.history
    best = int(np.argmin(logs["val_loss"]))
    return {
        "epochs": len(logs["loss"]),
        "best_epoch": best + 1,
        "best_val_loss": float(logs["val_loss"][best]),
        "final_val_accuracy": float(logs["val_binary_accuracy"][-1]),
        "eval_loss": float(scores[0]),
        "eval_accuracy": float(scores[1]),
    }
''',
    "ex6_xor": '''def make_xor(n_per_cloud=100, seed=0):
    """Four Gaussian clouds at (+-2, +-2); class 1 where the two coordinates have opposite signs."""
    rng = np.random.default_rng(seed)
    corners = np.array([[2.0, 2.0], [-2.0, -2.0], [2.0, -2.0], [-2.0, 2.0]])
    points = np.vstack([rng.normal(corner, 0.6, size=(n_per_cloud, 2)) for corner in corners]).astype("float32")
    labels = np.repeat([0.0, 0.0, 1.0, 1.0], n_per_cloud).reshape(-1, 1).astype("float32")
    return points, labels


xor_x, xor_y = make_xor()
EPOCHS_XOR = 20 if FAST else 60
results = {}
for hidden in (None, "relu"):
    tf.keras.utils.set_random_seed(0)
    net = tf.keras.Sequential([tf.keras.Input(shape=(2,)), layers.Dense(16, activation=hidden),
                               layers.Dense(1, activation="sigmoid")])
    net.compile(optimizer=tf.optimizers.Adam(learning_rate=0.05), loss=tf.losses.BinaryCrossentropy(),
                metrics=[tf.metrics.BinaryAccuracy()])
    results[hidden] = net.fit(xor_x, xor_y, epochs=EPOCHS_XOR, verbose=0).history["binary_accuracy"][-1]
print(results)
LINEAR_STACK_ACCURACY = results[None]
RELU_STACK_ACCURACY = results["relu"]
LINEAR_STACK_CAN_FIT_XOR = LINEAR_STACK_ACCURACY > 0.9
''',
}

# name -> (chapter, answers, {grade_id: [extra cells after that answer]})
CASES = {
    "ch01_tf_keras_spellings": ("ch01_tensors", CH01, {
        "ex1_ones_over_zeros": [MAGICS, REIMPORT], "ex2_roll_dice": [SEEDS, PRINTS],
        "ex3_swap_rows": [DATACLASS, HELPER], "ex4_pairwise_sq_distances": [PLOT, CELL_TIME]}),
    "ch02_tf_losses_optimizers": ("ch02_gradient_tape", CH02, {
        "ex1_derivative_at": [MAGICS, SEEDS], "ex2_hessian_diagonal": [EAGER, DATACLASS],
        "ex3_mse": [NOT_EAGER, REIMPORT, PLOT], "ex4_diverging_rate": [PRINTS, CELL_TIME]}),
    "ch03_tf_metrics_losses": ("ch03_linear_classifier", CH03, {
        "ex1_clouds_any_dimension": [REIMPORT, MAGICS], "ex2_linear_model": [SEEDS, PLOT],
        "ex3_safe_square_loss": [DATACLASS, PRINTS], "ex4_bias_trick_step": [EAGER, HELPER],
        "ex5_balanced_accuracy": [NOT_EAGER, CELL_TIME]}),
    "ch04_from_tensorflow_import_keras": ("ch04_keras_workflow", CH04, {
        "ex1_simple_dense": [SEEDS, DATACLASS], "ex2_param_counts": [MAGICS, PRINTS],
        "ex3_stratified_split": [REIMPORT, PLOT], "ex4_train": [HELPER, CELL_TIME]}),
}


def build(name: str) -> nbformat.NotebookNode:
    from coursetools.course import chapter

    ch_id, answers, extras = CASES[name]
    nb = nbformat.read(chapter(ch_id).release, as_version=4)
    cells = []
    for c in nb.cells:
        gid = c.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers:
            c.source = answers[gid]
        cells.append(c)
        for n, extra in enumerate(extras.get(gid, [])):
            cells.append(nbformat.v4.new_code_cell(extra, id=f"{gid}-mine-{n}"))
    nb.cells = cells
    first_code = next(x for x in nb.cells if x.cell_type == "code")
    first_code.source = "# ruff: noqa  (honest-corpus submission: learners' habits, unused imports included)\n" + \
        first_code.source
    nb.metadata["honest"] = {"chapter": ch_id, "about": "correct answers in tutorial spellings"}
    return nb


def main() -> None:
    for old in HERE.glob("*.ipynb"):
        old.unlink()
    for name in CASES:
        nbformat.write(build(name), HERE / f"{name}.ipynb")
    print(f"wrote {len(CASES)} notebooks to {HERE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
