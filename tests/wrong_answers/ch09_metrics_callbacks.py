"""Plausible wrong answers for chapter 9 (see docs/authoring.md, section 6).

Each entry replaces one solution cell; the autograded notebook must then lose exactly that exercise's points,
with `message` in the failing assertion. Some entries only fail the hidden tests.
"""

_SEED_RMSE = '''
class OneHotRMSE(keras.metrics.Metric):

    def __init__(self, name="rmse", {kwargs_in}):
        super().__init__(name=name, {kwargs_out})
        self.mse_sum = self.add_weight(name="mse_sum", initializer="zeros")
        self.total_samples = self.add_weight(name="total_samples", initializer="zeros", dtype="int32")

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = tf.one_hot(y_true, depth=tf.shape(y_pred)[1])
        mse = tf.reduce_sum(tf.square(y_true - y_pred))
        self.mse_sum.assign_add(mse)
        num_samples = tf.shape(y_pred)[0]
        self.total_samples.assign_add(num_samples)

    def result(self):
        return tf.sqrt(self.mse_sum / tf.cast(self.total_samples, tf.float32))

    def reset_state(self):
        self.mse_sum.assign(0.)
        self.total_samples.assign(0)
'''


def _rmse(update_body, reset_body="        self.s.assign(0.0)\n        self.w.assign(0.0)\n",
          result_body="        return keras.ops.sqrt(keras.ops.divide_no_nan(self.s, self.w))\n"):
    return (
        "class OneHotRMSE(keras.metrics.Metric):\n"
        "    def __init__(self, name='rmse', **kwargs):\n"
        "        super().__init__(name=name, **kwargs)\n"
        "        self.s = self.add_weight(name='s', shape=(), initializer='zeros')\n"
        "        self.w = self.add_weight(name='w', shape=(), initializer='zeros')\n"
        "\n"
        "    def update_state(self, y_true, y_pred, sample_weight=None):\n"
        + update_body
        + "\n    def result(self):\n" + result_body
        + "\n    def reset_state(self):\n" + reset_body
    )


_GOOD_UPDATE = (
    "        labels = keras.ops.reshape(keras.ops.cast(y_true, 'int32'), (-1,))\n"
    "        per_sample = keras.ops.mean(keras.ops.square(keras.ops.one_hot(labels, y_pred.shape[-1]) - y_pred), axis=-1)\n"
    "        weights = keras.ops.ones_like(per_sample) if sample_weight is None else keras.ops.reshape(\n"
    "            keras.ops.cast(sample_weight, 'float32'), (-1,))\n"
    "        self.s.assign_add(keras.ops.sum(weights * per_sample))\n"
    "        self.w.assign_add(keras.ops.sum(weights))\n"
)

_LOSS_HISTORY_HEAD = (
    "class LossHistory(keras.callbacks.Callback):\n"
    "    def __init__(self, plot_dir):\n"
    "        super().__init__()\n"
    "        self.plot_dir = plot_dir\n"
    "\n"
    "    def on_train_begin(self, logs=None):\n"
    "        self.batch_losses = []\n"
    "\n"
    "    def on_epoch_begin(self, epoch, logs=None):\n"
    "        self.batch_losses.append([])\n"
    "\n"
)

_PLOT = (
    "        fig, ax = plt.subplots()\n"
    "        ax.plot(self.batch_losses[-1])\n"
    "        ax.set(xlabel='batch', ylabel='loss')\n"
    "        fig.savefig(os.path.join(self.plot_dir, {name}))\n"
    "{close}"
)

WRONG_ANSWERS = [
    # --- exercise 1: combine per-batch RMSEs
    {"cell": "ex1_combine_rmses",
     "source": "def combine_rmses(rmses, sizes):\n    return float(np.mean(rmses))\n",
     "message": "the average of the per-batch RMSEs"},
    {"cell": "ex1_combine_rmses",
     "source": ("def combine_rmses(rmses, sizes):\n"
                "    rmses, sizes = np.asarray(rmses, float), np.asarray(sizes, float)\n"
                "    return float(np.sum(sizes * rmses) / np.sum(sizes))  # weights, but no squares\n"),
     "message": "expected 1.732051"},
    {"cell": "ex1_combine_rmses",
     "source": ("def combine_rmses(rmses, sizes):\n"
                "    return float(np.sqrt(np.mean(np.asarray(rmses) ** 2)))  # ignores the batch sizes\n"),
     "message": "expected 1.732051"},

    # --- exercise 2: the notes' metric, fixed
    {"cell": "ex2_onehot_rmse",   # the notes' code as it is: `kwargs` without ** is a syntax error
     "source": _SEED_RMSE.format(kwargs_in="kwargs", kwargs_out="kwargs"),
     "message": "OneHotRMSE is not defined"},
    {"cell": "ex2_onehot_rmse",   # only the ** fixed: divides by samples, not samples x classes
     "source": _SEED_RMSE.format(kwargs_in="**kwargs", kwargs_out="**kwargs"),
     "message": "the mean must run over the 10 classes too"},
    {"cell": "ex2_onehot_rmse",   # ignores sample_weight
     "source": _rmse(_GOOD_UPDATE.replace("sample_weight is None", "True")),
     "message": "sample_weight is ignored"},
    {"cell": "ex2_onehot_rmse",   # never resets
     "source": _rmse(_GOOD_UPDATE, reset_body="        pass\n"),
     "message": "reset_state must set every state variable back to zero"},
    {"cell": "ex2_onehot_rmse",   # labels (batch, 1) broadcast against (batch, classes)
     "source": _rmse(_GOOD_UPDATE.replace(
         "keras.ops.reshape(keras.ops.cast(y_true, 'int32'), (-1,))", "keras.ops.cast(y_true, 'int32')")),
     "message": "Labels of shape (batch, 1) must give the same result"},
    {"cell": "ex2_onehot_rmse",   # averages the per-batch RMSEs
     "source": _rmse(
         "        labels = keras.ops.reshape(keras.ops.cast(y_true, 'int32'), (-1,))\n"
         "        err = keras.ops.square(keras.ops.one_hot(labels, y_pred.shape[-1]) - y_pred)\n"
         "        self.s.assign_add(keras.ops.sqrt(keras.ops.mean(err)))\n"
         "        self.w.assign_add(1.0)\n",
         result_body="        return keras.ops.divide_no_nan(self.s, self.w)\n"),
     "message": "the average of the per-batch RMSEs"},

    # --- exercise 3: LossHistory
    {"cell": "ex3_loss_history",   # the notes' version
     "source": ("class LossHistory(keras.callbacks.Callback):\n"
                "    def on_train_begin(self, logs):\n"
                "        self.per_batch_losses = []\n"
                "\n"
                "    def on_batch_end(self, batch, logs):\n"
                "        self.per_batch_losses.append(logs.get('loss'))\n"
                "\n"
                "    def on_epoch_end(self, epoch, logs):\n"
                "        plt.clf()\n"
                "        plt.plot(range(len(self.per_batch_losses)), self.per_batch_losses)\n"
                "        plt.savefig(f'plot_at_epoch_{epoch}')\n"
                "        self.per_batch_losses = []\n"),
     "message": "Define __init__(self, plot_dir)"},
    {"cell": "ex3_loss_history",   # one flat list over all epochs
     "source": ("class LossHistory(keras.callbacks.Callback):\n"
                "    def __init__(self, plot_dir):\n"
                "        super().__init__()\n"
                "        self.plot_dir = plot_dir\n"
                "\n"
                "    def on_train_begin(self, logs=None):\n"
                "        self.batch_losses = []\n"
                "\n"
                "    def on_train_batch_end(self, batch, logs=None):\n"
                "        self.batch_losses.append(float(logs['loss']))\n"
                "\n"
                "    def on_epoch_end(self, epoch, logs=None):\n"
                "        fig, ax = plt.subplots()\n"
                "        ax.plot(self.batch_losses)\n"
                "        fig.savefig(os.path.join(self.plot_dir, f'batch_losses_epoch_{epoch + 1}.png'))\n"
                "        plt.close(fig)\n"),
     "message": "one list per epoch"},
    {"cell": "ex3_loss_history",   # figures never closed
     "source": _LOSS_HISTORY_HEAD
     + "    def on_train_batch_end(self, batch, logs=None):\n        self.batch_losses[-1].append(float(logs['loss']))\n\n"
     + "    def on_epoch_end(self, epoch, logs=None):\n"
     + _PLOT.format(name="f'batch_losses_epoch_{epoch + 1}.png'", close=""),
     "message": "figure(s) were left open"},
    {"cell": "ex3_loss_history",   # file names counted from 0
     "source": _LOSS_HISTORY_HEAD
     + "    def on_train_batch_end(self, batch, logs=None):\n        self.batch_losses[-1].append(float(logs['loss']))\n\n"
     + "    def on_epoch_end(self, epoch, logs=None):\n"
     + _PLOT.format(name="f'batch_losses_epoch_{epoch}.png'", close="        plt.close(fig)\n"),
     "message": "no plot at"},
    {"cell": "ex3_loss_history",   # records once per epoch
     "source": _LOSS_HISTORY_HEAD
     + "    def on_epoch_end(self, epoch, logs=None):\n"
     + "        self.batch_losses[-1].append(float(logs['loss']))\n"
     + _PLOT.format(name="f'batch_losses_epoch_{epoch + 1}.png'", close="        plt.close(fig)\n"),
     "message": "should be a list of 5 values"},
    {"cell": "ex3_loss_history",   # no fresh start in on_train_begin: a second fit mixes runs (hidden test)
     "source": ("class LossHistory(keras.callbacks.Callback):\n"
                "    def __init__(self, plot_dir):\n"
                "        super().__init__()\n"
                "        self.plot_dir = plot_dir\n"
                "        self.batch_losses = []\n"
                "\n"
                "    def on_epoch_begin(self, epoch, logs=None):\n"
                "        self.batch_losses.append([])\n"
                "\n"
                "    def on_train_batch_end(self, batch, logs=None):\n"
                "        self.batch_losses[-1].append(float(logs['loss']))\n"
                "\n"
                "    def on_epoch_end(self, epoch, logs=None):\n"
                + _PLOT.format(name="f'batch_losses_epoch_{epoch + 1}.png'", close="        plt.close(fig)\n")),
     "message": "did on_train_begin start a fresh list?"},

    # --- exercise 4: callbacks list
    {"cell": "ex4_callbacks",
     "source": ("def make_callbacks(checkpoint_path, patience):\n"
                "    return [keras.callbacks.EarlyStopping(monitor='val_loss', patience=patience),\n"
                "            keras.callbacks.ModelCheckpoint(checkpoint_path, monitor='val_loss', save_best_only=True)]\n"),
     "message": "restore_best_weights=True"},
    {"cell": "ex4_callbacks",
     "source": ("def make_callbacks(checkpoint_path, patience):\n"
                "    return [keras.callbacks.EarlyStopping(monitor='val_loss', patience=patience, restore_best_weights=True),\n"
                "            keras.callbacks.ModelCheckpoint(checkpoint_path, monitor='val_loss')]\n"),
     "message": "save_best_only=True"},
    {"cell": "ex4_callbacks",   # patience ignored: right for the visible test only
     "source": ("def make_callbacks(checkpoint_path, patience):\n"
                "    return [keras.callbacks.EarlyStopping(monitor='val_loss', patience=2, restore_best_weights=True),\n"
                "            keras.callbacks.ModelCheckpoint(checkpoint_path, monitor='val_loss', save_best_only=True)]\n"),
     "message": "training should stop after epoch"},
    {"cell": "ex4_callbacks",
     "source": ("def make_callbacks(checkpoint_path, patience):\n"
                "    return [keras.callbacks.EarlyStopping(monitor='val_accuracy', patience=patience,\n"
                "                                          restore_best_weights=True),\n"
                "            keras.callbacks.ModelCheckpoint(checkpoint_path, monitor='val_loss', save_best_only=True)]\n"),
     "message": "fit failed with your callbacks"},

    # --- exercise 5: step decay
    {"cell": "ex5_step_decay",   # off by one epoch
     "source": ("def make_step_decay(initial_lr, drop, every):\n"
                "    def schedule(epoch, lr):\n"
                "        return float(initial_lr * drop ** ((epoch + 1) // every))\n"
                "    return schedule\n"),
     "message": "learning rates for epochs 0..7 should be"},
    {"cell": "ex5_step_decay",   # precedence: (drop ** epoch) // every
     "source": ("def make_step_decay(initial_lr, drop, every):\n"
                "    def schedule(epoch, lr):\n"
                "        return float(initial_lr * drop ** epoch // every)\n"
                "    return schedule\n"),
     "message": "should be"},
    {"cell": "ex5_step_decay",   # returns a tensor
     "source": ("def make_step_decay(initial_lr, drop, every):\n"
                "    def schedule(epoch, lr):\n"
                "        return tf.constant(initial_lr * drop ** (epoch // every))\n"
                "    return schedule\n"),
     "message": "must return a float"},

    # --- exercise 6: the plateau run
    {"cell": "ex6_plateau",   # numbers typed in from a full run
     "source": "plateau_epochs_trained = 40\nplateau_best_epoch = 31\nplateau_lowest_lr = 0.000625\n",
     "message": "read it from the run"},
    {"cell": "ex6_plateau",   # best epoch counted from 0
     "source": ("plateau_epochs_trained = len(plateau_history.history['loss'])\n"
                "plateau_best_epoch = int(np.argmin(plateau_history.history['val_loss']))\n"
                "plateau_lowest_lr = float(min(plateau_history.history['learning_rate']))\n"),
     "message": "(counted from 1)"},
]
