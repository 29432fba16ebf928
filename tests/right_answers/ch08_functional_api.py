"""Correct answers to chapter 8 written differently from the reference (see docs/authoring.md, section 6).

Each entry replaces several solution cells at once and must score full marks.
"""

RIGHT_ANSWERS = [
    {
        "name": "tf_keras_concatenate_adam_prints",
        "cells": {
            "ex1_ticket_model": (
                "from tensorflow import keras as tfk\n"
                "\n"
                "\n"
                "def build_ticket_model(vocabulary_size=10_000, num_tags=100, num_departments=4, hidden_units=64,\n"
                "                       tag_units=16):\n"
                "    title = tf.keras.Input(shape=(vocabulary_size,), name='title')\n"
                "    text_body = tf.keras.Input(shape=(vocabulary_size,), name='text_body')\n"
                "    tags = tf.keras.Input(shape=(num_tags,), name='tags')\n"
                "    tag_features = tfk.layers.Dense(tag_units, activation=tf.nn.relu, name='tag_features')(tags)\n"
                "    merged = tf.keras.layers.concatenate([tag_features, title, text_body], axis=-1)\n"
                "    hidden = tf.keras.layers.Dense(hidden_units, activation='relu', name='hidden')(merged)\n"
                "    outputs = [tf.keras.layers.Dense(1, activation='sigmoid', name='priority')(hidden),\n"
                "               tf.keras.layers.Dense(num_departments, activation='softmax', name='department')(hidden)]\n"
                "    return tf.keras.Model(inputs=[title, text_body, tags], outputs=outputs, name='my_tickets')\n"
                "\n"
                "\n"
                "trial = build_ticket_model()\n"
                "print(trial.count_params(), [t.name for t in trial.inputs], trial.output_names)\n"
            ),
            "ex2_dicts": (
                "def train_and_predict(model, train_inputs, train_targets, new_inputs, epochs):\n"
                "    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=0.002),\n"
                "                  loss={'department': tf.keras.losses.SparseCategoricalCrossentropy(),\n"
                "                        'priority': 'binary_crossentropy'},\n"
                "                  metrics={'department': ['sparse_categorical_accuracy'], 'priority': ['mae']})\n"
                "    history = model.fit(train_inputs, train_targets, epochs=epochs, verbose=0)\n"
                "    print('last loss', history.history['loss'][-1])\n"
                "    outputs = model.predict(new_inputs, verbose=0)\n"
                "    named = {name: out for name, out in zip(model.output_names, outputs)}\n"
                "    return {'department': np.argmax(named['department'], axis=-1).astype('int64'),\n"
                "            'priority': np.squeeze(named['priority'], axis=1).astype('float64')}\n"
            ),
            "ex3_difficulty_head": (
                "def add_difficulty_head(model, num_levels=3):\n"
                "    hidden = [layer for layer in model.layers if layer.name == 'hidden'][0]\n"
                "    difficulty = tf.keras.layers.Dense(num_levels, activation='softmax', name='difficulty')(hidden.output)\n"
                "    priority, department = model.outputs\n"
                "    return tf.keras.Model(model.inputs, [priority, department, difficulty])\n"
            ),
            "ex4_train": (
                "from tensorflow import keras as tfk\n"
                "\n"
                "\n"
                "def train_ticket_model(train_inputs, train_targets, epochs):\n"
                "    V = train_inputs['text_body'].shape[-1]\n"
                "    inputs = {name: tfk.Input(shape=(train_inputs[name].shape[1],), name=name)\n"
                "              for name in ('title', 'text_body', 'tags')}\n"
                "    x = tfk.layers.Concatenate()([inputs['title'], inputs['text_body'], inputs['tags']])\n"
                "    x = tfk.layers.Dense(64, activation='relu')(x)\n"
                "    model = tfk.Model(inputs=[inputs['title'], inputs['text_body'], inputs['tags']],\n"
                "                      outputs=[tfk.layers.Dense(1, activation='sigmoid', name='priority')(x),\n"
                "                               tfk.layers.Dense(4, activation='softmax', name='department')(x)])\n"
                "    model.compile(optimizer=tfk.optimizers.Adam(),\n"
                "                  loss={'priority': 'mse', 'department': 'sparse_categorical_crossentropy'},\n"
                "                  metrics={'priority': ['mae'], 'department': ['accuracy']})\n"
                "    model.fit(train_inputs, train_targets, epochs=epochs, batch_size=32, verbose=0)\n"
                "    print('trained on a vocabulary of', V)\n"
                "    return model\n"
            ),
            "ex5_subclassed": (
                "class TicketTriageModel(tf.keras.Model):\n"
                "    def __init__(self, num_departments, hidden_units=64, **kwargs):\n"
                "        super().__init__(**kwargs)\n"
                "        self.mix = tf.keras.layers.Dense(hidden_units, activation='relu')\n"
                "        self.heads = {'priority': tf.keras.layers.Dense(1, activation='sigmoid'),\n"
                "                      'department': tf.keras.layers.Dense(num_departments, activation='softmax')}\n"
                "\n"
                "    def call(self, inputs):\n"
                "        x = tf.concat([inputs['title'], inputs['text_body'], inputs['tags']], axis=-1)\n"
                "        x = self.mix(x)\n"
                "        return {name: head(x) for name, head in self.heads.items()}\n"
            ),
            "ex6_reliance": (
                "def accuracy_drop_per_input(model, inputs, targets):\n"
                "    labels = np.asarray(targets['department'])\n"
                "    base = np.mean(np.argmax(model.predict(inputs, verbose=0)[1], axis=1) == labels)\n"
                "    result = {}\n"
                "    for name in inputs:\n"
                "        changed = {k: (np.zeros_like(v) if k == name else v) for k, v in inputs.items()}\n"
                "        result[name] = base - np.mean(np.argmax(model.predict(changed, verbose=0)[1], axis=1) == labels)\n"
                "        print(name, round(float(result[name]), 3))\n"
                "    return result\n"
                "\n"
                "\n"
                "found = accuracy_drop_per_input(model, test_inputs, test_targets)\n"
                "MOST_RELIED_ON = sorted(found, key=found.get)[-1]\n"
            ),
        },
    },
    {
        "name": "keras_ops_and_direct_calls",
        "cells": {
            "ex1_ticket_model": (
                "def build_ticket_model(vocabulary_size=10_000, num_tags=100, num_departments=4, hidden_units=64,\n"
                "                       tag_units=16):\n"
                "    # dicts of inputs and outputs, as section 6 recommends (Keras lists them sorted by key)\n"
                "    inputs = {'title': keras.Input(shape=(vocabulary_size,), name='title'),\n"
                "              'text_body': keras.Input(shape=(vocabulary_size,), name='text_body'),\n"
                "              'tags': keras.Input(shape=(num_tags,), name='tags')}\n"
                "    tag_layer = keras.layers.Dense(units=tag_units, activation=keras.activations.relu, name='tag_features')\n"
                "    merge = keras.layers.Concatenate(axis=1)\n"
                "    hidden = keras.layers.Dense(hidden_units, activation='relu', name='hidden')\n"
                "    features = hidden(merge([inputs['title'], inputs['text_body'], tag_layer(inputs['tags'])]))\n"
                "    priority = keras.layers.Dense(1, activation=keras.activations.sigmoid, name='priority')(features)\n"
                "    department = keras.layers.Dense(num_departments, name='department', activation='softmax')(features)\n"
                "    return keras.Model(inputs, {'priority': priority, 'department': department})\n"
            ),
            "ex2_dicts": (
                "def train_and_predict(model, train_inputs, train_targets, new_inputs, epochs):\n"
                "    model.compile(optimizer=keras.optimizers.RMSprop(),\n"
                "                  loss={'priority': keras.losses.MeanSquaredError(),\n"
                "                        'department': keras.losses.SparseCategoricalCrossentropy()},\n"
                "                  metrics={'priority': [keras.metrics.MeanAbsoluteError()],\n"
                "                           'department': [keras.metrics.SparseCategoricalAccuracy()]})\n"
                "    model.fit(x=train_inputs, y=train_targets, epochs=epochs, batch_size=16, verbose=0)\n"
                "    position = {name: i for i, name in enumerate(model.output_names)}\n"
                "    outputs = model.predict(new_inputs, batch_size=64, verbose=0)\n"
                "    return {'priority': outputs[position['priority']].reshape(-1),\n"
                "            'department': keras.ops.convert_to_numpy(keras.ops.argmax(outputs[position['department']], axis=1))}\n"
            ),
            "ex3_difficulty_head": (
                "def add_difficulty_head(model, num_levels=3):\n"
                "    head = keras.layers.Dense(num_levels, activation='softmax', name='difficulty')\n"
                "    outputs = list(model.outputs) + [head(model.get_layer(name='hidden').output)]\n"
                "    new_model = keras.Model(inputs=model.inputs, outputs=outputs, name='with_difficulty')\n"
                "    print(new_model.output_names)\n"
                "    return new_model\n"
            ),
            "ex5_subclassed": (
                "class TicketTriageModel(keras.Model):\n"
                "    def __init__(self, num_departments, hidden_units=64, **kwargs):\n"
                "        super().__init__(**kwargs)\n"
                "        self.hidden_layer = keras.layers.Dense(hidden_units)\n"
                "        self.priority_head = keras.layers.Dense(1)\n"
                "        self.department_head = keras.layers.Dense(num_departments)\n"
                "\n"
                "    def call(self, inputs):\n"
                "        x = keras.ops.concatenate([inputs['title'], inputs['text_body'], inputs['tags']], axis=-1)\n"
                "        x = keras.ops.relu(self.hidden_layer(x))\n"
                "        return {'department': keras.ops.softmax(self.department_head(x)),\n"
                "                'priority': keras.ops.sigmoid(self.priority_head(x))}\n"
            ),
            "ex6_reliance": (
                "def accuracy_drop_per_input(model, inputs, targets):\n"
                "    def department_accuracy(data):\n"
                "        probabilities = keras.ops.convert_to_numpy(model(data)[1])\n"
                "        return (probabilities.argmax(-1) == targets['department']).mean()\n"
                "\n"
                "    full = department_accuracy(inputs)\n"
                "    return {name: float(full - department_accuracy({**inputs, name: 0 * inputs[name]}))\n"
                "            for name in ['title', 'text_body', 'tags']}\n"
                "\n"
                "\n"
                "drops = accuracy_drop_per_input(model, test_inputs, test_targets)\n"
                "MOST_RELIED_ON = max(drops, key=lambda name: drops[name])\n"
            ),
        },
    },
]
