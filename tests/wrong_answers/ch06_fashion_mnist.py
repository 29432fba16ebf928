"""Plausible wrong answers for chapter 6 (see docs/authoring.md, section 6).

Each entry replaces one solution cell; the autograded notebook must then lose exactly that exercise's points,
with `message` in the failing assertion. Some entries only fail the hidden tests (hard-coded answers).
"""

WRONG_ANSWERS = [
    # --- exercise 1: prepare_data
    {
        "cell": "ex1_prepare_data",
        "source": (
            "def prepare_data(train_images, train_labels, test_images, test_labels, n_valid):\n"
            "    # validation data taken from the test set\n"
            "    x_train = train_images.astype('float32') / 255.0\n"
            "    x_valid = test_images[:n_valid].astype('float32') / 255.0\n"
            "    x_test = test_images.astype('float32') / 255.0\n"
            "    return x_train, train_labels, x_valid, test_labels[:n_valid], x_test, test_labels\n"
        ),
        "message": "are test images",
    },
    {
        "cell": "ex1_prepare_data",
        "source": (
            "def prepare_data(train_images, train_labels, test_images, test_labels, n_valid):\n"
            "    # dividing by 255.0 without a cast gives float64\n"
            "    return (train_images[n_valid:] / 255.0, train_labels[n_valid:], train_images[:n_valid] / 255.0,\n"
            "            train_labels[:n_valid], test_images / 255.0, test_labels)\n"
        ),
        "message": "expected dtype float32, got float64",
    },
    # --- exercise 2: build_classifier
    {
        "cell": "ex2_build_classifier",
        "source": (
            "def build_classifier(hidden_units):\n"
            "    model = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten()])\n"
            "    for units in hidden_units:\n"
            "        model.add(keras.layers.Dense(units, activation='relu'))\n"
            "    model.add(keras.layers.Dense(10, activation='softmax'))\n"
            "    model.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])\n"
            "    return model\n"
        ),
        "message": "the loss must accept integer labels",
    },
    {
        "cell": "ex2_build_classifier",
        "source": (
            "def build_classifier(hidden_units):\n"
            "    # no Flatten: the Dense layers see rows of 28 pixels\n"
            "    model = keras.Sequential([keras.Input(shape=(28, 28))])\n"
            "    for units in hidden_units:\n"
            "        model.add(keras.layers.Dense(units, activation='relu'))\n"
            "    model.add(keras.layers.Dense(10, activation='softmax'))\n"
            "    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
            "    return model\n"
        ),
        "message": "the first layer must be keras.layers.Flatten()",
    },
    {
        "cell": "ex2_build_classifier",
        "source": (
            "def build_classifier(hidden_units):\n"
            "    model = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten()])\n"
            "    for units in hidden_units:\n"
            "        model.add(keras.layers.Dense(units, activation='relu'))\n"
            "    model.add(keras.layers.Dense(10, activation='sigmoid'))  # ten independent yes/no outputs\n"
            "    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
            "    return model\n"
        ),
        "message": "must be Dense(10, activation='softmax')",
    },
    {
        "cell": "ex2_build_classifier",
        "source": (
            "def build_classifier(hidden_units):\n"
            "    # ignores hidden_units: always the chapter's 300-300 model\n"
            "    model = keras.Sequential([\n"
            "        keras.Input(shape=(28, 28)),\n"
            "        keras.layers.Flatten(),\n"
            "        keras.layers.Dense(300, activation='relu'),\n"
            "        keras.layers.Dense(300, activation='relu'),\n"
            "        keras.layers.Dense(10, activation='softmax'),\n"
            "    ])\n"
            "    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
            "    return model\n"
        ),
        "message": "expected Dense layers of [32, 10] units",
    },
    # --- exercise 3: train_classifier
    {
        "cell": "ex3_train_classifier",
        "source": (
            "shared_model = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten(),\n"
            "                                 keras.layers.Dense(100, activation='relu'),\n"
            "                                 keras.layers.Dense(10, activation='softmax')])\n"
            "shared_model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
            "\n"
            "\n"
            "def train_classifier(x_train, y_train, x_valid, y_valid, epochs):\n"
            "    # keeps training one model built outside the function\n"
            "    history = shared_model.fit(x_train, y_train, epochs=epochs, validation_data=(x_valid, y_valid), verbose=0)\n"
            "    return shared_model, history\n"
        ),
        "message": "must build a new model in every call",
    },
    {
        "cell": "ex3_train_classifier",
        "source": (
            "def train_classifier(x_train, y_train, x_valid, y_valid, epochs):\n"
            "    model = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten(),\n"
            "                              keras.layers.Dense(100, activation='relu'),\n"
            "                              keras.layers.Dense(10, activation='softmax')])\n"
            "    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
            "    history = model.fit(x_train, y_train, epochs=epochs, verbose=0)  # no validation data\n"
            "    return model, history\n"
        ),
        "message": "pass validation_data=(x_valid, y_valid) to fit",
    },
    # --- exercise 4: predict_class_names
    {
        "cell": "ex4_class_names",
        "source": (
            "def predict_class_names(model, images, class_names):\n"
            "    probabilities = model.predict(images, verbose=0)\n"
            "    return [class_names[i] for i in np.argmax(probabilities, axis=0)]  # wrong axis\n"
        ),
        "message": "not axis=0",
    },
    {
        "cell": "ex4_class_names",
        "source": (
            "def predict_class_names(model, images, class_names):\n"
            "    return list(np.argmax(model.predict(images, verbose=0), axis=1))  # numbers, not names\n"
        ),
        "message": "not class numbers",
    },
    {
        "cell": "ex4_class_names",
        "source": (
            "def predict_class_names(model, images, class_names):\n"
            "    return [class_names[i] for i in model.predict_classes(images)]  # Keras 2 only\n"
        ),
        "message": "no predict_classes",
    },
    # --- exercise 5: top_confusions
    {
        "cell": "ex5_top_confusions",
        "source": (
            "def top_confusions(cm, class_names, k):\n"
            "    cm = np.asarray(cm)\n"
            "    order = np.argsort(-cm, axis=None, kind='stable')[:k]  # forgets to blank the diagonal\n"
            "    rows, cols = np.unravel_index(order, cm.shape)\n"
            "    return [(class_names[i], class_names[j], int(cm[i, j])) for i, j in zip(rows, cols)]\n"
        ),
        "message": "must be left out",
    },
    {
        "cell": "ex5_top_confusions",
        "source": (
            "def top_confusions(cm, class_names, k):\n"
            "    m = np.array(cm, copy=True)\n"
            "    np.fill_diagonal(m, -1)\n"
            "    order = np.argsort(-m, axis=None, kind='stable')[:k]\n"
            "    rows, cols = np.unravel_index(order, m.shape)\n"
            "    return [(class_names[j], class_names[i], int(m[i, j])) for i, j in zip(rows, cols)]  # swapped\n"
        ),
        "message": "you swapped them",
    },
    # --- exercise 6: the learner's own most confused pair
    {
        "cell": "ex6_explore_confusion",
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
        "cell": "ex6_explore_confusion",
        "source": (
            "explored_model = model\n"
            "explored_cm = confusion_matrix(y_test, np.argmax(explored_model.predict(x_test, verbose=0), axis=1))\n"
            "row, column = np.unravel_index(np.argmax(explored_cm), explored_cm.shape)  # the diagonal left in\n"
            "CONFUSED_TRUE, CONFUSED_PREDICTED = class_names[row], class_names[column]\n"
        ),
        "message": "that cell is on the diagonal",
    },
    # --- exercise 7: balanced_class_weights
    {
        "cell": "ex7_class_weights",
        "source": (
            "def balanced_class_weights(labels):\n"
            "    classes, counts = np.unique(labels, return_counts=True)\n"
            "    return {int(c): 1.0 / n for c, n in zip(classes, counts)}  # not normalised\n"
        ),
        "message": "n_samples / (n_classes * count)",
    },
    # Added with issue 26: answers that kept their points before
    {
        "cell": "ex2_build_classifier",
        # a softmax output with a loss that declares it logits (Keras's TensorFlow backend warns and undoes the softmax)
        "source": (
            "def build_classifier(hidden_units):\n"
            "    model = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten()])\n"
            "    for units in hidden_units:\n"
            "        model.add(keras.layers.Dense(units, activation='relu'))\n"
            "    model.add(keras.layers.Dense(10, activation='softmax'))\n"
            "    model.compile(optimizer='adam', loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),\n"
            "                  metrics=['accuracy'])\n"
            "    return model\n"
        ),
        "message": "compiled with from_logits=True",
    },
    {
        "cell": "ex3_train_classifier",
        # validation_split holds out part of the training images instead of using the given validation data
        "source": (
            "def train_classifier(x_train, y_train, x_valid, y_valid, epochs):\n"
            "    model = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten(),\n"
            "                              keras.layers.Dense(100, activation='relu'),\n"
            "                              keras.layers.Dense(10, activation='softmax')])\n"
            "    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
            "    history = model.fit(x_train, y_train, epochs=epochs, validation_split=0.2, verbose=0)\n"
            "    return model, history\n"
        ),
        "message": "is not the loss on (x_valid, y_valid)",
    },
]
