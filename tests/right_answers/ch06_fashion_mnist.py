"""Correct answers to chapter 6 written differently from the reference (see docs/authoring.md, section 6).

Each entry replaces several solution cells at once; the notebook must still score full marks.
"""

RIGHT_ANSWERS = [
    {
        "name": "tf_keras_float32_numpy_tricks",
        "cells": {
            # float32 statistics, a list instead of a tuple, a trial call with prints
            "ex1_standardize": (
                "def standardize(train_images, other_images):\n"
                "    train = train_images.astype(np.float32)\n"
                "    mean, std = np.mean(train), np.std(train)\n"
                "    return [(train - mean) / std, (other_images.astype(np.float32) - mean) / std]\n"
                "\n"
                "\n"
                "a, b = standardize(x_train_raw[:200], x_valid_raw[:50])\n"
                "print(a.mean(), a.std(), b.mean(), b.std())\n"
            ),
            # tf.keras spelling, Flatten(input_shape=...), ReLU as separate layers, loss object, sparse metric name
            "ex2_build_any_shape": (
                "def build_classifier(input_shape, hidden_units, n_classes):\n"
                "    model = tf.keras.models.Sequential()\n"
                "    model.add(tf.keras.layers.Flatten(input_shape=tuple(input_shape)))\n"
                "    for units in hidden_units:\n"
                "        model.add(tf.keras.layers.Dense(units))\n"
                "        model.add(tf.keras.layers.ReLU())\n"
                "    model.add(tf.keras.layers.Dense(n_classes, activation=tf.nn.softmax))\n"
                "    model.compile(optimizer=tf.keras.optimizers.Nadam(learning_rate=1e-3),\n"
                "                  loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=False),\n"
                "                  metrics=['sparse_categorical_accuracy'])\n"
                "    model.summary()\n"
                "    return model\n"
                "\n"
                "\n"
                "print(build_classifier((28, 28, 1), [300, 300], 10).count_params())\n"
            ),
            # NumPy's argmin (the first of ties), a numpy integer, a table of verdicts
            "ex3_read_curves": (
                "def read_curves(history):\n"
                "    val = np.asarray(history['val_loss'], dtype=float)\n"
                "    rules = [('over-fitting', val[-1] > 1.1 * val.min()), ('under-fitting', val[-1] < 0.99 * val[-2])]\n"
                "    verdict = next((name for name, holds in rules if holds), 'good fit')\n"
                "    return np.argmin(val) + 1, verdict\n"
                "\n"
                "\n"
                "print(read_curves({'loss': [1.0, 0.5], 'val_loss': [0.9, 0.95]}))\n"
            ),
            # np.divide with where=, then floats
            "ex4_precision_recall": (
                "def precision_recall(cm, class_names):\n"
                "    cm = np.array(cm, dtype=np.float64)\n"
                "    diagonal, columns, rows = np.diag(cm), cm.sum(axis=0), cm.sum(axis=1)\n"
                "    precision = np.divide(diagonal, columns, out=np.zeros_like(diagonal), where=columns > 0)\n"
                "    recall = np.divide(diagonal, rows, out=np.zeros_like(diagonal), where=rows > 0)\n"
                "    return {name: (float(p), float(r)) for name, p, r in zip(class_names, precision, recall)}\n"
                "\n"
                "\n"
                "print(precision_recall(cm, class_names))\n"
            ),
            # the small-data model of section 8, TensorFlow's confusion matrix
            "ex5_explore_confusion": (
                "explored_model = small_data_model\n"
                "predicted = tf.argmax(explored_model.predict(x_test, verbose=0), axis=1)\n"
                "matrix = tf.math.confusion_matrix(y_test, predicted, num_classes=10).numpy()\n"
                "np.fill_diagonal(matrix, -1)\n"
                "true_index, predicted_index = divmod(int(matrix.argmax()), 10)\n"
                "CONFUSED_TRUE = class_names[true_index]\n"
                "CONFUSED_PREDICTED = class_names[predicted_index]\n"
                "print(CONFUSED_TRUE, '->', CONFUSED_PREDICTED)\n"
            ),
            # back to integer labels with argmax, then section 12's way
            "ex6_onehot_class_weights": (
                "def balanced_class_weights(one_hot):\n"
                "    labels = np.argmax(one_hot, axis=1)\n"
                "    present, counts = np.unique(labels, return_counts=True)\n"
                "    return {int(c): float(len(labels) / (len(present) * n)) for c, n in zip(present, counts)}\n"
                "\n"
                "\n"
                "print(balanced_class_weights(keras.utils.to_categorical([0, 0, 2], num_classes=4)))\n"
            ),
        },
    },
    {
        "name": "plain_python_loops_rmsprop",
        "cells": {
            # statistics in float64 from a flat copy, np.subtract with a dtype
            "ex1_standardize": (
                "def standardize(train_images, other_images):\n"
                "    flat = np.array(train_images, dtype=np.float64).ravel()\n"
                "    mean = flat.sum() / flat.size\n"
                "    std = np.sqrt(((flat - mean) ** 2).sum() / flat.size)\n"
                "    out = []\n"
                "    for images in (train_images, other_images):\n"
                "        out.append(np.subtract(images, mean, dtype=np.float64).astype(np.float32) / np.float32(std))\n"
                "    return tuple(out)\n"
            ),
            # keras.Sequential() with add, a separate softmax Activation, RMSprop, loss by name
            "ex2_build_any_shape": (
                "def build_classifier(input_shape, hidden_units, n_classes):\n"
                "    model = keras.Sequential()\n"
                "    model.add(keras.Input(shape=input_shape))\n"
                "    model.add(keras.layers.Flatten())\n"
                "    for units in hidden_units:\n"
                "        model.add(keras.layers.Dense(units, activation=tf.nn.relu))\n"
                "    model.add(keras.layers.Dense(n_classes))\n"
                "    model.add(keras.layers.Activation('softmax'))\n"
                "    model.compile(optimizer=keras.optimizers.RMSprop(), loss='sparse_categorical_crossentropy',\n"
                "                  metrics=['accuracy'])\n"
                "    return model\n"
            ),
            # plain loops; accepts a History as well
            "ex3_read_curves": (
                "def read_curves(history):\n"
                "    logs = getattr(history, 'history', history)\n"
                "    val = logs['val_loss']\n"
                "    best_epoch, lowest = 1, val[0]\n"
                "    for epoch, value in enumerate(val, start=1):\n"
                "        if value < lowest:\n"
                "            best_epoch, lowest = epoch, value\n"
                "    if val[-1] > 1.1 * lowest:\n"
                "        return (best_epoch, 'over-fitting')\n"
                "    elif val[-1] < 0.99 * val[-2]:\n"
                "        return (best_epoch, 'under-fitting')\n"
                "    return (best_epoch, 'good fit')\n"
            ),
            # loops over a list of lists
            "ex4_precision_recall": (
                "def precision_recall(cm, class_names):\n"
                "    rows = [list(map(int, row)) for row in cm]\n"
                "    n = len(rows)\n"
                "    result = {}\n"
                "    for i in range(n):\n"
                "        column_sum = sum(rows[r][i] for r in range(n))\n"
                "        row_sum = sum(rows[i])\n"
                "        precision = rows[i][i] / column_sum if column_sum > 0 else 0.0\n"
                "        recall = rows[i][i] / row_sum if row_sum > 0 else 0.0\n"
                "        result[class_names[i]] = (float(precision), float(recall))\n"
                "    return result\n"
            ),
            # the chapter's model, a loop over the off-diagonal cells
            "ex5_explore_confusion": (
                "explored_model = model\n"
                "matrix = confusion_matrix(y_test, explored_model.predict(x_test, verbose=0).argmax(axis=1), labels=range(10))\n"
                "best = (-1, None, None)\n"
                "for i in range(10):\n"
                "    for j in range(10):\n"
                "        if i != j and matrix[i, j] > best[0]:\n"
                "            best = (matrix[i, j], i, j)\n"
                "CONFUSED_TRUE, CONFUSED_PREDICTED = class_names[best[1]], class_names[best[2]]\n"
            ),
            # a loop over the rows
            "ex6_onehot_class_weights": (
                "def balanced_class_weights(one_hot):\n"
                "    counts = {}\n"
                "    for row in one_hot:\n"
                "        label = int(np.flatnonzero(row)[0])\n"
                "        counts[label] = counts.get(label, 0) + 1\n"
                "    n_samples = sum(counts.values())\n"
                "    return {label: n_samples / (len(counts) * count) for label, count in counts.items()}\n"
            ),
        },
    },
    {
        "name": "keras_ops_and_trial_calls_that_rebind_globals",
        "cells": {
            # keras.ops for the arithmetic; a trial call rebinds x_train and x_valid
            "ex1_standardize": (
                "def standardize(train_images, other_images):\n"
                "    train = keras.ops.convert_to_tensor(train_images, dtype='float32')\n"
                "    mean, std = keras.ops.mean(train), keras.ops.std(train)\n"
                "    other = keras.ops.convert_to_tensor(other_images, dtype='float32')\n"
                "    return (keras.ops.convert_to_numpy((train - mean) / std),\n"
                "            keras.ops.convert_to_numpy((other - mean) / std))\n"
                "\n"
                "\n"
                "x_train, x_valid = standardize(x_train_raw[:100], x_valid_raw[:20])\n"
            ),
            # from tensorflow import keras; Input layer with a list shape; SGD with momentum; the trial call rebinds model
            "ex2_build_any_shape": (
                "from tensorflow import keras as tfk\n"
                "\n"
                "\n"
                "def build_classifier(input_shape, hidden_units, n_classes):\n"
                "    layers = [tfk.Input(shape=list(input_shape)), tfk.layers.Flatten()]\n"
                "    layers += [tfk.layers.Dense(units, activation='relu') for units in hidden_units]\n"
                "    layers.append(tfk.layers.Dense(n_classes, activation='softmax'))\n"
                "    model = tfk.Sequential(layers)\n"
                "    model.compile(optimizer=tfk.optimizers.SGD(learning_rate=0.01, momentum=0.9),\n"
                "                  loss=tfk.losses.sparse_categorical_crossentropy, metrics=['accuracy'])\n"
                "    return model\n"
                "\n"
                "\n"
                "model = build_classifier((28, 28), [64], 10)\n"
                "model.fit(x_train_raw[:300] / 255.0, y_train[:300], epochs=1, verbose=0)\n"
            ),
            # a trial call on the chapter's History rebinds history
            "ex3_read_curves": (
                "def read_curves(history):\n"
                "    val = [float(v) for v in history['val_loss']]\n"
                "    best_epoch = min(range(len(val)), key=lambda i: (val[i], i)) + 1\n"
                "    last, previous, lowest = val[-1], val[-2], min(val)\n"
                "    if last > lowest * 1.1:\n"
                "        verdict = 'over-fitting'\n"
                "    elif last < previous * 0.99:\n"
                "        verdict = 'under-fitting'\n"
                "    else:\n"
                "        verdict = 'good fit'\n"
                "    return int(best_epoch), verdict\n"
                "\n"
                "\n"
                "history = read_curves(overfit.history)\n"
                "print(history)\n"
            ),
            # keras.ops; a trial call rebinds cm
            "ex4_precision_recall": (
                "def precision_recall(cm, class_names):\n"
                "    m = keras.ops.convert_to_tensor(np.asarray(cm), dtype='float32')\n"
                "    diagonal = keras.ops.diagonal(m)\n"
                "    columns, rows = keras.ops.sum(m, axis=0), keras.ops.sum(m, axis=1)\n"
                "    precision = keras.ops.where(columns > 0, diagonal / keras.ops.maximum(columns, 1.0), 0.0)\n"
                "    recall = keras.ops.where(rows > 0, diagonal / keras.ops.maximum(rows, 1.0), 0.0)\n"
                "    p, r = keras.ops.convert_to_numpy(precision), keras.ops.convert_to_numpy(recall)\n"
                "    return {name: (float(p[i]), float(r[i])) for i, name in enumerate(class_names)}\n"
                "\n"
                "\n"
                "cm = [[4, 0, 1], [1, 0, 3], [0, 0, 5]]\n"
                "print(precision_recall(cm, ['a', 'b', 'c']))\n"
            ),
            # a model trained here with the learner's build_classifier
            "ex5_explore_confusion": (
                "keras.utils.set_random_seed(3)\n"
                "explored_model = build_classifier((28, 28), [100], 10)\n"
                "explored_model.fit(x_train_raw[:1000] / 255.0, y_train[:1000], epochs=2, verbose=0)\n"
                "scaled_test = x_test if x_test.dtype != np.uint8 else x_test / 255.0\n"
                "mistakes = confusion_matrix(y_test, np.argmax(explored_model.predict(scaled_test, verbose=0), axis=1),\n"
                "                            labels=np.arange(10))\n"
                "mistakes[np.eye(10, dtype=bool)] = 0\n"
                "row, column = np.unravel_index(mistakes.argmax(), mistakes.shape)\n"
                "CONFUSED_TRUE, CONFUSED_PREDICTED = class_names[row], class_names[column]\n"
            ),
            # column sums with keras.ops
            "ex6_onehot_class_weights": (
                "def balanced_class_weights(one_hot):\n"
                "    counts = keras.ops.convert_to_numpy(keras.ops.sum(keras.ops.convert_to_tensor(one_hot), axis=0))\n"
                "    present = [c for c in range(len(counts)) if counts[c] > 0]\n"
                "    n = float(counts.sum())\n"
                "    return {c: float(n / (len(present) * float(counts[c]))) for c in present}\n"
            ),
        },
    },
]
