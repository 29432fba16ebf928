"""The offline dataset fixtures: real on-disk formats, read by the libraries' own, untouched calls."""

import gzip
import hashlib
import os
from pathlib import Path

import numpy as np
import pytest

from data import california_housing, fashion_mnist_standin
from data.fixtures import seed_into, shared_data_dir

RAW_CALIFORNIA = shared_data_dir() / "california_housing" / "cal_housing.data"


def test_fixture_points_the_libraries_at_seeded_caches():
    keras_home, sklearn_home = Path(os.environ["KERAS_HOME"]), Path(os.environ["SCIKIT_LEARN_DATA"])
    for name in fashion_mnist_standin.FILES.values():
        assert (keras_home / "datasets" / "fashion-mnist" / name).exists()
    assert (sklearn_home / california_housing.CACHE_NAME).exists()


def test_keras_loads_the_fashion_mnist_standin():
    import keras

    (x_train, y_train), (x_test, _) = keras.datasets.fashion_mnist.load_data()
    assert x_train.shape == (12_000, 28, 28) and x_test.shape == (2_000, 28, 28)
    assert x_train.dtype == np.uint8 and y_train.dtype == np.uint8
    assert set(np.unique(y_train)) == set(range(10))
    np.testing.assert_array_equal(np.bincount(y_train), np.full(10, 1_200))   # balanced like the real data
    assert 0 < x_train.mean() < 255


def test_idx_headers_are_the_real_format(tmp_path):
    folder = fashion_mnist_standin.write(tmp_path, n_train=20, n_test=10)
    with gzip.open(folder / "train-images-idx3-ubyte.gz") as f:
        header = f.read(16)
    assert header == bytes.fromhex("00000803") + (20).to_bytes(4, "big") + (28).to_bytes(4, "big") * 2
    with gzip.open(folder / "t10k-labels-idx1-ubyte.gz") as f:
        assert f.read(8) == bytes.fromhex("00000801") + (10).to_bytes(4, "big")


def test_standin_is_deterministic(tmp_path):
    a = fashion_mnist_standin.write(tmp_path / "a", n_train=100, n_test=50)
    b = fashion_mnist_standin.write(tmp_path / "b", n_train=100, n_test=50)
    for name in fashion_mnist_standin.FILES.values():
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_standin_is_learnable_but_not_trivial():
    """A linear model learns it well, so accuracy checks in the chapters mean something."""
    from sklearn.linear_model import RidgeClassifier

    x_train, y_train = fashion_mnist_standin.make_images(5_000, seed=0)
    x_test, y_test = fashion_mnist_standin.make_images(1_000, seed=1)
    model = RidgeClassifier().fit(x_train.reshape(-1, 784) / 255, y_train)
    accuracy = model.score(x_test.reshape(-1, 784) / 255, y_test)
    assert 0.80 < accuracy < 0.995, accuracy


@pytest.mark.skipif(not RAW_CALIFORNIA.exists() and os.environ.get("CI") != "true",
                    reason="../shared/data is not beside this checkout")
def test_sklearn_loads_the_genuine_california_housing():
    from sklearn.datasets import fetch_california_housing

    housing = fetch_california_housing()
    assert housing.data.shape == (20_640, 8)
    assert housing.feature_names[0] == "MedInc"
    assert abs(housing.target.mean() - 2.06856) < 1e-5        # figures from ../shared/data/README.md
    assert abs(housing.data[:, 0].mean() - 3.87067) < 1e-5


def test_california_seed_rejects_a_wrong_file(tmp_path):
    bad = tmp_path / "cal_housing.data"
    bad.write_text("1,2,3,4,5,6,7,8,9\n")
    with pytest.raises(ValueError, match="sha256"):
        california_housing.seed(bad, tmp_path / "home")


def test_seed_into_without_shared_data_warns(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_SHARED_DATA", str(tmp_path / "nowhere"))
    with pytest.warns(UserWarning, match="not found"):
        homes = seed_into(tmp_path)
    assert hashlib.sha256((homes["KERAS_HOME"] / "datasets" / "fashion-mnist" /
                           "train-labels-idx1-ubyte.gz").read_bytes()).hexdigest()
