"""Correct answers to chapter 4 written differently from the reference; each entry must score full marks."""

RIGHT_ANSWERS = [
    {"name": "tf_keras_adam_accuracy_and_a_trial_call",
     # the trial call in exercise 4's cell rebinds the global `history` with metrics=["accuracy"] (issue 12)
     "cells": {
         "ex1_simple_dense": ("class SimpleDense(tf.keras.layers.Layer):\n"
                              "    def __init__(self, units, activation=None, **kwargs):\n"
                              "        super().__init__(**kwargs)\n"
                              "        self.units = units\n"
                              "        self.activation = tf.keras.activations.get(activation)\n\n"
                              "    def build(self, input_shape):\n"
                              "        self.kernel = self.add_weight(shape=(input_shape[-1], self.units),\n"
                              "                                      initializer=tf.keras.initializers.RandomNormal(stddev=0.05))\n"
                              "        self.bias = self.add_weight(shape=(self.units,), initializer='zeros')\n\n"
                              "    def call(self, inputs):\n"
                              "        return self.activation(inputs @ self.kernel + self.bias)\n"),
         "ex2_param_counts": ("def dense_param_counts(input_dim, units):\n"
                              "    sizes = [input_dim, *units]\n"
                              "    return [(n_in + 1) * n_out for n_in, n_out in zip(sizes, sizes[1:])]\n"),
         "ex3_stratified_split": ("def stratified_split(inputs, targets, val_fraction=0.3, seed=0):\n"
                                  "    rng = np.random.default_rng(seed)\n"
                                  "    is_val = np.zeros(len(inputs), dtype=bool)\n"
                                  "    for label in np.unique(targets):\n"
                                  "        rows = np.where(targets[:, 0] == label)[0]\n"
                                  "        chosen = rng.choice(rows, size=int(len(rows) * val_fraction), replace=False)\n"
                                  "        is_val[chosen] = True\n"
                                  "    return inputs[~is_val], targets[~is_val], inputs[is_val], targets[is_val]\n"
                                  "\n"
                                  "\n"
                                  "print([part.shape for part in stratified_split(inputs, targets)])\n"),
         "ex4_train": ("def build_and_train(train_x, train_y, val_x, val_y, epochs):\n"
                       "    model = tf.keras.Sequential([tf.keras.Input(shape=(2,)),\n"
                       "                                 tf.keras.layers.Dense(1, activation='sigmoid')])\n"
                       "    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=0.05),\n"
                       "                  loss='binary_crossentropy', metrics=['accuracy'])\n"
                       "    history = model.fit(train_x, train_y, epochs=epochs, validation_data=(val_x, val_y), verbose=0)\n"
                       "    return model, history\n\n\n"
                       "model, history = build_and_train(train_inputs, train_targets, val_inputs, val_targets, 2)\n"
                       "print(sorted(history.history))\n"),
         "ex5_summary": ("def summarize_training(history, scores):\n"
                         "    val_loss = history.history['val_loss']\n"
                         "    best = min(range(len(val_loss)), key=lambda i: val_loss[i])\n"
                         "    accuracy_key = [k for k in history.history if k.startswith('val_') and 'acc' in k][0]\n"
                         "    return {'epochs': history.params['epochs'], 'best_epoch': best + 1,\n"
                         "            'best_val_loss': float(val_loss[best]),\n"
                         "            'final_val_accuracy': float(history.history[accuracy_key][-1]),\n"
                         "            'eval_loss': float(scores[0]), 'eval_accuracy': float(scores[1])}\n"),
     }},
    {"name": "from_tensorflow_import_keras_input_shape_sgd",
     # input_shape= on a layer warns on stderr inside the test cell; the test cell must silence it itself
     "cells": {
         "ex1_simple_dense": ("from tensorflow import keras\n\n\n"
                              "class SimpleDense(keras.layers.Layer):\n"
                              "    def __init__(self, units, activation=None, **kwargs):\n"
                              "        super().__init__(**kwargs)\n"
                              "        self.units = units\n"
                              "        self.activation = activation\n\n"
                              "    def build(self, input_shape):\n"
                              "        self.W = self.add_weight(shape=(int(input_shape[-1]), self.units),\n"
                              "                                 initializer='random_normal', trainable=True)\n"
                              "        self.b = self.add_weight(shape=(self.units,), initializer='zeros', trainable=True)\n\n"
                              "    def call(self, inputs):\n"
                              "        z = keras.ops.matmul(inputs, self.W) + self.b\n"
                              "        if self.activation is None:\n"
                              "            return z\n"
                              "        if isinstance(self.activation, str):\n"
                              "            return keras.activations.get(self.activation)(z)\n"
                              "        return self.activation(z)\n"),
         "ex4_train": ("from tensorflow import keras\n\n\n"
                       "def build_and_train(train_x, train_y, val_x, val_y, epochs):\n"
                       "    model = keras.Sequential([keras.layers.Dense(1, activation='sigmoid', input_shape=(2,))])\n"
                       "    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.5), loss='binary_crossentropy',\n"
                       "                  metrics=[keras.metrics.BinaryAccuracy()])\n"
                       "    history = model.fit(train_x, train_y, epochs=epochs, batch_size=32,\n"
                       "                        validation_data=(val_x, val_y), verbose=0)\n"
                       "    return model, history\n"),
         "ex5_summary": ("def summarize_training(history, scores):\n"
                         "    logs = history.history\n"
                         "    best = int(np.argmin(np.array(logs['val_loss'])))\n"
                         "    return dict(epochs=len(history.epoch), best_epoch=best + 1, best_val_loss=float(logs['val_loss'][best]),\n"
                         "                final_val_accuracy=float(logs['val_binary_accuracy'][-1]),\n"
                         "                eval_loss=float(scores[0]), eval_accuracy=float(scores[1]))\n"),
         "ex6_xor": ("def make_xor(n_per_cloud=100, seed=0):\n"
                     "    rng = np.random.default_rng(seed)\n"
                     "    corners = np.array([[2.0, 2.0], [-2.0, -2.0], [2.0, -2.0], [-2.0, 2.0]])\n"
                     "    points = np.vstack([rng.normal(c, 0.6, size=(n_per_cloud, 2)) for c in corners]).astype('float32')\n"
                     "    labels = np.repeat([0.0, 0.0, 1.0, 1.0], n_per_cloud).reshape(-1, 1).astype('float32')\n"
                     "    return points, labels\n\n\n"
                     "xor_x, xor_y = make_xor()\n"
                     "EPOCHS_XOR = 10 if FAST else 60\n"
                     "results = {}\n"
                     "for activation in [None, 'relu']:\n"
                     "    keras.utils.set_random_seed(1)\n"
                     "    m = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(16, activation=activation),\n"
                     "                          keras.layers.Dense(1, activation='sigmoid')])\n"
                     "    m.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss='binary_crossentropy',\n"
                     "              metrics=['binary_accuracy'])\n"
                     "    results[activation] = m.fit(xor_x, xor_y, epochs=EPOCHS_XOR, verbose=0).history['binary_accuracy'][-1]\n"
                     "print(results)\n"
                     "LINEAR_STACK_ACCURACY, RELU_STACK_ACCURACY = results[None], results['relu']\n"
                     "LINEAR_STACK_CAN_FIT_XOR = bool(LINEAR_STACK_ACCURACY > 0.9)\n"),
     }},
    # Added with issue 26: the activation applied by a weightless keras.layers.Activation sub-layer, in both spellings;
    # a loss object without from_logits
    {"name": "activation_sublayer_keras",
    "cells": {
         "ex1_simple_dense": ("class SimpleDense(keras.layers.Layer):\n"
                              "    def __init__(self, units, activation=None, **kwargs):\n"
                              "        super().__init__(**kwargs)\n"
                              "        self.units = units\n"
                              "        self.activation = keras.layers.Activation(activation)\n\n"
                              "    def build(self, input_shape):\n"
                              "        self.kernel = self.add_weight(shape=(input_shape[-1], self.units),\n"
                              "                                      initializer='random_normal', name='kernel')\n"
                              "        self.bias = self.add_weight(shape=(self.units,), initializer='zeros', name='bias')\n\n"
                              "    def call(self, inputs):\n"
                              "        return self.activation(inputs @ self.kernel + self.bias)\n"),
     }},
    {"name": "activation_sublayer_tf_keras_loss_object",
    "cells": {
         "ex1_simple_dense": ("class SimpleDense(tf.keras.layers.Layer):\n"
                              "    def __init__(self, units, activation=None, **kwargs):\n"
                              "        super().__init__(**kwargs)\n"
                              "        self.units = units\n"
                              "        self.activation = tf.keras.layers.Activation(activation)\n\n"
                              "    def build(self, input_shape):\n"
                              "        self.kernel = self.add_weight(shape=(input_shape[-1], self.units),\n"
                              "                                      initializer='random_normal', name='kernel')\n"
                              "        self.bias = self.add_weight(shape=(self.units,), initializer='zeros', name='bias')\n\n"
                              "    def call(self, inputs):\n"
                              "        return self.activation(inputs @ self.kernel + self.bias)\n"),
         "ex4_train": ("def build_and_train(train_x, train_y, val_x, val_y, epochs):\n"
                       "    model = tf.keras.Sequential([tf.keras.Input(shape=(2,)),\n"
                       "                                 tf.keras.layers.Dense(1, activation='sigmoid')])\n"
                       "    model.compile(optimizer=tf.keras.optimizers.Nadam(learning_rate=0.05),\n"
                       "                  loss=tf.keras.losses.BinaryCrossentropy(), metrics=['accuracy'])\n"
                       "    history = model.fit(train_x, train_y, epochs=epochs, batch_size=32,\n"
                       "                        validation_data=(val_x, val_y), verbose=0)\n"
                       "    return model, history\n"),
     }},
    {"name": "stratified_by_mask",
     "cells": {
         "ex3_stratified_split": ("def stratified_split(inputs, targets, val_fraction=0.3, seed=0):\n"
                                  "    order = np.random.default_rng(seed).permutation(len(inputs))\n"
                                  "    x, y = inputs[order], targets[order]\n"
                                  "    val_mask = np.zeros(len(x), dtype=bool)\n"
                                  "    for label in (0.0, 1.0):\n"
                                  "        in_class = np.flatnonzero(y[:, 0] == label)  # already in random order\n"
                                  "        val_mask[in_class[:int(val_fraction * len(in_class))]] = True\n"
                                  "    return x[~val_mask], y[~val_mask], x[val_mask], y[val_mask]\n"),
     }},
    {"name": "stratified_by_class_arrays",
     "cells": {
         "ex3_stratified_split": ("def stratified_split(inputs, targets, val_fraction=0.3, seed=0):\n"
                                  "    rng = np.random.default_rng(seed)\n"
                                  "    out = {'tx': [], 'ty': [], 'vx': [], 'vy': []}\n"
                                  "    for c in (0, 1):\n"
                                  "        xc, yc = inputs[targets[:, 0] == c], targets[targets[:, 0] == c]\n"
                                  "        p = rng.permutation(len(xc))\n"
                                  "        k = int(val_fraction * len(xc))\n"
                                  "        out['vx'].append(xc[p[:k]]); out['vy'].append(yc[p[:k]])\n"
                                  "        out['tx'].append(xc[p[k:]]); out['ty'].append(yc[p[k:]])\n"
                                  "    return tuple(np.vstack(out[key]) for key in ('tx', 'ty', 'vx', 'vy'))\n"),
     }},
]
