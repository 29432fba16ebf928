"""Correct answers for chapter 7 written differently from the reference (docs/authoring.md, section 6).

Each entry replaces several solution cells at once and must score full marks.
"""

RIGHT_ANSWERS = [
    {"name": "tf_keras_normalization_lists",
     "cells": {
         "ex1_scale_splits": (
             "def scale_splits(X_train, X_valid, X_test):\n"
             "    layer = tf.keras.layers.Normalization()\n"
             "    layer.adapt(X_train)\n"
             "    print('mean', np.asarray(layer.mean).round(2))\n"
             "    return layer(X_train), layer(X_valid), layer(X_test)\n"
             "\n"
             "\n"
             "print([a.shape for a in scale_splits(X_train, X_valid, X_test)])\n"),
         "ex2_wide_and_deep": (
             "def build_wide_and_deep(n_wide=5, n_deep=6, units=30):\n"
             "    wide = tf.keras.Input(shape=(n_wide,), name='wide_input')\n"
             "    deep = tf.keras.Input(shape=(n_deep,), name='deep_input')\n"
             "    h = tf.keras.layers.Dense(units, activation=tf.nn.relu)(deep)\n"
             "    h = tf.keras.layers.Dense(units, activation='relu')(h)\n"
             "    main = tf.keras.layers.Dense(1, name='main_output')(tf.keras.layers.Concatenate()([h, wide]))\n"
             "    aux = tf.keras.layers.Dense(1, name='aux_output')(h)\n"
             "    model = tf.keras.Model([deep, wide], [main, aux])\n"
             "    model.compile(loss=['mean_squared_error', tf.keras.losses.MeanSquaredError()],\n"
             "                  loss_weights=[0.9, 0.1], optimizer=tf.keras.optimizers.SGD(learning_rate=0.01),\n"
             "                  metrics=['RootMeanSquaredError', 'RootMeanSquaredError'])  # one entry per output\n"
             "    return model\n"
             "\n"
             "\n"
             "build_wide_and_deep().summary()\n"),
         "ex3_subclassed": (
             "class WideAndDeepModel(tf.keras.Model):\n"
             "    def __init__(self, units=30, activation='relu', **kwargs):\n"
             "        super().__init__(**kwargs)\n"
             "        self.hidden1 = tf.keras.layers.Dense(units, activation=activation)\n"
             "        self.hidden2 = tf.keras.layers.Dense(units, activation=activation)\n"
             "        self.main_output = tf.keras.layers.Dense(1)\n"
             "        self.aux_output = tf.keras.layers.Dense(1)\n"
             "        self.concat = tf.keras.layers.Concatenate()\n"
             "\n"
             "    def call(self, inputs):\n"
             "        wide, deep = inputs[0], inputs[1]\n"
             "        h = self.hidden2(self.hidden1(deep))\n"
             "        return [self.main_output(self.concat([wide, h])), self.aux_output(h)]\n"
             "\n"
             "\n"
             "print(WideAndDeepModel()((X_train_s[:2, :5], X_train_s[:2, 2:]))[0].shape)\n"),
         "ex4_clip_range": (
             "@keras.saving.register_keras_serializable(package='course')\n"
             "class ClipRange(keras.layers.Layer):\n"
             "    def __init__(self, low, high, **kwargs):\n"
             "        super().__init__(**kwargs)\n"
             "        self.low, self.high = low, high\n"
             "\n"
             "    def call(self, inputs):\n"
             "        return tf.clip_by_value(inputs, self.low, self.high)\n"
             "\n"
             "    def get_config(self):\n"
             "        return {**super().get_config(), 'low': self.low, 'high': self.high}\n"
             "\n"
             "\n"
             "def save_and_reload(model, path):\n"
             "    tf.keras.models.save_model(model, path)\n"
             "    print('saved to', path)\n"
             "    return tf.keras.models.load_model(path)\n"),
         "ex5_callbacks": (
             "def make_callbacks(checkpoint_path, patience=5):\n"
             "    return [tf.keras.callbacks.EarlyStopping(monitor='val_loss', patience=patience,\n"
             "                                             restore_best_weights=True),\n"
             "            tf.keras.callbacks.ModelCheckpoint(checkpoint_path, monitor='val_loss', save_best_only=True),\n"
             "            ValTrainRatio(threshold=100.0)]\n"),
         "ex6_importance": (
             "def permutation_importance(predict, X, y, seed=0):\n"
             "    rng = np.random.default_rng(seed)\n"
             "    y = np.asarray(y).reshape(-1)\n"
             "    rmse_of = lambda a: float(keras.ops.sqrt(keras.ops.mean((np.reshape(predict(a), -1) - y) ** 2)))\n"
             "    base = rmse_of(X)\n"
             "    result = np.zeros(X.shape[1])\n"
             "    for j in range(X.shape[1]):\n"
             "        column = X[:, j].copy()\n"
             "        rng.shuffle(column)\n"
             "        shuffled = np.column_stack([column if k == j else X[:, k] for k in range(X.shape[1])])\n"
             "        result[j] = rmse_of(shuffled) - base\n"
             "    return result\n"
             "\n"
             "\n"
             "importances = permutation_importance(mlp.predict, X_valid_s, y_valid, seed=3)\n"
             "MOST_IMPORTANT_FEATURE = max(zip(importances, FEATURES))[1]\n"
             "print(MOST_IMPORTANT_FEATURE)\n"),
     }},
    {"name": "numpy_dicts_from_tensorflow_import_keras",
     "cells": {
         "ex1_scale_splits": (
             "def scale_splits(X_train, X_valid, X_test):\n"
             "    mean = np.mean(X_train, axis=0)\n"
             "    std = pd.DataFrame(X_train).std(ddof=0).to_numpy()  # the population std, as the task asks\n"
             "    return [(part - mean) / std for part in (X_train, X_valid, X_test)]\n"),
         "ex2_wide_and_deep": (
             "from tensorflow import keras as K\n"
             "\n"
             "\n"
             "def build_wide_and_deep(n_wide=5, n_deep=6, units=30):\n"
             "    inputs = {'wide_input': K.Input(shape=(n_wide,), name='wide_input'),\n"
             "              'deep_input': K.Input(shape=(n_deep,), name='deep_input')}\n"
             "    hidden = inputs['deep_input']\n"
             "    for _ in range(2):\n"
             "        hidden = K.layers.Dense(units, activation='relu')(hidden)\n"
             "    outputs = {'main_output': K.layers.Dense(1, name='main_output')(\n"
             "                   K.layers.concatenate([inputs['wide_input'], hidden])),\n"
             "               'aux_output': K.layers.Dense(1, name='aux_output')(hidden)}\n"
             "    model = K.Model(inputs=inputs, outputs=outputs)\n"
             "    model.compile(optimizer=K.optimizers.RMSprop(),\n"
             "                  loss={'main_output': 'mse', 'aux_output': 'mse'},\n"
             "                  loss_weights={'aux_output': 0.1, 'main_output': 0.9},\n"
             "                  metrics={'main_output': ['RootMeanSquaredError'], 'aux_output': ['mae']})\n"
             "    return model\n"),
         "ex5_callbacks": (
             "def make_callbacks(checkpoint_path, patience=5):\n"
             "    stop = keras.callbacks.EarlyStopping(patience=patience, restore_best_weights=True, verbose=0)\n"
             "    keep = keras.callbacks.ModelCheckpoint(filepath=str(checkpoint_path), save_best_only=True, verbose=0)\n"
             "    return (keep, stop)\n"),
     }},
]
