"""Pre-seed a machine's dataset caches for offline use.

    python -m data.seed --keras-home ~/.keras --sklearn-data ~/scikit_learn_data \
        [--fashion-mnist DIR_WITH_REAL_GZ_FILES] [--california PATH/TO/cal_housing.data]

Without --fashion-mnist the generated stand-in is written (fine for tests, not for learning).
"""

import argparse
import shutil
from pathlib import Path

from data import california_housing, fashion_mnist_standin
from data.fixtures import shared_data_dir


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keras-home", type=Path, default=Path.home() / ".keras")
    parser.add_argument("--sklearn-data", type=Path, default=Path.home() / "scikit_learn_data")
    parser.add_argument("--fashion-mnist", type=Path, help="folder holding the four real idx .gz files")
    parser.add_argument("--california", type=Path,
                        default=shared_data_dir() / "california_housing" / "cal_housing.data")
    args = parser.parse_args(argv)

    target = args.keras_home / "datasets" / "fashion-mnist"
    if args.fashion_mnist:
        target.mkdir(parents=True, exist_ok=True)
        for name in fashion_mnist_standin.FILES.values():
            shutil.copy2(args.fashion_mnist / name, target / name)
        print(f"Fashion-MNIST: copied the real files to {target}")
    else:
        fashion_mnist_standin.write(target)
        print(f"Fashion-MNIST: wrote the generated stand-in to {target}")
    if args.california.exists():
        print(f"California housing: {california_housing.seed(args.california, args.sklearn_data)}")
    else:
        print(f"California housing: {args.california} not found, skipped")


if __name__ == "__main__":
    main()
