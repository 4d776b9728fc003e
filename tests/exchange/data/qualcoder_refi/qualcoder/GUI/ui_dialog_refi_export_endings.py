"""Stand-in for QualCoder's generated Qt dialog class (written for casestudy's tests; export only, unused)."""


class Ui_Dialog_refi_export_line_endings:  # noqa: N801 - QualCoder's name
    def setupUi(self, dialog: object) -> None:  # noqa: N802
        pass
