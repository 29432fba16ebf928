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

def _stopper(init_extra="", begin="        self.best, self.best_epoch, self.wait, self.kept = None, 0, 0, None\n",
             improved="self.best is None or value < self.best - self.min_delta",
             keep="self.model.get_weights()", stop="self.wait >= self.patience",
             end="        self.model.set_weights(self.kept)\n", best_epoch="epoch"):
    """EarlyStoppingByHand with one rule changed (the reference's structure)."""
    return (
        "class EarlyStoppingByHand(keras.callbacks.Callback):\n"
        "    def __init__(self, patience, min_delta=0.0):\n"
        "        super().__init__()\n"
        "        self.patience, self.min_delta = patience, min_delta\n"
        + init_extra
        + "\n    def on_train_begin(self, logs=None):\n" + (begin or "        pass\n")
        + "\n    def on_epoch_end(self, epoch, logs=None):\n"
        "        value = float(logs['val_loss'])\n"
        f"        if {improved}:\n"
        f"            self.best, self.best_epoch, self.wait = value, {best_epoch}, 0\n"
        f"            self.kept = {keep}\n"
        "            return\n"
        "        self.wait += 1\n"
        f"        if {stop}:\n"
        "            self.model.stop_training = True\n"
        + "\n    def on_train_end(self, logs=None):\n" + (end or "        pass\n")
    )


def _schedule(body, head=""):
    """make_warmup_cosine with the given body of schedule(epoch, lr)."""
    return ("def make_warmup_cosine(peak_lr, warmup_epochs, total_epochs, min_lr=0.0):\n" + head
            + "    def schedule(epoch, lr):\n" + body + "    return schedule\n")


_WARM = "        if epoch < warmup_epochs:\n            return float(peak_lr * (epoch + 1) / warmup_epochs)\n"
_FLOOR = "        if epoch >= total_epochs:\n            return float(min_lr)\n"
_T = "        t = (epoch - warmup_epochs) / (total_epochs - warmup_epochs)\n"
_COS = "        return float(min_lr + (peak_lr - min_lr) * (1 + np.cos(np.pi * t)) / 2)\n"


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

    # --- exercise 4: early stopping written by hand
    {"cell": "ex4_early_stopping_by_hand",   # a tie counts as an improvement (<=)
     "source": _stopper(improved="self.best is None or value <= self.best - self.min_delta"),
     "message": "an equal val_loss is no improvement"},
    {"cell": "ex4_early_stopping_by_hand",   # off by one: waits patience + 1 epochs
     "source": _stopper(stop="self.wait > self.patience"),
     "message": "(>=, not >)"},
    {"cell": "ex4_early_stopping_by_hand",   # never stops
     "source": _stopper(stop="False"),
     "message": "your callback never stopped training"},
    {"cell": "ex4_early_stopping_by_hand",   # restores only when it stopped training (Keras 2's EarlyStopping)
     "source": _stopper(stop="self.wait >= self.patience and not self.model.set_weights(self.kept)", end=None),
     "message": "but it holds the last epoch's"},
    {"cell": "ex4_early_stopping_by_hand",   # keeps the variables, not a copy of their values
     "source": _stopper(keep="self.model.weights",
                        end="        self.model.set_weights([v.numpy() for v in self.kept])\n"),
     "message": "a copy taken with get_weights()"},
    {"cell": "ex4_early_stopping_by_hand",   # no fresh start: the second fit goes on from the first
     "source": _stopper(init_extra="        self.best, self.best_epoch, self.wait, self.kept = None, 0, 0, None\n",
                        begin=None),
     "message": "every fit starts afresh"},
    {"cell": "ex4_early_stopping_by_hand",   # min_delta ignored
     "source": _stopper(improved="self.best is None or value < self.best"),
     "message": "not only lower than best"},
    {"cell": "ex4_early_stopping_by_hand",   # compares with the previous epoch, not with the best
     "source": _stopper(begin="        self.best, self.best_epoch, self.wait, self.kept, self.last = None, 0, 0, None, None\n",
                        improved="self.last is None or value < self.last - self.min_delta")
     .replace("            return\n", "            self.last = value\n            return\n")
     .replace("        self.wait += 1\n", "        self.wait += 1\n        self.last = value\n"),
     "message": "not with the previous epoch's val_loss"},
    {"cell": "ex4_early_stopping_by_hand",   # best_epoch counted from 1
     "source": _stopper(best_epoch="epoch + 1"),
     "message": "best_epoch should be 1 (counted from 0)"},
    {"cell": "ex4_early_stopping_by_hand",   # the built-in callback under another name
     "source": ("class EarlyStoppingByHand(keras.callbacks.EarlyStopping):\n"
                "    def __init__(self, patience, min_delta=0.0):\n"
                "        super().__init__(monitor='val_loss', patience=patience, min_delta=min_delta,\n"
                "                         restore_best_weights=True)\n"),
     "message": "must not subclass keras.callbacks.EarlyStopping"},
    {"cell": "ex4_early_stopping_by_hand",   # the built-in callback inside
     "source": ("class EarlyStoppingByHand(keras.callbacks.Callback):\n"
                "    def __init__(self, patience, min_delta=0.0):\n"
                "        super().__init__()\n"
                "        self.inner = keras.callbacks.EarlyStopping(patience=patience, min_delta=min_delta,\n"
                "                                                   restore_best_weights=True)\n"
                "\n"
                "    def set_model(self, model):\n"
                "        super().set_model(model)\n"
                "        self.inner.set_model(model)\n"
                "\n"
                "    def on_train_begin(self, logs=None):\n"
                "        self.inner.on_train_begin(logs)\n"
                "\n"
                "    def on_epoch_end(self, epoch, logs=None):\n"
                "        self.inner.on_epoch_end(epoch, logs)\n"
                "        self.best_epoch = self.inner.best_epoch\n"
                "\n"
                "    def on_train_end(self, logs=None):\n"
                "        self.inner.on_train_end(logs)\n"),
     "message": "used keras.callbacks.EarlyStopping"},

    # --- exercise 5: a warm-up, then a cosine decay
    {"cell": "ex5_warmup_cosine",   # the warm-up starts at 0
     "source": _schedule("        if epoch < warmup_epochs:\n            return float(peak_lr * epoch / warmup_epochs)\n"
                         + _FLOOR + _T + _COS),
     "message": "the first difference is at epoch 0 (the warm-up)"},
    {"cell": "ex5_warmup_cosine",   # the cosine spread over all the epochs, warm-up included
     "source": _schedule(_WARM + _FLOOR + "        t = (epoch - warmup_epochs) / total_epochs\n" + _COS),
     "message": "the first difference is at epoch 3 (the cosine decay)"},
    {"cell": "ex5_warmup_cosine",   # no floor: the cosine rises again after total_epochs
     "source": _schedule(_WARM + _T + _COS),
     "message": "after total_epochs, the rate stays at min_lr"},
    {"cell": "ex5_warmup_cosine",   # min_lr ignored in the decay
     "source": _schedule(_WARM + _FLOOR + _T + "        return float(peak_lr * (1 + np.cos(np.pi * t)) / 2)\n"),
     "message": "make_warmup_cosine(0.05, 0, 4, min_lr=0.001)"},
    {"cell": "ex5_warmup_cosine",   # divides by warmup_epochs before looking at the epoch
     "source": _schedule("        warm = peak_lr * (epoch + 1) / warmup_epochs\n"
                         "        if epoch < warmup_epochs:\n            return float(warm)\n" + _FLOOR + _T + _COS),
     "message": "warmup_epochs may be 0"},
    {"cell": "ex5_warmup_cosine",   # a tensor (keras.ops) instead of a float
     "source": _schedule(_WARM + _FLOOR + _T
                         + "        return min_lr + (peak_lr - min_lr) * (1 + keras.ops.cos(np.pi * t)) / 2\n"),
     "message": "must return a float"},
    {"cell": "ex5_warmup_cosine",   # the decay as a ratio of the lr passed in: right in order only
     "source": _schedule(_WARM + _FLOOR + _T
                         + "        if epoch == warmup_epochs:\n            return float(peak_lr)\n"
                         + "        before = (epoch - 1 - warmup_epochs) / (total_epochs - warmup_epochs)\n"
                         + "        ratio = (min_lr + (peak_lr - min_lr) * (1 + np.cos(np.pi * t)) / 2) / (\n"
                         + "            min_lr + (peak_lr - min_lr) * (1 + np.cos(np.pi * before)) / 2)\n"
                         + "        return float(lr * ratio)\n"),
     "message": "the rate must depend on the epoch only"},

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
