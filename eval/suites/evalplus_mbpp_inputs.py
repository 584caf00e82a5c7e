"""MBPP+ inputs as EvalPlus 0.3.1 passes them to the function (evalplus/data/mbpp.py,
`mbpp_deserialize_inputs`): the data file stores JSON lists, and for these tasks EvalPlus turns
some of them into tuples, sets or complex numbers before the canonical solution and the
candidate see them. The task numbers are EvalPlus's; the conversions are restated per kind."""


def _tuples(xs):
    return [tuple(x) for x in xs]


def _deep_tuple(x):
    return tuple(_deep_tuple(i) for i in x) if isinstance(x, list) else x


# kind -> (task numbers, conversion of one argument list)
_KINDS = {
    "args_tuples": ({2, 116, 132, 143, 222, 261, 273, 394, 399, 421, 424, 429, 470, 560, 579, 596, 616, 630, 726, 740, 744, 809},
                    _tuples),
    "args_lists_of_tuples": ({63, 64, 70, 94, 120, 237, 272, 299, 400, 409, 417, 438, 473, 614, 780},
                             lambda inp: [_tuples(a) for a in inp]),
    "first_list_of_tuples": ({75, 413, 444, 753}, lambda inp: [_tuples(inp[0])] + [inp[1]]),
    "second_tuple": ({106, 750}, lambda inp: [inp[0]] + [tuple(inp[1])]),
    "first_sets": ({115}, lambda inp: [[set(i) if isinstance(i, list) and len(i) else {} for i in inp[0]]]),
    "float_complex": ({124}, lambda inp: (float(inp[0]), complex(inp[1]))),
    "first_tuple": ({250, 405, 446, 617, 720, 763, 808}, lambda inp: [tuple(inp[0])] + [inp[1]]),
    "tuples_of_tuples": ({259, 401, 445}, lambda inp: _tuples([_tuples(a) for a in inp])),
    "first_items_tuples": ({278}, lambda inp: _tuples([[tuple(i) if isinstance(i, list) else i for i in inp[0]]])),
    "first_tuple_of_three": ({307}, lambda inp: [tuple(inp[0])] + [inp[1], inp[2]]),
    "dict_values_tuples": ({722}, lambda inp: [{k: tuple(v) for k, v in inp[0].items()}] + inp[1:]),
    "complex": ({252}, lambda inp: [complex(inp[0])]),
    "all_tuples": ({580, 615, 791}, _deep_tuple),
}


def deserialize(task_id, inputs):
    number = int(task_id.split("/")[-1])
    for ids, convert in _KINDS.values():
        if number in ids:
            return [convert(inp) for inp in inputs]
    return inputs
