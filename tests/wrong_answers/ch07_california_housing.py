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

_SCALING = (
    "def scaling_mistake(X_train, X_valid, train_scaled, valid_scaled):\n"
    "    mean, std = X_train.mean(axis=0), {std}\n"
    "    if not {same}(np.asarray(train_scaled, dtype='float64'), (X_train - mean) / std):\n"
    "        return {leak}\n"
    "    if {same}(np.asarray(valid_scaled, dtype='float64'), (X_valid - mean) / std):\n"
    "        return 'none'\n"
    "    return {own}\n"
)
_SCALING_RIGHT = {"std": "X_train.std(axis=0)", "same": "(lambda a, b: np.allclose(a, b, atol=1e-3))",
                      "leak": "'all rows'", "own": "'own statistics'"}

_COLUMNS = (
    "@keras.saving.register_keras_serializable(package='course')\n"
    "class WideAndDeepByColumns(keras.Model):\n"
    "    def __init__(self, wide_columns, deep_columns, units=30, **kwargs):\n"
    "        super().__init__(**kwargs)\n"
    "        self.wide_columns, self.deep_columns, self.units = list(wide_columns), list(deep_columns), units\n"
    "        self.hidden1 = keras.layers.Dense(units, activation={activation})\n"
    "        self.hidden2 = keras.layers.Dense(units, activation={activation})\n"
    "        self.out = keras.layers.Dense(1)\n"
    "{extra_init}"
    "\n"
    "    def call(self, inputs):\n"
    "        wide = {wide}\n"
    "        deep = {deep}\n"
    "        hidden2 = self.hidden2(self.hidden1(deep))\n"
    "        return {out}(keras.ops.concatenate([wide, hidden2], axis=-1))\n"
    "{get_config}"
)
_COLUMNS_RIGHT = {
    "activation": "'relu'", "extra_init": "", "wide": "keras.ops.take(inputs, self.wide_columns, axis=1)",
    "deep": "keras.ops.take(inputs, self.deep_columns, axis=1)", "out": "self.out",
    "get_config": ("\n"
                "    def get_config(self):\n"
                "        config = super().get_config()\n"
                "        config.update({'wide_columns': self.wide_columns, 'deep_columns': self.deep_columns,\n"
                "                       'units': self.units})\n"
                "        return config\n")}

_STOPPING = (
    "def early_stopping_outcome(val_losses, patience):\n"
    "    best, best_epoch, waited, ran = None, 0, 0, 0\n"
    "    for epoch, loss in enumerate(val_losses, start={start}):\n"
    "        ran = epoch\n"
    "        if best is None or loss {better} best:\n"
    "            best, best_epoch, waited = loss, epoch, 0\n"
    "        else:\n"
    "            waited += 1\n"
    "            if waited {stop} patience:\n"
    "                break\n"
    "    return ran, {best}\n"
)
_STOPPING_RIGHT = {"start": 1, "better": "<", "stop": ">=", "best": "best_epoch"}


WRONG_ANSWERS = [
    # --- exercise 1: which scaling mistake was made (a diagnosis)
    {"cell": "ex1_scaling_mistake",   # looks at the training set only: cannot tell "own statistics" from "none"
     "source": ("def scaling_mistake(X_train, X_valid, train_scaled, valid_scaled):\n"
                "    if np.allclose(np.asarray(train_scaled).mean(axis=0), 0, atol=1e-3):\n"
                "        return 'none'\n"
                "    return 'all rows'\n"),
     "message": "expected 'own statistics', got 'none'"},
    {"cell": "ex1_scaling_mistake",   # pandas' std (ddof=1): the right scaling looks like a leak
     "source": _SCALING.format(**{**_SCALING_RIGHT, "std": "pd.DataFrame(X_train).std().to_numpy()"}),
     "message": "use the population standard deviation, ddof=0"},
    {"cell": "ex1_scaling_mistake",   # exact comparison: a float32 array of the right scaling looks like a leak
     "source": _SCALING.format(**{**_SCALING_RIGHT, "same": "np.array_equal"}),
     "message": "expected 'none', got 'all rows'. Compare with a tolerance"},
    {"cell": "ex1_scaling_mistake",   # the two mistakes' names swapped
     "source": _SCALING.format(**{**_SCALING_RIGHT, "leak": "'own statistics'", "own": "'all rows'"}),
     "message": "expected 'all rows', got 'own statistics'"},
    {"cell": "ex1_scaling_mistake",   # looks at the validation set only: misses the leak
     "source": ("def scaling_mistake(X_train, X_valid, train_scaled, valid_scaled):\n"
                "    if np.allclose(np.asarray(valid_scaled).mean(axis=0), 0, atol=1e-3):\n"
                "        return 'own statistics'\n"
                "    return 'none'\n"),
     "message": "expected 'all rows', got 'none'"},
    {"cell": "ex1_scaling_mistake",   # a label of its own
     "source": _SCALING.format(**{**_SCALING_RIGHT, "own": "'own stats'"}),
     "message": "must return one of the strings"},
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
    # --- exercise 3: a subclassed Wide & Deep model that picks its own columns, and survives saving
    {"cell": "ex3_columns_model",   # no get_config of its own
     "source": _COLUMNS.format(**{**_COLUMNS_RIGHT, "get_config": ""}),
     "message": "write get_config in WideAndDeepByColumns"},
    {"cell": "ex3_columns_model",   # the deep path gets every column
     "source": _COLUMNS.format(**{**_COLUMNS_RIGHT, "deep": "inputs"}),
     "message": "only the deep_columns enter the hidden layers"},
    {"cell": "ex3_columns_model",   # the wide columns go through a hidden layer of their own
     "source": _COLUMNS.format(**{**_COLUMNS_RIGHT,
                                  "extra_init": "        self.wide_layer = keras.layers.Dense(4, activation='relu')\n",
                                  "wide": "self.wide_layer(keras.ops.take(inputs, self.wide_columns, axis=1))"}),
     "message": "the output must be affine in the wide-only columns"},
    {"cell": "ex3_columns_model",   # the output layer created in call: new random weights at every call
     "source": _COLUMNS.format(**{**_COLUMNS_RIGHT, "out": "keras.layers.Dense(1)"}),
     "message": "a layer is created inside call"},
    {"cell": "ex3_columns_model",   # get_config without units
     "source": _COLUMNS.format(**_COLUMNS_RIGHT).replace(",\n                       'units': self.units}", "}"),
     "message": "get_config must return super().get_config() updated with"},
    {"cell": "ex3_columns_model",   # no activation on the deep path
     "source": _COLUMNS.format(**{**_COLUMNS_RIGHT, "activation": "None"}),
     "message": "the deep path is linear"},
    {"cell": "ex3_columns_model",   # not registered: load_model cannot find the class
     "source": _COLUMNS.format(**_COLUMNS_RIGHT).replace("@keras.saving.register_keras_serializable(package='course')\n",
                                                         ""),
     "message": "is the class registered"},
    # --- exercise 4: a custom layer that survives saving
    {"cell": "ex4_clip_range",
     "source": _CLIP.format(get_config="", returned="return keras.models.load_model(path)"),
     "message": "write get_config"},
    {"cell": "ex4_clip_range",
     "source": _CLIP.format(get_config=_GET_CONFIG, returned="return model"),
     "message": "not the model passed in"},
    # --- exercise 5: when does early stopping stop (Keras's rules turned into code)
    {"cell": "ex5_stopping_outcome",   # a tie counted as an improvement
     "source": _STOPPING.format(**{**_STOPPING_RIGHT, "better": "<="}),
     "message": "a loss equal to the best so far is not an improvement"},
    {"cell": "ex5_stopping_outcome",   # the best of the whole list, also after the stop
     "source": _STOPPING.format(**{**_STOPPING_RIGHT, "best": "int(np.argmin(val_losses)) + 1"}),
     "message": "the best among the epochs that ran"},
    {"cell": "ex5_stopping_outcome",   # epochs numbered from 0
     "source": _STOPPING.format(**{**_STOPPING_RIGHT, "start": 0}),
     "message": "number the epochs from 1"},
    {"cell": "ex5_stopping_outcome",   # stops one epoch late
     "source": _STOPPING.format(**{**_STOPPING_RIGHT, "stop": ">"}),
     "message": "training stops at the end of the epoch that makes 3 epochs in a row"},
    {"cell": "ex5_stopping_outcome",   # float epochs
     "source": _STOPPING.format(**{**_STOPPING_RIGHT, "best": "float(best_epoch)"}),
     "message": "must be integers"},
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
