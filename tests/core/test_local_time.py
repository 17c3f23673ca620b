"""Times recorded in UTC (audit log, documents) are shown in the jury room's local time, as
the cell history already is (issue 15)."""

from __future__ import annotations

import os
import time
from datetime import datetime

import pytest

from btsdesk.core.french import local_moment, local_stamp


@pytest.fixture
def paris():
    before = os.environ.get("TZ")
    os.environ["TZ"] = "CET-1CEST,M3.5.0,M10.5.0/3"  # Paris, without needing tzdata
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ")
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_a_utc_stamp_is_shown_in_local_time(paris):
    # 3 July 2026 08:18 UTC is 10:18 in Paris (summer time, UTC+2).
    assert local_moment("2026-07-03T08:18:00.000+00:00") == datetime(2026, 7, 3, 10, 18)
    assert local_stamp("2026-12-03T08:18:00.000+00:00") == "03/12/2026 09:18"


def test_a_stamp_without_zone_is_already_local():
    assert local_moment("2026-07-03T08:18:00") == datetime(2026, 7, 3, 8, 18)
