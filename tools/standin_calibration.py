"""How hard is the Fashion-MNIST stand-in? Train the reference models on it and compare with the real data.

    .venv/bin/python tools/standin_calibration.py            # full run: writes results/standin_calibration.json
    .venv/bin/python tools/standin_calibration.py --quick    # fewer images and epochs, for iterating on the generator

Writes the stand-in with `data/fashion_mnist_standin.write` into a temporary folder, loads it back with
`keras.datasets.fashion_mnist.load_data()` (timing both), then measures on its 10,000 test images:
logistic regression on pixels / 255 (scikit-learn), the 784-300-100-10 MLP (Adam, early stopping on 5,000
validation images, best weights restored), the same MLP after one and seven epochs of plain SGD (lr 0.01,
batch 32), and the small-data regime of the course's tests (Dense(100) + softmax, 3 epochs on 3,000 images,
validated on 1,000 others, with Adam and with plain SGD). Everything runs on one thread: figures are
deterministic on a given machine, and the run leaves the other cores alone.
"""

import argparse
import datetime
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "TF_NUM_INTRAOP_THREADS",
             "TF_NUM_INTEROP_THREADS"):
    os.environ[_var] = "1"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np

from data import fashion_mnist_standin

# Published figures on the real Fashion-MNIST, quoted for comparison: none of them is measured by this script.
REFERENCE = {
    "note": "published or commonly reported figures on the real Fashion-MNIST, not measured here",
    "mean_pixel": 72.94,
    "zero_pixel_fraction": 0.50,
    "logistic_regression_test_accuracy": 0.84,
    "mlp_300_100_adam_early_stopping_test_accuracy": [0.88, 0.89],
    "mlp_300_100_sgd_val_accuracy_after_1_epoch": 0.82,
    "mlp_300_100_sgd_val_accuracy_after_7_epochs": 0.87,
    "small_data_dense100_adam_3_epochs_val_accuracy": [0.75, 0.80],
    "mlp_per_class_accuracy": {"T-shirt/top": 0.85, "Trouser": ">= 0.95", "Pullover": 0.80, "Dress": 0.89,
                               "Coat": 0.80, "Sandal": ">= 0.95", "Shirt": [0.6, 0.7], "Sneaker": ">= 0.95",
                               "Bag": ">= 0.95", "Ankle boot": ">= 0.95"},
    "largest_confusions": ["Shirt <-> T-shirt/top", "Shirt <-> Pullover", "Shirt <-> Coat", "Pullover <-> Coat",
                           "Sneaker <-> Sandal <-> Ankle boot"],
}
NAMES = fashion_mnist_standin.CLASS_NAMES
TOPS, SHOES = {0, 2, 4, 6}, {5, 7, 9}
TARGETS = {"logistic_regression": (0.82, 0.86), "mlp": (0.86, 0.905)}


def single_thread():
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)


def generate_and_load(folder: Path) -> dict:
    """Write the stand-in, read it back through Keras's own loader, time both."""
    start = time.perf_counter()
    fashion_mnist_standin.write(folder / "datasets" / "fashion-mnist")
    write_s = time.perf_counter() - start
    import keras

    start = time.perf_counter()
    (x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
    load_s = time.perf_counter() - start
    return {"x_train": x_train, "y_train": y_train, "x_test": x_test, "y_test": y_test,
            "seconds": {"write_60k_10k": round(write_s, 2), "keras_load_data": round(load_s, 2)}}


def confusion_report(y_true, y_pred) -> dict:
    """Accuracy, per-class accuracy and the five largest off-diagonal cells of the confusion matrix."""
    matrix = np.zeros((10, 10), dtype=int)
    np.add.at(matrix, (y_true, y_pred), 1)
    per_class = matrix.diagonal() / matrix.sum(axis=1)
    off = matrix.copy()
    np.fill_diagonal(off, 0)
    top = np.argsort(off, axis=None)[::-1][:5]
    confusions = [{"true": NAMES[i // 10], "predicted": NAMES[i % 10], "count": int(off.flat[i])} for i in top]
    in_groups = all({i // 10, i % 10} <= TOPS or {i // 10, i % 10} <= SHOES for i in top)
    return {"accuracy": round(float(matrix.diagonal().sum() / matrix.sum()), 4),
            "per_class_accuracy": {name: round(float(a), 4) for name, a in zip(NAMES, per_class)},
            "hardest_class": NAMES[int(np.argmin(per_class))],
            "top5_confusions": confusions, "top5_confusions_within_groups": bool(in_groups),
            "confusion_matrix": matrix.tolist()}


def logistic_regression(x_train, y_train, x_test, y_test, n_fit: int) -> dict:
    from sklearn.linear_model import LogisticRegression

    start = time.perf_counter()
    model = LogisticRegression(max_iter=300).fit(x_train[:n_fit], y_train[:n_fit])
    seconds = time.perf_counter() - start
    report = confusion_report(y_test, model.predict(x_test))
    return {"trained_on": n_fit, "max_iter": 300, "iterations": int(model.n_iter_.max()),
            "fit_seconds": round(seconds, 1), **report}


def mlp(hidden=(300, 100), seed=42):
    import keras

    keras.utils.set_random_seed(seed)
    layers = [keras.Input(shape=(784,))] + [keras.layers.Dense(n, activation="relu") for n in hidden]
    return keras.Sequential(layers + [keras.layers.Dense(10, activation="softmax")])


def mlp_full(x_train, y_train, x_valid, y_valid, x_test, y_test, max_epochs: int) -> dict:
    """The 300-100 MLP with Adam and early stopping on the validation accuracy, best weights restored."""
    import keras

    model = mlp()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    stop = keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=5, restore_best_weights=True)
    start = time.perf_counter()
    history = model.fit(x_train, y_train, epochs=max_epochs, batch_size=32, validation_data=(x_valid, y_valid),
                        callbacks=[stop], verbose=0)
    seconds = time.perf_counter() - start
    val = history.history["val_accuracy"]
    report = confusion_report(y_test, model.predict(x_test, verbose=0, batch_size=1000).argmax(axis=1))
    return {"trained_on": len(x_train), "epochs_run": len(val), "best_epoch": int(np.argmax(val)) + 1,
            "best_val_accuracy": round(float(max(val)), 4), "fit_seconds": round(seconds, 1),
            "test": report}


def mlp_sgd(x_train, y_train, x_valid, y_valid, epochs: int) -> list[float]:
    """Validation accuracy after each epoch of plain SGD (lr 0.01, batch 32), as in the source notes."""
    import keras

    model = mlp()
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    history = model.fit(x_train, y_train, epochs=epochs, batch_size=32, validation_data=(x_valid, y_valid),
                        verbose=0)
    return [round(float(a), 4) for a in history.history["val_accuracy"]]


def small_data(x_train, y_train, seeds=(0, 1, 2)) -> dict:
    """Dense(100) + softmax, 3 epochs on 3,000 images, validated on the next 1,000: Adam and plain SGD."""
    import keras

    x_small, y_small, x_val, y_val = x_train[:3000], y_train[:3000], x_train[3000:4000], y_train[3000:4000]
    result = {}
    for name, make in (("adam", lambda: keras.optimizers.Adam()),
                       ("sgd_lr0.01", lambda: keras.optimizers.SGD(learning_rate=0.01))):
        scores = []
        for seed in seeds:
            model = mlp(hidden=(100,), seed=seed)
            model.compile(optimizer=make(), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
            history = model.fit(x_small, y_small, epochs=3, batch_size=32, validation_data=(x_val, y_val),
                                verbose=0)
            scores.append(round(float(history.history["val_accuracy"][-1]), 4))
        result[name] = {"val_accuracy_per_seed": scores, "mean": round(float(np.mean(scores)), 4)}
    return result


def machine() -> dict:
    import keras
    import sklearn
    import tensorflow as tf

    cpu = platform.processor() or platform.machine()
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"cpu": cpu, "cores_on_machine": os.cpu_count(), "threads_used": 1, "python": platform.python_version(),
            "numpy": np.__version__, "scikit-learn": sklearn.__version__, "tensorflow": tf.__version__,
            "keras": keras.__version__}


def summary(result: dict) -> list[str]:
    lr, full = result["logistic_regression"], result["mlp_300_100_adam"]["test"]
    lines = [(f"logistic regression ({lr['trained_on']:,} images): {lr['accuracy']:.4f}  target "
              f"{TARGETS['logistic_regression']}, real ~0.84; hardest {lr['hardest_class']}"),
             (f"MLP 300-100 Adam + early stopping: {full['accuracy']:.4f}  target {TARGETS['mlp']}, real ~0.88-0.89; "
              f"hardest {full['hardest_class']}"),
             "  per class: " + ", ".join(f"{k} {v:.2f}" for k, v in full["per_class_accuracy"].items()),
             "  top-5 confusions: " + "; ".join(f"{c['true']} -> {c['predicted']} {c['count']}"
                                                for c in full["top5_confusions"])
             + f" (all within the top or shoe groups: {full['top5_confusions_within_groups']})"]
    if "mlp_300_100_sgd_val_accuracy" in result:
        sgd = result["mlp_300_100_sgd_val_accuracy"]
        lines.append(f"MLP 300-100 plain SGD, val accuracy by epoch: {sgd}  (real: ~0.82 after 1, ~0.87 after 7)")
    small = result["small_data_dense100_3_epochs_3000_images"]
    adam, sgd = small["adam"], small["sgd_lr0.01"]
    lines.append(f"small data, Dense(100), 3 epochs on 3,000: Adam {adam['mean']:.4f} {adam['val_accuracy_per_seed']} "
                 f"(real ~0.75-0.80), plain SGD {sgd['mean']:.4f} {sgd['val_accuracy_per_seed']}")
    return lines


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="20,000 training images, at most 8 epochs, no SGD run")
    parser.add_argument("--output", type=Path, default=ROOT / "results" / "standin_calibration.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="standin-") as tmp:
        os.environ["KERAS_HOME"] = tmp            # Keras reads it once, when it is first imported
        single_thread()
        data = generate_and_load(Path(tmp))
    x_train, y_train = data["x_train"].reshape(-1, 784) / 255.0, data["y_train"]
    x_test, y_test = data["x_test"].reshape(-1, 784) / 255.0, data["y_test"]
    n_fit = 20_000 if args.quick else len(x_train)
    result = {"about": __doc__.split("\n\n")[0].strip(), "quick": args.quick,
              "date": datetime.date.today().isoformat(), "machine": machine(), "seconds": data["seconds"],
              "data": {"train": list(data["x_train"].shape), "test": list(data["x_test"].shape),
                       "mean_pixel": round(float(data["x_train"].mean()), 2),
                       "zero_pixel_fraction": round(float((data["x_train"] == 0).mean()), 3)},
              "targets": {k: list(v) for k, v in TARGETS.items()}}
    print(f"data: {result['data']}, seconds: {result['seconds']}", flush=True)
    result["logistic_regression"] = logistic_regression(x_train, y_train, x_test, y_test, n_fit)
    print(f"logistic regression: {result['logistic_regression']['accuracy']} "
          f"({result['logistic_regression']['fit_seconds']} s)", flush=True)
    x_valid, y_valid, x_fit, y_fit = x_train[:5000], y_train[:5000], x_train[5000:], y_train[5000:]
    if args.quick:
        x_fit, y_fit = x_fit[:n_fit], y_fit[:n_fit]
    result["mlp_300_100_adam"] = mlp_full(x_fit, y_fit, x_valid, y_valid, x_test, y_test, 8 if args.quick else 30)
    print(f"MLP: {result['mlp_300_100_adam']['test']['accuracy']} ({result['mlp_300_100_adam']['epochs_run']} epochs, "
          f"{result['mlp_300_100_adam']['fit_seconds']} s)", flush=True)
    if not args.quick:
        result["mlp_300_100_sgd_val_accuracy"] = mlp_sgd(x_fit, y_fit, x_valid, y_valid, epochs=7)
    result["small_data_dense100_3_epochs_3000_images"] = small_data(x_train, y_train)
    result["reference_real_fashion_mnist"] = REFERENCE
    result["summary"] = summary(result)
    print("\n".join(result["summary"]))
    if args.quick:
        print("MLP confusion matrix (rows: true class):")
        print(np.array(result["mlp_300_100_adam"]["test"]["confusion_matrix"]))
    if not args.quick:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(result, indent=2) + "\n")
        print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
