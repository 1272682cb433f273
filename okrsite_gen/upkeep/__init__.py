"""Keeping OKRs alive between planning days: check-ins and reminders.

`checkin` turns "this KR stood at 455 today" into an in-place edit of the objective's
file; `stale` finds the key results nobody has checked in for a while.
"""
