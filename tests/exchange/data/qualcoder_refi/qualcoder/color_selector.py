"""Stand-in for QualCoder's colour palette (written for casestudy's tests; no QualCoder code).

The import calls ``colors[randint(0, 119)]`` for codes without a colour and ``color_matcher(hex)``
for codes with one (QualCoder maps it to the nearest colour of its palette); here the colour is
kept as given, so a test can compare it with the file.
"""

colors = ["#999999"] * 120


def color_matcher(hex_color: str) -> str:
    return hex_color
