"""Correct answers to chapter 6 written differently from the reference (see docs/authoring.md, section 6).

Each entry replaces several solution cells at once; the notebook must still score full marks.
"""

RIGHT_ANSWERS = [
    {
        "name": "tf_keras_sklearn_split_sgd",
        "cells": {
            # a random validation carve with scikit-learn, np.float32 scaling
            "ex1_prepare_data": (
                "from sklearn.model_selection import train_test_split\n"
                "\n"
                "\n"
                "def prepare_data(train_images, train_labels, test_images, test_labels, n_valid):\n"
                "    x_train, x_valid, y_train, y_valid = train_test_split(\n"
                "        train_images, train_labels, test_size=n_valid, random_state=0)\n"
                "    scale = np.float32(255)\n"
                "    return (x_train / scale, y_train, x_valid / scale, y_valid,\n"
                "            np.divide(test_images, scale, dtype=np.float32), test_labels.copy())\n"
                "\n"
                "\n"
                "parts = prepare_data(x_train_raw[:500], y_train[:500], x_valid_raw, y_valid, 100)\n"
                "print([p.shape for p in parts])\n"
            ),
            # tf.keras spelling, Flatten(input_shape=...), ReLU as separate layers, loss object, sparse metric name
            "ex2_build_classifier": (
                "from tensorflow import keras as tfk\n"
                "\n"
                "\n"
                "def build_classifier(hidden_units):\n"
                "    model = tf.keras.models.Sequential()\n"
                "    model.add(tf.keras.layers.Flatten(input_shape=(28, 28)))\n"
                "    for units in hidden_units:\n"
                "        model.add(tfk.layers.Dense(units))\n"
                "        model.add(tfk.layers.ReLU())\n"
                "    model.add(tf.keras.layers.Dense(10, activation=tf.nn.softmax))\n"
                "    model.compile(optimizer=tf.keras.optimizers.Nadam(learning_rate=1e-3),\n"
                "                  loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=False),\n"
                "                  metrics=['sparse_categorical_accuracy'])\n"
                "    model.summary()\n"
                "    return model\n"
                "\n"
                "\n"
                "print(build_classifier([300, 300]).count_params())\n"
            ),
            # plain SGD with a larger learning rate, prints inside the function, a trial call
            "ex3_train_classifier": (
                "def train_classifier(x_train, y_train, x_valid, y_valid, epochs):\n"
                "    print('training on', x_train.shape)\n"
                "    model = tf.keras.Sequential([tf.keras.layers.Input(shape=(28, 28)), tf.keras.layers.Flatten(),\n"
                "                                 tf.keras.layers.Dense(64, activation='relu'),\n"
                "                                 tf.keras.layers.Dense(10, activation='softmax')])\n"
                "    model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=0.1, momentum=0.9),\n"
                "                  loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
                "    history = model.fit(x_train, y_train, batch_size=32, epochs=epochs,\n"
                "                        validation_data=(x_valid, y_valid), verbose=2)\n"
                "    return model, history\n"
                "\n"
                "\n"
                "trial_model, trial_history = train_classifier(x_train[:300], y_train[:300], x_valid[:100], y_valid[:100], 1)\n"
                "print(trial_history.history)\n"
            ),
            # keras.ops and a direct model call instead of predict
            "ex4_class_names": (
                "def predict_class_names(model, images, class_names):\n"
                "    indices = keras.ops.convert_to_numpy(keras.ops.argmax(model(images, training=False), axis=-1))\n"
                "    return [str(class_names[int(i)]) for i in indices]\n"
                "\n"
                "\n"
                "print(predict_class_names(model, x_test[:3], class_names))\n"
            ),
            # plain Python loops and sorted()
            "ex5_top_confusions": (
                "def top_confusions(cm, class_names, k):\n"
                "    cells = []\n"
                "    for i, row in enumerate(cm):\n"
                "        for j, count in enumerate(row):\n"
                "            if i != j:\n"
                "                cells.append((-int(count), i, j))\n"
                "    cells.sort()\n"
                "    return [(class_names[i], class_names[j], -c) for c, i, j in cells[:k]]\n"
            ),
            # pandas crosstab instead of scikit-learn
            "ex6_explore_confusion": (
                "import pandas as pd\n"
                "\n"
                "explored_model = model\n"
                "table = pd.crosstab(pd.Series(y_test, name='true'),\n"
                "                    pd.Series(np.argmax(explored_model.predict(x_test, verbose=0), axis=1), name='pred'))\n"
                "pairs = table.stack()\n"
                "pairs = pairs[[t != p for t, p in pairs.index]]\n"
                "t, p = pairs.idxmax()\n"
                "CONFUSED_TRUE, CONFUSED_PREDICTED = class_names[t], class_names[p]\n"
                "print(pairs.sort_values(ascending=False).head())\n"
            ),
            # scikit-learn's own balanced weights
            "ex7_class_weights": (
                "from sklearn.utils.class_weight import compute_class_weight\n"
                "\n"
                "\n"
                "def balanced_class_weights(labels):\n"
                "    classes = np.unique(labels)\n"
                "    weights = compute_class_weight('balanced', classes=classes, y=np.asarray(labels))\n"
                "    return dict(zip(classes.tolist(), weights.tolist()))\n"
            ),
        },
    },
    {
        "name": "softmax_layer_rmsprop_own_model",
        "cells": {
            # the last n_valid images as validation, np.float32 cast first
            "ex1_prepare_data": (
                "def prepare_data(train_images, train_labels, test_images, test_labels, n_valid):\n"
                "    images = np.asarray(train_images, dtype=np.float32) / 255\n"
                "    cut = len(images) - n_valid\n"
                "    x_test = np.asarray(test_images, dtype=np.float32) / 255\n"
                "    return images[:cut], train_labels[:cut], images[cut:], train_labels[cut:], x_test, test_labels\n"
            ),
            # a separate softmax Activation layer, a loss function instead of a string, RMSprop
            "ex2_build_classifier": (
                "def build_classifier(hidden_units):\n"
                "    layers = [keras.Input(shape=(28, 28)), keras.layers.Flatten()]\n"
                "    layers += [keras.layers.Dense(n, activation='relu') for n in hidden_units]\n"
                "    layers += [keras.layers.Dense(10), keras.layers.Activation('softmax')]\n"
                "    model = keras.Sequential(layers)\n"
                "    model.compile(optimizer=keras.optimizers.RMSprop(), metrics=['accuracy'],\n"
                "                  loss=keras.losses.sparse_categorical_crossentropy)\n"
                "    return model\n"
            ),
            # reuse build_classifier, another batch size
            "ex3_train_classifier": (
                "def train_classifier(x_train, y_train, x_valid, y_valid, epochs):\n"
                "    model = build_classifier([128])\n"
                "    history = model.fit(x_train, y_train, epochs=epochs, batch_size=16,\n"
                "                        validation_data=(x_valid, y_valid), verbose=0)\n"
                "    return model, history\n"
            ),
            # returns a NumPy array of names
            "ex4_class_names": (
                "def predict_class_names(model, images, class_names):\n"
                "    names = np.array(class_names)\n"
                "    return names[model.predict(images, verbose=0).argmax(axis=1)]\n"
            ),
            # a masked argsort
            "ex5_top_confusions": (
                "def top_confusions(cm, class_names, k):\n"
                "    m = np.asarray(cm, dtype=float).copy()\n"
                "    np.fill_diagonal(m, -np.inf)\n"
                "    flat = np.argsort(-m.ravel(), kind='mergesort')[:k]\n"
                "    return [(class_names[f // m.shape[1]], class_names[f % m.shape[1]], int(m.flat[f])) for f in flat]\n"
            ),
            # a model trained in the answer cell, the names read with top_confusions
            "ex6_explore_confusion": (
                "explored_model, _ = train_classifier(x_train, y_train, x_valid, y_valid, 2)\n"
                "own_cm = confusion_matrix(y_test, explored_model.predict(x_test, verbose=0).argmax(axis=1), labels=range(10))\n"
                "CONFUSED_TRUE, CONFUSED_PREDICTED, how_many = top_confusions(own_cm, class_names, 1)[0]\n"
                "print(CONFUSED_TRUE, '->', CONFUSED_PREDICTED, how_many)\n"
            ),
            "ex7_class_weights": (
                "def balanced_class_weights(labels):\n"
                "    labels = list(labels)\n"
                "    classes = sorted(set(labels))\n"
                "    return {int(c): len(labels) / (len(classes) * labels.count(c)) for c in classes}\n"
            ),
        },
    },
]
