"""Seed scikit-learn's cache with the genuine California housing file.

`fetch_california_housing()` downloads `cal_housing.tgz`, reorders the columns of
`CaliforniaHousing/cal_housing.data` and caches the array as `cal_housing_py3.pkz`
(joblib, compress=6) in its data home. We build that cache file from the same bytes.
"""

import hashlib
from pathlib import Path

import joblib
import numpy as np

SHA256 = "a2b44dcc7e1c9091b43c4f458b25cbd1f7e8068d08edd26bc4703108d3fa6214"
SOURCE_URL = "https://ndownloader.figshare.com/files/5976036"  # what scikit-learn downloads (cal_housing.tgz)
COLUMNS = [8, 7, 2, 3, 4, 5, 6, 1, 0]  # scikit-learn's order: target first, then MedInc, HouseAge, ...
CACHE_NAME = "cal_housing_py3.pkz"


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def seed(raw_file: Path, data_home: Path) -> Path:
    """Write `cal_housing_py3.pkz` into `data_home` from the raw StatLib `cal_housing.data`."""
    raw_file, data_home = Path(raw_file), Path(data_home)
    digest = sha256(raw_file)
    if digest != SHA256:
        raise ValueError(f"{raw_file}: sha256 {digest} does not match the StatLib file ({SHA256})")
    data_home.mkdir(parents=True, exist_ok=True)
    table = np.loadtxt(raw_file, delimiter=",")[:, COLUMNS]
    target = data_home / CACHE_NAME
    joblib.dump(table, target, compress=6)
    return target
