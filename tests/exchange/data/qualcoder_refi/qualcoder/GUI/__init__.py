"""Stand-in for QualCoder's GUI package (written for casestudy's tests; no QualCoder code)."""
