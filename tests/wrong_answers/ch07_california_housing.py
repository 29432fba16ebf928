"""Plausible wrong answers for chapter 7 (see docs/authoring.md, section 6).

Each entry replaces one solution cell; the autograded notebook must then lose exactly that exercise's points,
with `message` in the failing assertion.
"""

_WIDE_DEEP = (
    "def build_wide_and_deep(n_wide=5, n_deep=6, units=30):\n"
    "    input_wide = keras.Input(shape=(n_wide,), name='wide_input')\n"
    "    input_deep = keras.Input(shape=(n_deep,), name='deep_input')\n"
    "    hidden1 = keras.layers.Dense(units, activation='relu')(input_deep)\n"
    "    hidden2 = keras.layers.Dense(units, activation='relu')(hidden1)\n"
    "    concat = keras.layers.concatenate([input_wide, hidden2])\n"
    "    main_output = keras.layers.Dense(1, name='main_output')(concat)\n"
    "    aux_output = keras.layers.Dense(1, name='aux_output')({aux_on})\n"
    "    model = keras.Model(inputs=[input_wide, input_deep], outputs=[main_output, aux_output])\n"
    "    model.compile({compile_args}optimizer='adam')\n"
    "    return model\n"
)

_SUBCLASS = (
    "class WideAndDeepModel(keras.Model):\n"
    "    def __init__(self, units=30, activation='relu', **kwargs):\n"
    "        super().__init__(**kwargs)\n"
    "        self.hidden1 = keras.layers.Dense(units, activation=activation)\n"
    "        self.hidden2 = keras.layers.Dense(units, activation=activation)\n"
    "        self.main_output = keras.layers.Dense(1)\n"
    "        self.aux_output = keras.layers.Dense(1)\n"
    "\n"
    "    def call(self, inputs):\n"
    "        input_wide, input_deep = inputs\n"
    "        hidden1 = self.hidden1(input_deep)\n"
    "        hidden2 = self.hidden2(hidden1)\n"
    "        concat = keras.layers.concatenate({concat})\n"
    "        return self.main_output(concat), self.aux_output({aux_on})\n"
)

_CLIP = (
    "@keras.saving.register_keras_serializable(package='course')\n"
    "class ClipRange(keras.layers.Layer):\n"
    "    def __init__(self, low, high, **kwargs):\n"
    "        super().__init__(**kwargs)\n"
    "        self.low = low\n"
    "        self.high = high\n"
    "\n"
    "    def call(self, inputs):\n"
    "        return keras.ops.clip(inputs, self.low, self.high)\n"
    "{get_config}"
    "\n"
    "def save_and_reload(model, path):\n"
    "    model.save(path)\n"
    "    {returned}\n"
)
_GET_CONFIG = (
    "\n"
    "    def get_config(self):\n"
    "        config = super().get_config()\n"
    "        config.update({'low': self.low, 'high': self.high})\n"
    "        return config\n"
)

_IMPORTANCE = (
    "def permutation_importance(predict, X, y, seed=0):\n"
    "    rng = np.random.default_rng(seed)\n"
    "    base = np.sqrt(np.mean(({pred} - y) ** 2))\n"
    "    out = []\n"
    "    for j in range(X.shape[1]):\n"
    "        shuffled = X.copy()\n"
    "        shuffled[:, j] = rng.permutation(shuffled[:, j])\n"
    "        out.append(np.sqrt(np.mean(({pred_shuffled} - y) ** 2)) - base)\n"
    "    return np.array(out)\n"
    "\n"
    "\n"
    "importances = permutation_importance(lambda a: mlp.predict(a, verbose=0), X_valid_s, y_valid)\n"
    "MOST_IMPORTANT_FEATURE = {answer}\n"
)

WRONG_ANSWERS = [
    # --- exercise 1: scaling without leakage
    {"cell": "ex1_scale_splits",
     "source": ("def scale_splits(X_train, X_valid, X_test):\n"
                "    scaler = StandardScaler().fit(np.vstack([X_train, X_valid, X_test]))\n"
                "    return scaler.transform(X_train), scaler.transform(X_valid), scaler.transform(X_test)\n"),
     "message": "fitted on all rows"},
    {"cell": "ex1_scale_splits",
     "source": ("def scale_splits(X_train, X_valid, X_test):\n"
                "    return tuple(StandardScaler().fit_transform(part) for part in (X_train, X_valid, X_test))\n"),
     "message": "with its own mean and standard deviation"},
    {"cell": "ex1_scale_splits",
     "source": ("def scale_splits(X_train, X_valid, X_test):\n"
                "    mean, std = X_train.mean(axis=0), X_train.std(axis=0)\n"
                "    for part in (X_train, X_valid, X_test):\n"
                "        part -= mean\n"
                "        part /= std\n"
                "    return X_train, X_valid, X_test\n"),
     "message": "modified the arrays passed in"},
    {"cell": "ex1_scale_splits",   # pandas' std: the sample standard deviation, where the task asks for the population one
     "source": ("def scale_splits(X_train, X_valid, X_test):\n"
                "    mean, std = X_train.mean(axis=0), pd.DataFrame(X_train).std().to_numpy()\n"
                "    return tuple((part - mean) / std for part in (X_train, X_valid, X_test))\n"),
     "message": "you used ddof=1 (the sample standard deviation"},
    # --- exercise 2: two inputs, two outputs
    {"cell": "ex2_wide_and_deep",
     "source": _WIDE_DEEP.format(aux_on="hidden2", compile_args="loss=['mse', 'mse'], "),
     "message": "set loss_weights"},
    {"cell": "ex2_wide_and_deep",
     "source": _WIDE_DEEP.format(aux_on="hidden1",
                                 compile_args="loss=['mse', 'mse'], loss_weights=[0.9, 0.1], "),
     "message": "aux_output must sit on the second hidden layer"},
    {"cell": "ex2_wide_and_deep",
     "source": _WIDE_DEEP.format(aux_on="hidden2",
                                 compile_args="loss=['mse', 'mse'], loss_weights=[0.1, 0.9], "),
     "message": "set loss_weights"},
    {"cell": "ex2_wide_and_deep",
     "source": _WIDE_DEEP.format(aux_on="hidden2", compile_args="loss=['mae', 'mae'], loss_weights=[0.9, 0.1], "),
     "message": "must be the mean squared error"},
    {"cell": "ex2_wide_and_deep",
     "source": _WIDE_DEEP.format(aux_on="hidden2", compile_args="loss=['mse', 'mse'], loss_weights=[0.9, 0.1], ")
     .replace("name='wide_input'", "name='wide'").replace("name='deep_input'", "name='deep'"),
     "message": "expected two inputs named 'wide_input' and 'deep_input'"},
    {"cell": "ex2_wide_and_deep",
     "source": _WIDE_DEEP.format(aux_on="hidden2", compile_args="loss=['mse', 'mse'], loss_weights=[0.9, 0.1], ")
     .replace("Dense(units, activation='relu')", "Dense(units)"),
     "message": "need activation='relu'"},
    {"cell": "ex2_wide_and_deep",   # units ignored: right with the defaults only (the visible test uses units=7 too)
     "source": _WIDE_DEEP.format(aux_on="hidden2", compile_args="loss=['mse', 'mse'], loss_weights=[0.9, 0.1], ")
     .replace("Dense(units, activation='relu')", "Dense(30, activation='relu')"),
     "message": "units=7: expected"},
    {"cell": "ex2_wide_and_deep",   # n_wide ignored: right with the defaults only
     "source": _WIDE_DEEP.format(aux_on="hidden2", compile_args="loss=['mse', 'mse'], loss_weights=[0.9, 0.1], ")
     .replace("shape=(n_wide,)", "shape=(5,)"),
     "message": "with n_wide=3, n_deep=4: expected input shapes"},
    {"cell": "ex2_wide_and_deep",   # Hands-On ML 3's compile call: one metric for two outputs, which Keras 3 rejects
     "source": _WIDE_DEEP.format(aux_on="hidden2", compile_args="loss=('mse', 'mse'), loss_weights=(0.9, 0.1), "
                                                               "metrics=['RootMeanSquaredError'], "),
     "message": "Keras 3 pairs a list of metrics with the outputs, one entry per output"},
    # --- exercise 3: subclassing
    {"cell": "ex3_subclassed",
     "source": _SUBCLASS.format(concat="[hidden2, input_wide]", aux_on="hidden2"),
     "message": "the wide input first"},
    {"cell": "ex3_subclassed",
     "source": _SUBCLASS.format(concat="[input_wide, hidden2]", aux_on="hidden1"),
     "message": "aux_output differs from the reference"},
    {"cell": "ex3_subclassed",
     "source": _SUBCLASS.format(concat="[input_wide, hidden2]", aux_on="hidden2")
     .replace("activation=activation", "activation='relu'"),
     "message": "activation='tanh'"},
    {"cell": "ex3_subclassed",   # units ignored: right with the defaults only (the visible test uses units=9 too)
     "source": _SUBCLASS.format(concat="[input_wide, hidden2]", aux_on="hidden2")
     .replace("Dense(units, activation=activation)", "Dense(30, activation=activation)"),
     "message": "units=9: check what feeds it"},
    # --- exercise 4: a custom layer that survives saving
    {"cell": "ex4_clip_range",
     "source": _CLIP.format(get_config="", returned="return keras.models.load_model(path)"),
     "message": "write get_config"},
    {"cell": "ex4_clip_range",
     "source": _CLIP.format(get_config=_GET_CONFIG, returned="return model"),
     "message": "not the model passed in"},
    # --- exercise 5: callbacks
    {"cell": "ex5_callbacks",
     "source": ("def make_callbacks(checkpoint_path, patience=5):\n"
                "    return [keras.callbacks.ModelCheckpoint(checkpoint_path, save_best_only=True),\n"
                "            keras.callbacks.EarlyStopping(patience=patience)]\n"),
     "message": "restore_best_weights=True"},
    {"cell": "ex5_callbacks",
     "source": ("def make_callbacks(checkpoint_path, patience=5):\n"
                "    return [keras.callbacks.ModelCheckpoint(checkpoint_path),\n"
                "            keras.callbacks.EarlyStopping(patience=patience, restore_best_weights=True)]\n"),
     "message": "save_best_only=True"},
    {"cell": "ex5_callbacks",
     "source": ("def make_callbacks(checkpoint_path, patience=5):\n"
                "    return [keras.callbacks.ModelCheckpoint(checkpoint_path, save_best_only=True),\n"
                "            keras.callbacks.EarlyStopping(patience=10, restore_best_weights=True)]\n"),
     "message": "pass patience on to EarlyStopping"},
    {"cell": "ex5_callbacks",
     "source": ("def make_callbacks(checkpoint_path, patience=5):\n"
                "    return [keras.callbacks.ModelCheckpoint(checkpoint_path, save_best_only=True)]\n"),
     "message": "add EarlyStopping"},
    # --- exercise 6: permutation importance
    {"cell": "ex6_importance",
     "source": _IMPORTANCE.format(pred="predict(X)", pred_shuffled="predict(shuffled)",
                                  answer="FEATURES[int(np.argmax(importances))]"),
     "message": "flatten them with np.ravel"},
    {"cell": "ex6_importance",
     "source": _IMPORTANCE.format(pred="np.ravel(predict(X))", pred_shuffled="np.ravel(predict(shuffled))",
                                  answer="'HouseAge'"),
     "message": "but MOST_IMPORTANT_FEATURE is"},
    {"cell": "ex6_importance",   # a finding typed in, consistent with typed-in importances, not with the experiment
     "source": _IMPORTANCE.format(pred="np.ravel(predict(X))", pred_shuffled="np.ravel(predict(shuffled))",
                                  answer="'Latitude'")
     .replace("importances = permutation_importance(lambda a: mlp.predict(a, verbose=0), X_valid_s, y_valid)",
              "importances = np.array([0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5, 0.3])"),
     "message": "but your permutation_importance, run on section 3's mlp with X_valid_s and y_valid, finds 'MedInc'"},
]
