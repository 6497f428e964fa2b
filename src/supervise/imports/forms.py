"""The upload form: a zip of the interchange folder, checked before it reaches the service."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from supervise.imports.services import MAX_UPLOAD_BYTES

ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")  # a zip with files, an empty zip


class UploadForm(forms.Form):
    archive = forms.FileField(
        label="Upload the folder as a ZIP file",
        help_text=(
            "A ZIP file of the interchange folder's CSV files (staff.csv, "
            "supervision_lines.csv and the others), all in one folder. "
            f"Up to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
        ),
        error_messages={
            "required": "Select a ZIP file of the interchange folder",
            "empty": "The selected file is empty",
            "invalid": "Select a ZIP file of the interchange folder",
        },
    )

    def clean_archive(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["archive"]
        name = (upload.name or "").lower()
        if not name.endswith(".zip"):
            raise forms.ValidationError("The selected file must be a ZIP file")
        if (upload.size or 0) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The selected file must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB"
            )
        upload.seek(0)
        if upload.read(4) not in ZIP_SIGNATURES:
            raise forms.ValidationError("The selected file must be a ZIP file")
        upload.seek(0)
        return upload
