"""What a live socket accepts from its client: frames are JSON objects with a type, and a
client may send FRAMES_PER_SECOND a second with bursts of twice as many (edges n-1, n, n+1)."""

from __future__ import annotations

import pytest

from adapters.http.live import FRAMES_PER_SECOND, BadFrame, FrameBucket, parse_frame


def test_a_frame_is_a_json_object_with_a_type() -> None:
    assert parse_frame('{"type": "ping"}') == {"type": "ping"}
    assert parse_frame('{"type": "chat_message", "content": "hi"}')["content"] == "hi"
    for bad, why in (
        (None, "text frames"),
        ("not json", "not JSON"),
        ("", "not JSON"),
        ("[1]", '"type"'),
        ('"ping"', '"type"'),
        ('{"kind": "ping"}', '"type"'),
        ('{"type": 1}', '"type"'),
    ):
        with pytest.raises(BadFrame) as refused:
            parse_frame(bad)
        assert why in refused.value.detail, bad


def test_the_frame_rate_at_its_edges() -> None:
    now = [100.0]
    bucket = FrameBucket(clock=lambda: now[0])
    burst = int(2 * FRAMES_PER_SECOND)
    assert all(bucket.take() for _ in range(burst - 1))  # n-1
    assert bucket.take()  # n
    assert not bucket.take()  # n+1
    now[0] += 1 / FRAMES_PER_SECOND  # one frame's worth of time
    assert bucket.take()
    assert not bucket.take()
    now[0] += 60  # a long pause refills the burst, no more
    assert sum(bucket.take() for _ in range(burst + 5)) == burst
