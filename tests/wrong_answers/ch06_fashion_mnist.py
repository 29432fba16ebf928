"""Plausible wrong answers for chapter 6 (see docs/authoring.md, section 6).

Each entry replaces one solution cell; the autograded notebook must then lose exactly that exercise's points,
with `message` in the failing assertion. Some entries only fail the hidden tests (hard-coded answers).
"""

WRONG_ANSWERS = [
    # --- exercise 1: standardize
    {
        "cell": "ex1_standardize",
        "source": (
            "def standardize(train_images, other_images):\n"
            "    # statistics of both sets together: the other set leaks into the transformation\n"
            "    both = np.concatenate([train_images.ravel(), other_images.ravel()]).astype('float32')\n"
            "    mean, std = both.mean(), both.std()\n"
            "    return (train_images.astype('float32') - mean) / std, (other_images.astype('float32') - mean) / std\n"
        ),
        "message": "computed over both arrays together",
    },
    {
        "cell": "ex1_standardize",
        "source": (
            "def standardize(train_images, other_images):\n"
            "    # each set standardised with its own statistics\n"
            "    def scale(images):\n"
            "        images = images.astype('float32')\n"
            "        return (images - images.mean()) / images.std()\n"
            "    return scale(train_images), scale(other_images)\n"
        ),
        "message": "standardised with its own mean and standard deviation",
    },
    {
        "cell": "ex1_standardize",
        "source": (
            "def standardize(train_images, other_images):\n"
            "    # one mean and std per pixel position\n"
            "    train = train_images.astype('float32')\n"
            "    mean, std = train.mean(axis=0), train.std(axis=0)\n"
            "    std[std == 0] = 1.0\n"
            "    return (train - mean) / std, (other_images.astype('float32') - mean) / std\n"
        ),
        "message": "not one per pixel position",
    },
    {
        "cell": "ex1_standardize",
        "source": (
            "def standardize(train_images, other_images):\n"
            "    # float64 results\n"
            "    mean, std = train_images.mean(), train_images.std()\n"
            "    return (train_images - mean) / std, (other_images - mean) / std\n"
        ),
        "message": "expected dtype float32, got float64",
    },
    # --- exercise 2: build_classifier for any input shape and number of classes
    {
        "cell": "ex2_build_any_shape",
        "source": (
            "def build_classifier(input_shape, hidden_units, n_classes):\n"
            "    # the chapter's input shape, whatever input_shape says\n"
            "    model = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten()]\n"
            "                             + [keras.layers.Dense(u, activation='relu') for u in hidden_units]\n"
            "                             + [keras.layers.Dense(n_classes, activation='softmax')])\n"
            "    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
            "    return model\n"
        ),
        "message": "declare the input with keras.Input(shape=input_shape), not a fixed shape",
    },
    {
        "cell": "ex2_build_any_shape",
        "source": (
            "def build_classifier(input_shape, hidden_units, n_classes):\n"
            "    # ten output units, whatever n_classes says\n"
            "    model = keras.Sequential([keras.Input(shape=input_shape), keras.layers.Flatten()]\n"
            "                             + [keras.layers.Dense(u, activation='relu') for u in hidden_units]\n"
            "                             + [keras.layers.Dense(10, activation='softmax')])\n"
            "    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
            "    return model\n"
        ),
        "message": "the model must output shape (6, 5)",
    },
    {
        "cell": "ex2_build_any_shape",
        "source": (
            "def build_classifier(input_shape, hidden_units, n_classes):\n"
            "    # no Flatten: a (28, 28, 1) sample reaches the Dense layers with its three axes\n"
            "    model = keras.Sequential([keras.Input(shape=input_shape)]\n"
            "                             + [keras.layers.Dense(u, activation='relu') for u in hidden_units]\n"
            "                             + [keras.layers.Dense(n_classes, activation='softmax')])\n"
            "    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
            "    return model\n"
        ),
        "message": "the first layer must be keras.layers.Flatten()",
    },
    {
        "cell": "ex2_build_any_shape",
        "source": (
            "def build_classifier(input_shape, hidden_units, n_classes):\n"
            "    # one-hot loss with integer labels\n"
            "    model = keras.Sequential([keras.Input(shape=input_shape), keras.layers.Flatten()]\n"
            "                             + [keras.layers.Dense(u, activation='relu') for u in hidden_units]\n"
            "                             + [keras.layers.Dense(n_classes, activation='softmax')])\n"
            "    model.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])\n"
            "    return model\n"
        ),
        "message": "the loss must accept integer labels",
    },
    {
        "cell": "ex2_build_any_shape",
        "source": (
            "_shared = {}\n"
            "\n"
            "\n"
            "def build_classifier(input_shape, hidden_units, n_classes):\n"
            "    # one model per arguments, built once and handed out again\n"
            "    key = (tuple(input_shape), tuple(hidden_units), n_classes)\n"
            "    if key not in _shared:\n"
            "        model = keras.Sequential([keras.Input(shape=input_shape), keras.layers.Flatten()]\n"
            "                                 + [keras.layers.Dense(u, activation='relu') for u in hidden_units]\n"
            "                                 + [keras.layers.Dense(n_classes, activation='softmax')])\n"
            "        model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
            "        _shared[key] = model\n"
            "    return _shared[key]\n"
            "\n"
            "\n"
            "_ = build_classifier((784,), [32], 5)\n"
        ),
        "message": "every call must build a new model",
    },
    # --- exercise 3: read_curves
    {
        "cell": "ex3_read_curves",
        "source": (
            "def read_curves(history):\n"
            "    # epochs counted from 0\n"
            "    val_loss = history['val_loss']\n"
            "    best = int(np.argmin(val_loss))\n"
            "    if val_loss[-1] > 1.1 * min(val_loss):\n"
            "        return best, 'over-fitting'\n"
            "    if val_loss[-1] < 0.99 * val_loss[-2]:\n"
            "        return best, 'under-fitting'\n"
            "    return best, 'good fit'\n"
        ),
        "message": "epochs are counted from 1",
    },
    {
        "cell": "ex3_read_curves",
        "source": (
            "def read_curves(history):\n"
            "    # the training loss instead of the validation loss\n"
            "    loss = history['loss']\n"
            "    best = int(np.argmin(loss)) + 1\n"
            "    if loss[-1] > 1.1 * min(loss):\n"
            "        return best, 'over-fitting'\n"
            "    if loss[-1] < 0.99 * loss[-2]:\n"
            "        return best, 'under-fitting'\n"
            "    return best, 'good fit'\n"
        ),
        "message": "that is the epoch of the lowest training loss",
    },
    {
        "cell": "ex3_read_curves",
        "source": (
            "def read_curves(history):\n"
            "    # the rules in the wrong order: still falling wins over past its best\n"
            "    val_loss = history['val_loss']\n"
            "    best = val_loss.index(min(val_loss)) + 1\n"
            "    if val_loss[-1] < 0.99 * val_loss[-2]:\n"
            "        return best, 'under-fitting'\n"
            "    if val_loss[-1] > 1.1 * min(val_loss):\n"
            "        return best, 'over-fitting'\n"
            "    return best, 'good fit'\n"
        ),
        "message": "this rule comes first",
    },
    {
        "cell": "ex3_read_curves",
        "source": (
            "def read_curves(history):\n"
            "    # the last of tied epochs\n"
            "    val_loss = list(history['val_loss'])\n"
            "    best = len(val_loss) - val_loss[::-1].index(min(val_loss))\n"
            "    if val_loss[-1] > 1.1 * min(val_loss):\n"
            "        return best, 'over-fitting'\n"
            "    if val_loss[-1] < 0.99 * val_loss[-2]:\n"
            "        return best, 'under-fitting'\n"
            "    return best, 'good fit'\n"
        ),
        "message": "return the first of them",
    },
    # --- exercise 4: precision_recall
    {
        "cell": "ex4_precision_recall",
        "source": (
            "def precision_recall(cm, class_names):\n"
            "    # rows and columns swapped\n"
            "    cm = np.asarray(cm)\n"
            "    out = {}\n"
            "    for i, name in enumerate(class_names):\n"
            "        row, column = cm[i, :].sum(), cm[:, i].sum()\n"
            "        out[name] = (float(cm[i, i] / row) if row else 0.0, float(cm[i, i] / column) if column else 0.0)\n"
            "    return out\n"
        ),
        "message": "precision and recall are swapped",
    },
    {
        "cell": "ex4_precision_recall",
        "source": (
            "def precision_recall(cm, class_names):\n"
            "    # 0 / 0 left as nan\n"
            "    cm = np.asarray(cm, dtype=float)\n"
            "    precision = np.diag(cm) / cm.sum(axis=0)\n"
            "    recall = np.diag(cm) / cm.sum(axis=1)\n"
            "    return {name: (float(p), float(r)) for name, p, r in zip(class_names, precision, recall)}\n"
        ),
        "message": "gets precision 0.0",
    },
    {
        "cell": "ex4_precision_recall",
        "source": (
            "def precision_recall(cm, class_names):\n"
            "    # keyed by class number instead of class name\n"
            "    cm = np.asarray(cm)\n"
            "    out = {}\n"
            "    for i in range(len(cm)):\n"
            "        column, row = cm[:, i].sum(), cm[i, :].sum()\n"
            "        out[i] = (float(cm[i, i] / column) if column else 0.0, float(cm[i, i] / row) if row else 0.0)\n"
            "    return out\n"
        ),
        "message": "the keys must be the class names",
    },
    {
        "cell": "ex4_precision_recall",
        "source": (
            "def precision_recall(cm, class_names):\n"
            "    # an empty column counted as a perfect precision\n"
            "    cm = np.asarray(cm)\n"
            "    out = {}\n"
            "    for i, name in enumerate(class_names):\n"
            "        column, row = cm[:, i].sum(), cm[i, :].sum()\n"
            "        out[name] = (float(cm[i, i] / column) if column else 1.0, float(cm[i, i] / row) if row else 0.0)\n"
            "    return out\n"
        ),
        "message": "(0.0 when the column sums to 0)",
    },
    # --- exercise 5: explore_confusion
    {
        "cell": "ex5_explore_confusion",
        "source": (
            "explored_model = model\n"
            "explored_cm = confusion_matrix(y_test, np.argmax(explored_model.predict(x_test, verbose=0), axis=1))\n"
            "np.fill_diagonal(explored_cm, 0)\n"
            "row, column = np.unravel_index(np.argmax(explored_cm), explored_cm.shape)\n"
            "CONFUSED_TRUE, CONFUSED_PREDICTED = class_names[column], class_names[row]  # rows and columns mixed up\n"
        ),
        "message": "not the other way round",
    },
    {
        "cell": "ex5_explore_confusion",
        "source": (
            "explored_model = model\n"
            "explored_cm = confusion_matrix(y_test, np.argmax(explored_model.predict(x_test, verbose=0), axis=1))\n"
            "row, column = np.unravel_index(np.argmax(explored_cm), explored_cm.shape)  # the diagonal left in\n"
            "CONFUSED_TRUE, CONFUSED_PREDICTED = class_names[row], class_names[column]\n"
        ),
        "message": "that cell is on the diagonal",
    },
    {
        "cell": "ex5_explore_confusion",
        "source": (
            "explored_model = model\n"
            "explored_cm = confusion_matrix(y_test, np.argmax(explored_model.predict(x_test, verbose=0), axis=1))\n"
            "np.fill_diagonal(explored_cm, 0)\n"
            "row, column = np.unravel_index(np.argmax(explored_cm), explored_cm.shape)\n"
            "CONFUSED_TRUE, CONFUSED_PREDICTED = str(row), str(column)  # class numbers, not names\n"
        ),
        "message": "must be a class name spelled as in class_names",
    },
    # --- exercise 6: balanced_class_weights from one-hot labels
    {
        "cell": "ex6_onehot_class_weights",
        "source": (
            "def balanced_class_weights(one_hot):\n"
            "    # n_classes taken as the number of columns\n"
            "    counts = one_hot.sum(axis=0)\n"
            "    return {int(c): float(len(one_hot) / (one_hot.shape[1] * counts[c])) for c in np.flatnonzero(counts)}\n"
        ),
        "message": "n_classes counts the classes that occur, not the columns",
    },
    {
        "cell": "ex6_onehot_class_weights",
        "source": (
            "def balanced_class_weights(one_hot):\n"
            "    # section 12's code run on the one-hot array itself: its values 0 and 1 taken for classes\n"
            "    classes, counts = np.unique(one_hot, return_counts=True)\n"
            "    return {int(c): float(counts.sum() / (len(classes) * n)) for c, n in zip(classes, counts)}\n"
        ),
        "message": "expected one entry per class that occurs",
    },
    {
        "cell": "ex6_onehot_class_weights",
        "source": (
            "def balanced_class_weights(one_hot):\n"
            "    # weights proportional to the counts: frequent classes weigh more\n"
            "    counts = one_hot.sum(axis=0)\n"
            "    present = np.flatnonzero(counts)\n"
            "    return {int(c): float(len(present) * counts[c] / len(one_hot)) for c in present}\n"
        ),
        "message": "rarer classes must get larger weights",
    },
    {
        "cell": "ex6_onehot_class_weights",
        "source": (
            "def balanced_class_weights(one_hot):\n"
            "    # every column gets an entry, empty ones included\n"
            "    counts = one_hot.sum(axis=0)\n"
            "    present = np.count_nonzero(counts)\n"
            "    return {c: float(len(one_hot) / (present * max(counts[c], 1))) for c in range(one_hot.shape[1])}\n"
        ),
        "message": "expected one entry per class that occurs",
    },
]
