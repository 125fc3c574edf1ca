"""The Import page: upload a vCard, CSV, .ics or mbox file and see what came of it.

The upload is written to a temporary file and handed to the same import
functions as the CLI, so it is streamed, idempotent and all-or-nothing per
batch; the page lists every problem with its line or card.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile

from closeloop.errors import BadInput
from closeloop.web.pages import Checked, ledger, render

router = APIRouter(include_in_schema=False)
KINDS = {"vcard": "vCard (.vcf)", "csv": "CSV from LinkedIn, Google or Outlook",
         "ics": "Calendar (.ics)", "mail": "Mail (mbox, .eml)"}
SUFFIX = {"vcard": ".vcf", "csv": ".csv", "ics": ".ics", "mail": ".mbox"}
MAX_BYTES = 200 * 1024 * 1024


@router.get("/import")
def import_page(request: Request):
    return render(request, "import.html", kinds=KINDS, result=None)


@router.post("/import")
def import_upload(request: Request, _: Checked, kind: Annotated[str, Form(max_length=10)],
                  file: Annotated[UploadFile, File()]):
    if kind not in KINDS:
        raise BadInput(f"choose what the file is: {', '.join(KINDS)}")
    name = Path(file.filename or "upload").name
    with tempfile.TemporaryDirectory(prefix="closeloop-upload-") as folder:
        target = Path(folder) / (Path(name).stem[:80] + SUFFIX[kind]
                                 if Path(name).suffix.lower() not in (".eml", ".vcf", ".csv",
                                                                      ".ics", ".mbox")
                                 else name[:120])
        with target.open("wb") as out:
            shutil.copyfileobj(file.file, out, length=1024 * 1024)
        if target.stat().st_size > MAX_BYTES:
            raise BadInput(f"{name} is larger than {MAX_BYTES // (1024 * 1024)} MB: "
                           f"use `closeloop import` on the command line")
        result = _run(ledger(request), kind, target, name)
    request.app.state.agenda.clear()
    return render(request, "import.html", kinds=KINDS, result=result)


def _run(led, kind: str, path: Path, shown: str) -> dict:
    if kind == "mail":
        from closeloop.service.mail import import_mail
        summary = import_mail(led, [str(path)])
        counts = [("read", summary.read), ("stored", summary.stored),
                  ("already imported", summary.unchanged), ("bulk, not people", summary.bulk),
                  ("failed", summary.failed), ("people added", summary.people_added),
                  ("loop steps found", summary.loop_steps)]
        problems = summary.problems
    else:
        if kind == "vcard":
            from closeloop.service.contacts import import_vcard
            summary = import_vcard(led, path)
        elif kind == "csv":
            from closeloop.service.contacts import import_csv
            summary = import_csv(led, path)
        else:
            from closeloop.service.calendar_import import import_calendar
            summary = import_calendar(led, path)
        counts = [("added", summary.added), ("updated", summary.updated),
                  ("unchanged", summary.unchanged), ("skipped", summary.skipped)]
        problems = summary.problems
    return {"name": shown, "kind": KINDS[kind], "counts": counts,
            "problems": [(p.where, p.message) for p in problems]}
