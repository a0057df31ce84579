"""Reliability: saves killed mid-write, full disks, fuzzed loaders, the undo stack under a state
machine, and the CLI on bad inputs (issue 6)."""
