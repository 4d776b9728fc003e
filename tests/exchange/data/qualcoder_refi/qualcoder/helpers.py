"""Stand-in for QualCoder's message box (written for casestudy's tests; no QualCoder code): messages are kept."""

MESSAGES: list[tuple[str, str]] = []


class Message:
    def __init__(self, app: object, title: str, text: str, icon: str | None = None) -> None:
        self.title, self.text = title, text

    def exec(self) -> int:
        MESSAGES.append((self.title, self.text))
        return 0
