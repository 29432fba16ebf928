"""Chapter 7: the permutation importances of section 3's trained MLP (Ex6)."""

from tools.threshold_audit.spec import Audit, right, wrong

IMPORTANCE = '''
def permutation_importance(predict, X, y, seed=0):
    rng = np.random.default_rng(seed)
    y = np.ravel(y)

    def error(features):
        return float(np.sqrt(np.mean((np.ravel(predict(features)) - y) ** 2)))

    base = error(X)
    increases = []
    for j in range(X.shape[1]):
        shuffled = X.copy()
        shuffled[:, j] = rng.permutation(shuffled[:, j])
        increases.append(error(shuffled) - base)
    return np.array(increases)


importances = permutation_importance({predict}, {X}, y_valid, seed={seed})
MOST_IMPORTANT_FEATURE = FEATURES[int(np.argmax(importances))]
'''
PREDICT = "lambda a: mlp.predict(a, verbose=0)"

AUDITS = [
    Audit(
        "ch07_california_housing", "ex6_importance", margin=0.01,
        why="the importances of the chapter's trained MLP (any seed, predict or a direct call) against those of a "
            "model that ignores its input",
        answers=tuple(
            [right(f"predict, seed {s}", IMPORTANCE.format(predict=PREDICT, X="X_valid_s", seed=s)) for s in (0, 7)]
            + [right("direct call", IMPORTANCE.format(predict="lambda a: np.asarray(mlp(a, training=False))",
                                                      X="X_valid_s", seed=0)),
               right("on the scaled training set", IMPORTANCE.format(predict=PREDICT, X="X_train_s[:2000]", seed=0)
                     .replace("y_valid, seed", "y_train[:2000], seed")),
               wrong("a predict that ignores its input", IMPORTANCE.format(
                   predict="lambda a: np.full(len(a), float(np.mean(y_valid)))", X="X_valid_s", seed=0))]
        ),
    ),
]
