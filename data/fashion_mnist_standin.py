"""A learnable stand-in for Fashion-MNIST, written in the real idx `.gz` format.

The real files are not available offline here, so tests use images drawn from ten simple garment
silhouettes (one per real class, in the real label order), randomly shifted, stretched, dimmed and
noised. The files are byte-compatible with the originals, so `keras.datasets.fashion_mnist.load_data()`
reads them unchanged. A small MLP reaches roughly 0.85-0.95 accuracy: high enough that accuracy checks
mean something, low enough that the task is not trivial.
"""

import gzip
import struct
from pathlib import Path

import numpy as np

FILES = {
    "train_labels": "train-labels-idx1-ubyte.gz",
    "train_images": "train-images-idx3-ubyte.gz",
    "test_labels": "t10k-labels-idx1-ubyte.gz",
    "test_images": "t10k-images-idx3-ubyte.gz",
}
CLASS_NAMES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
SIZE = 28


def _box(img, top, bottom, left, right, value=1.0):
    img[top:bottom, left:right] = np.maximum(img[top:bottom, left:right], value)


def _silhouettes() -> np.ndarray:
    """Ten 28x28 prototypes in [0, 1], one per Fashion-MNIST class."""
    protos = np.zeros((10, SIZE, SIZE), dtype=np.float32)
    t, trouser, pullover, dress, coat, sandal, shirt, sneaker, bag, boot = protos
    _box(t, 5, 24, 8, 20); _box(t, 5, 11, 3, 25)                                   # short sleeves
    _box(trouser, 3, 26, 9, 19); trouser[12:26, 13:15] = 0                         # two legs
    _box(pullover, 5, 23, 8, 20); _box(pullover, 5, 21, 3, 8, .8); _box(pullover, 5, 21, 20, 25, .8)
    for row in range(4, 26):                                                       # flared dress
        half = 3 + (row - 4) * 8 // 22
        _box(dress, row, row + 1, 14 - half, 14 + half)
    _box(coat, 3, 26, 7, 21); _box(coat, 3, 24, 2, 7, .9); _box(coat, 3, 24, 21, 26, .9)
    coat[5:26, 13:15] = .35                                                        # zip line
    for row in (14, 17, 20):                                                       # sandal straps
        _box(sandal, row, row + 1, 3, 25, .8)
    _box(sandal, 21, 23, 2, 26)
    _box(shirt, 5, 24, 8, 20, .75); _box(shirt, 5, 20, 3, 8, .6); _box(shirt, 5, 20, 20, 25, .6)
    _box(shirt, 4, 7, 11, 17)                                                      # collar
    _box(sneaker, 15, 22, 3, 25, .85); _box(sneaker, 11, 15, 12, 25, .85); _box(sneaker, 21, 23, 2, 26)
    _box(bag, 10, 25, 4, 24, .9); bag[5:10, 9:11] = 1; bag[5:10, 17:19] = 1; bag[5:7, 9:19] = 1
    _box(boot, 4, 23, 13, 22); _box(boot, 16, 23, 3, 22); _box(boot, 22, 25, 2, 23, .7)
    return protos


def make_images(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Draw `n` labelled 28x28 uint8 images, classes balanced, order shuffled."""
    rng = np.random.default_rng(seed)
    protos = _silhouettes()
    labels = rng.permutation(np.arange(n) % 10).astype(np.uint8)
    images = np.empty((n, SIZE, SIZE), dtype=np.float32)
    shifts = rng.integers(-3, 4, size=(n, 2))
    for i, label in enumerate(labels):
        images[i] = np.roll(protos[label], tuple(shifts[i]), axis=(0, 1))
    # Blend in a random other class so that neighbouring classes overlap, as in the real data.
    others = rng.integers(0, 10, size=n)
    images = (1 - (mix := rng.uniform(0, .45, (n, 1, 1)))) * images + mix * protos[others]
    images *= rng.uniform(.55, 1.0, (n, 1, 1))                     # fabric brightness
    images += rng.normal(0, .12, images.shape)                     # texture
    return (np.clip(images, 0, 1) * 255).round().astype(np.uint8), labels


def _write_idx(path: Path, array: np.ndarray) -> None:
    magic = 0x0801 if array.ndim == 1 else 0x0803                  # unsigned byte, 1 or 3 dimensions
    header = struct.pack(f">I{array.ndim}I", magic, *array.shape)
    # mtime=0 keeps the bytes identical run to run. Level 1: every test process writes these files, and level 9
    # took 1.8 s of a 3.3 s seeding for 1.5 % smaller files.
    with gzip.GzipFile(path, "wb", compresslevel=1, mtime=0) as f:
        f.write(header + array.tobytes())


def write(folder: Path, n_train: int = 12_000, n_test: int = 2_000, seed: int = 0) -> Path:
    """Write the four idx `.gz` files into `folder` (Keras expects `$KERAS_HOME/datasets/fashion-mnist`)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    x_train, y_train = make_images(n_train, seed)
    x_test, y_test = make_images(n_test, seed + 1)
    _write_idx(folder / FILES["train_labels"], y_train)
    _write_idx(folder / FILES["train_images"], x_train)
    _write_idx(folder / FILES["test_labels"], y_test)
    _write_idx(folder / FILES["test_images"], x_test)
    return folder
