"""The letters to branches are shared between the two writer processes: every letter written once, by one."""

import multiprocessing
import os

import pytest

from pbbatch.outputs.write import SharedTurns


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="shared only where fork is")
def test_each_turn_goes_to_exactly_one_process():
    shared = SharedTurns(500)
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child takes turns while the parent does
        os.close(reader)
        taken = [i for i in shared.turns()]
        os.write(writer, ",".join(map(str, taken)).encode())
        os._exit(0)
    os.close(writer)
    mine = list(shared.turns())
    os.waitpid(pid, 0)
    with os.fdopen(reader, "rb") as pipe:
        text = pipe.read().decode()
    theirs = [int(i) for i in text.split(",") if i]
    assert sorted(mine + theirs) == list(range(500))


def test_without_a_second_process_one_takes_every_turn():
    assert list(SharedTurns(3).turns()) == [0, 1, 2]
    assert list(SharedTurns(0).turns()) == []
