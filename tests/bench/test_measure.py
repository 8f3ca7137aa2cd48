"""The benchmarks' comparisons take their samples in turns and report ratios of medians."""

from jobdesc.bench import measure


def test_measurements_take_turns_and_keep_wall_and_cpu_apart():
    order = []

    def run(name, wall, cpu):
        def measurement():
            order.append(name)
            return wall, cpu

        return measurement

    samples = measure.interleaved({"a": run("a", 10.0, 4.0), "b": run("b", 30.0, 2.0)}, runs=3)
    assert order == ["a", "b", "a", "b", "a", "b"]
    assert samples["a"] == {"wall": [10.0] * 3, "cpu": [4.0] * 3}
    assert measure.ratio(samples["b"]["wall"], samples["a"]["wall"]) == 3.0


def test_an_in_process_call_is_timed_by_wall_and_cpu_clock():
    wall, cpu = measure.in_process(lambda: sum(range(200_000)))()
    assert wall > 0 and cpu > 0


def test_the_ratio_is_of_medians_so_one_slow_sample_does_not_move_it():
    assert measure.ratio([10, 11, 500], [5, 5, 6]) == 11 / 5
