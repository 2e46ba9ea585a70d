from __future__ import annotations

from typing import Annotated, Any

import msgspec
from dishka.integrations.litestar import FromDishka
from litestar import Controller, Request, get, patch, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, JSONBody
from litestar.response import Stream

from adapters.http.current_user import CurrentUser
from adapters.http.openapi import errors
from adapters.http.profiles.schemas import CandidateProfileOut, CvResponse
from core.domain.errors import ValidationFailed
from core.domain.profiles.candidate import CandidateProfileChanges
from core.domain.profiles.cv import MAX_CV_BYTES
from core.domain.profiles.views import CandidateProfileView
from core.use_cases.profiles.generate_cv import GenerateCv, GenerateCvCommand
from core.use_cases.profiles.get_candidate_profile import (
    GetCandidateProfile,
    GetCandidateProfileCommand,
)
from core.use_cases.profiles.read_cv import ReadCv, ReadCvCommand
from core.use_cases.profiles.update_candidate_profile import (
    UpdateCandidateProfile,
    UpdateCandidateProfileCommand,
)
from core.use_cases.profiles.upload_cv import UploadCv, UploadCvCommand

Req = Request[Any, Any, Any]
PATH = "/accounts/api/v1/candidate-profiles"


def cv_url(request: Req, user_id: FromPath[int]) -> str:
    return f"{str(request.base_url).rstrip('/')}{PATH}/{user_id}/cv/"


def _out(request: Req, view: CandidateProfileView) -> CandidateProfileOut:
    data = msgspec.to_builtins(view)
    data["cv_file"] = cv_url(request, view.user.id) if view.cv_file else None
    return msgspec.convert(data, CandidateProfileOut)


class CvUpload(msgspec.Struct, kw_only=True):
    cv_file: UploadFile


class CandidateProfileController(Controller):
    path = PATH
    tags = ["Candidate profiles"]

    @get("/me/", summary="The current candidate's profile", responses=errors(401, 403))
    async def me(
        self, request: Req, me: FromDishka[CurrentUser], use_case: FromDishka[GetCandidateProfile]
    ) -> CandidateProfileOut:
        return _out(request, await use_case(GetCandidateProfileCommand(actor=me.user)))

    @patch(
        "/me/",
        summary="Update the current candidate's profile",
        description="Skills are de-duplicated case-insensitively, keeping your spelling. "
        "`years_of_experience: null` means: derive it from the work experiences.",
        responses=errors(400, 401, 403),
    )
    async def update(
        self,
        request: Req,
        data: JSONBody[CandidateProfileChanges],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[UpdateCandidateProfile],
    ) -> CandidateProfileOut:
        view = await use_case(UpdateCandidateProfileCommand(actor=me.user, changes=data))
        return _out(request, view)

    @post(
        "/me/generate-cv/",
        status_code=201,
        summary="Generate a PDF CV from the profile",
        responses=errors(401, 403),
    )
    async def generate_cv(
        self, request: Req, me: FromDishka[CurrentUser], use_case: FromDishka[GenerateCv]
    ) -> CvResponse:
        await use_case(GenerateCvCommand(actor=me.user))
        return CvResponse(cv_url=cv_url(request, me.id), message="CV generated successfully")

    @post(
        "/me/cv/",
        status_code=201,
        summary="Upload your own CV (multipart field `cv_file`, PDF only)",
        responses=errors(400, 401, 403, 413),
        request_max_body_size=MAX_CV_BYTES + 64 * 1024,
    )
    async def upload_cv(
        self,
        request: Req,
        data: Annotated[CvUpload, Body(media_type=RequestEncodingType.MULTI_PART)],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[UploadCv],
    ) -> CvResponse:
        content = await data.cv_file.read()
        if len(content) > MAX_CV_BYTES:
            raise ValidationFailed.single("cv_file", "The file is larger than 5 MiB.")
        await use_case(UploadCvCommand(actor=me.user, data=content))
        return CvResponse(cv_url=cv_url(request, me.id), message="CV uploaded successfully")

    @get(
        "/{user_id:int}/cv/",
        summary="Download a candidate's CV (the candidate, recruiters they applied to, admins)",
        responses=errors(401, 403, 404),
        media_type="application/pdf",
    )
    async def download_cv(
        self, user_id: FromPath[int], me: FromDishka[CurrentUser], use_case: FromDishka[ReadCv]
    ) -> Stream:
        # Streamed from the store, whichever process or host wrote it.
        found = await use_case(ReadCvCommand(actor=me.user, candidate_user_id=user_id))
        return Stream(
            found.chunks,
            media_type=found.content_type,
            headers={
                "Content-Length": str(found.size),
                # A download, never rendered in the API's origin; the type is the one the
                # upload checked (only PDFs are kept).
                "Content-Disposition": f'attachment; filename="cv-{user_id}.pdf"',
                "Cache-Control": "private, no-store",
                "X-Content-Type-Options": "nosniff",
            },
        )
