"""Who may call what: every routed operation, the status each caller gets.

The columns are the callers of ``tests/integration/cast.py``: nobody, two candidates, the three
recruiters of company A (the job's poster, a colleague, the admin), company B's admin (the
stranger), an NGO manager and a site admin. For a resource that belongs to someone, the row's
request names that resource of the cast, so its owner, a colleague and a stranger are columns
of the same row:

    resource         owner                  colleague          stranger
    job              recruiter (poster)     colleague          other_recruiter
    application      candidate / recruiter  colleague          other_candidate / other_recruiter
    work experience  candidate              -                  other_candidate
    notification     candidate              -                  everyone else
    invitation       other_recruiter (invitee), company_admin (sender)
    conversation     recruiter and candidate (its participants)  -  everyone else

``test_access_matrix.py`` runs every cell over HTTP and asserts its status; an operation the
app routes without a row here fails it. A refused cell must leak nothing (its body is an error
body, never the object) and change nothing.

A row: ``METHOD /path/template/``, nine statuses in the column order, then how to make the
request (each optional, separated by spaces):

    name=VALUE       a path parameter: a resource of the cast (``job``, ``application``,
                     ``user:candidate``, ...), ``fresh:KIND`` (a new one made for each cell, for
                     operations that use up what they act on) or a literal
    body:NAME        the JSON body ``BODIES[NAME]``; "$..." strings in it are filled per cell
                     (see ``test_access_matrix.fill``), "#NAME" by the cast's id of NAME
    query:a=1&b=2    a query string
    form:NAME        the URL-encoded form ``BODIES[NAME]``
    files:cv         the multipart CV upload
    page             the answer is a page for people (HTML), not the API's JSON

Path parameters not given are taken from the cast by name (``job_id`` → ``job``, ...).

Adding a module: add its rows (run the test once: a missing row fails with the statuses each
caller gets, ready to check and paste), and give the cast the resources its rows name
(``cast.py: build_cast``, and a factory in ``test_access_matrix.FACTORIES`` for ``fresh:``).
"""

from __future__ import annotations

from typing import Any

#: Column order of MATRIX: the cast's callers (one list, in cast.py).
from tests.integration.cast import CALLERS

__all__ = ["BODIES", "CALLERS", "MATRIX"]

BODIES: dict[str, Any] = {
    "login": {"username": "cand_max", "password": "$password"},
    "refresh": {"refresh": "$refresh"},
    "verify": {"token": "$access"},
    "email": {"email": "cand_max@cast.example.com"},
    "reset_confirm": {
        "token": "$reset_token",
        "password": "Brand-New-Lantern-77",
        "password_confirm": "Brand-New-Lantern-77",
    },
    "username": {"username": "$unique"},
    "register": {
        "username": "$unique",
        "email": "$unique_email",
        "password": "$password",
        "password2": "$password",
        "user_type": "candidate",
    },
    "resend": {"email": "cand_max@cast.example.com"},
    "activation": {"token": "$activation_token"},
    "me": {"bio": "Changed by the access matrix"},
    "start_conversation": {"participant_id": "#user:candidate", "content": "About the job"},
    "message": {"content": "Written by the access matrix"},
    "candidate_profile": {"skills": ["Python", "SQL"]},
    "recruiter_profile": {"bio": "Hiring since 2010"},
    "work-experiences": {"company": "Globex", "position": "Engineer", "start_date": "2019-01-01"},
    "educations": {"institution": "EPFL", "start_date": "2012-09-01"},
    "projects": {"name": "Side project"},
    "entry_edit": {"description": "Edited by the access matrix"},
    "job": {"title": "Access Matrix Engineer"},
    "job_edit": {"title": "Senior Python Developer (edited)"},
    "job_test": {
        "title": "Basics",
        "questions": [
            {
                "text": "2 + 2?",
                "question_type": "multiple_choice",
                "choices": ["3", "4"],
                "correct_answer": "4",
            }
        ],
    },
    "apply": {"job": "#other_job"},
    "status": {"status": "reviewed"},
    "interview": {"starts_at": "$in_three_days", "duration_minutes": 30, "location": "Paris"},
    "interview_edit": {"location": "Room 4"},
    "submission": "$submission",
    "grades": "$grades",
    "company": {"name": "$unique"},
    "company_edit": {"description": "Edited by the access matrix"},
    "invite": {"email": "$fresh_recruiter_email"},
    "recalculate": {"job_id": "#job"},
    "preferences": {"email_types": ["new_application"]},
    "reset_form": {
        "token": "$reset_token",
        "password": "Brand-New-Lantern-77",
        "password_confirm": "Brand-New-Lantern-77",
    },
}

# fmt: off
#  operation                                                                 anon cand othc recr coll cadm othr ngo  admn  request
MATRIX = """
GET    /api/                                                                  200  200  200  200  200  200  200  200  200  page
GET    /api/{path}/                                                           404  404  404  404  404  404  404  404  404  path=openapi.yaml
GET    /api/schema/                                                           200  200  200  200  200  200  200  200  200
GET    /api/openapi.json/                                                     200  200  200  200  200  200  200  200  200
GET    /api/docs/                                                             200  200  200  200  200  200  200  200  200  page
GET    /api/redoc/                                                            200  200  200  200  200  200  200  200  200  page
GET    /api/oauth2-redirect.html/                                             200  200  200  200  200  200  200  200  200  page
GET    /api/assets/swagger-ui/{file_path}/                                    200  200  200  200  200  200  200  200  200  file_path=swagger-ui.css page
GET    /api/assets/redoc/{file_path}/                                         200  200  200  200  200  200  200  200  200  file_path=redoc.standalone.js page
GET    /health/                                                               200  200  200  200  200  200  200  200  200
GET    /health/ready/                                                         200  200  200  200  200  200  200  200  200
GET    /activate/                                                             200  200  200  200  200  200  200  200  200  query:token=$activation_token page
GET    /reset-password/                                                       200  200  200  200  200  200  200  200  200  query:token=$reset_token page
POST   /reset-password/                                                       200  200  200  200  200  200  200  200  200  form:reset_form page

POST   /accounts/api/v1/auth/token/                                           200  200  200  200  200  200  200  200  200  body:login
POST   /accounts/api/v1/auth/token/refresh/                                   200  200  200  200  200  200  200  200  200  body:refresh
POST   /accounts/api/v1/auth/token/verify/                                    200  200  200  200  200  200  200  200  200  body:verify
POST   /accounts/api/v1/auth/logout/                                          200  200  200  200  200  200  200  200  200  body:refresh
POST   /accounts/api/v1/auth/password-reset/                                  200  200  200  200  200  200  200  200  200  body:email
POST   /accounts/api/v1/auth/password-reset/confirm/                          200  200  200  200  200  200  200  200  200  body:reset_confirm
POST   /accounts/api/v1/users/                                                201  201  201  201  201  201  201  201  201  body:register
POST   /accounts/api/v1/users/check_email/                                    200  200  200  200  200  200  200  200  200  body:email
POST   /accounts/api/v1/users/check_username/                                 200  200  200  200  200  200  200  200  200  body:username
GET    /accounts/api/v1/users/email-verification/status/                      401  200  200  200  200  200  200  200  200
POST   /accounts/api/v1/users/email-verification/resend/                      200  200  200  200  200  200  200  200  200  body:resend
POST   /accounts/api/v1/users/email-verification/confirm/                     200  200  200  200  200  200  200  200  200  body:activation
GET    /accounts/api/v1/users/me/                                             401  200  200  200  200  200  200  200  200
PATCH  /accounts/api/v1/users/me/                                             401  200  200  200  200  200  200  200  200  body:me
POST   /accounts/api/v1/linkedin/oauth/start/                                 200  200  200  200  200  200  200  200  200
GET    /accounts/api/v1/linkedin/oauth/callback/                              400  400  400  400  400  400  400  400  400  query:code=abc&state=unknown page

GET    /accounts/api/v1/candidate-profiles/me/                                401  200  200  403  403  403  403  403  403
PATCH  /accounts/api/v1/candidate-profiles/me/                                401  200  200  403  403  403  403  403  403  body:candidate_profile
POST   /accounts/api/v1/candidate-profiles/me/generate-cv/                    401  201  201  403  403  403  403  403  403
POST   /accounts/api/v1/candidate-profiles/me/cv/                             401  201  201  403  403  403  403  403  403  files:cv
GET    /accounts/api/v1/candidate-profiles/{user_id}/cv/                      401  200  403  200  200  200  403  403  200  user_id=user:candidate
GET    /accounts/api/v1/work-experiences/                                     401  200  200  403  403  403  403  403  403
POST   /accounts/api/v1/work-experiences/                                     401  201  201  403  403  403  403  403  403  body:work-experiences
PATCH  /accounts/api/v1/work-experiences/{entry_id}/                          401  200  404  403  403  403  403  403  403  entry_id=work-experiences body:entry_edit
DELETE /accounts/api/v1/work-experiences/{entry_id}/                          401  204  404  403  403  403  403  403  403  entry_id=fresh:work-experiences
GET    /accounts/api/v1/educations/                                           401  200  200  403  403  403  403  403  403
POST   /accounts/api/v1/educations/                                           401  201  201  403  403  403  403  403  403  body:educations
PATCH  /accounts/api/v1/educations/{entry_id}/                                401  200  404  403  403  403  403  403  403  entry_id=educations body:entry_edit
DELETE /accounts/api/v1/educations/{entry_id}/                                401  204  404  403  403  403  403  403  403  entry_id=fresh:educations
GET    /accounts/api/v1/projects/                                             401  200  200  403  403  403  403  403  403
POST   /accounts/api/v1/projects/                                             401  201  201  403  403  403  403  403  403  body:projects
PATCH  /accounts/api/v1/projects/{entry_id}/                                  401  200  404  403  403  403  403  403  403  entry_id=projects body:entry_edit
DELETE /accounts/api/v1/projects/{entry_id}/                                  401  204  404  403  403  403  403  403  403  entry_id=fresh:projects
GET    /accounts/api/v1/recruiter-profiles/me/                                401  403  403  200  200  200  200  403  403
PATCH  /accounts/api/v1/recruiter-profiles/me/                                401  403  403  200  200  200  200  403  403  body:recruiter_profile

GET    /jobs/api/v1/categories/                                               200  200  200  200  200  200  200  200  200
GET    /jobs/api/v1/job-types/                                                200  200  200  200  200  200  200  200  200
GET    /jobs/api/v1/jobs/                                                     200  200  200  200  200  200  200  200  200
POST   /jobs/api/v1/jobs/                                                     401  403  403  201  201  201  201  403  403  body:job
GET    /jobs/api/v1/jobs/{job_id}/                                            200  200  200  200  200  200  200  200  200
PATCH  /jobs/api/v1/jobs/{job_id}/                                            401  403  403  200  403  200  403  403  403  body:job_edit
DELETE /jobs/api/v1/jobs/{job_id}/                                            401  403  403  204  403  204  403  403  403  job_id=fresh:job
GET    /jobs/api/v1/jobs/{job_id}/test/                                       401  200  403  200  403  200  403  403  403
POST   /jobs/api/v1/jobs/{job_id}/test/                                       401  403  403  201  403  201  403  403  403  job_id=fresh:job body:job_test

POST   /applications/api/v1/applications/                                     401  201  201  403  403  403  403  403  403  body:apply
GET    /applications/api/v1/applications/my-applications/                     401  200  200  403  403  403  403  403  403
GET    /applications/api/v1/applications/job/{job_id}/                        401  403  403  200  403  200  403  403  403
PATCH  /applications/api/v1/applications/{application_id}/status/             401  403  404  200  404  200  404  404  404  application_id=fresh:application body:status
POST   /applications/api/v1/applications/{application_id}/withdraw/           401  200  404  404  404  404  404  404  404  application_id=fresh:application
GET    /applications/api/v1/applications/{application_id}/history/            401  200  404  200  404  200  404  404  404
GET    /applications/api/v1/applications/{application_id}/interviews/         401  200  404  200  404  200  404  404  404
POST   /applications/api/v1/applications/{application_id}/interviews/         401  403  404  201  404  201  404  404  404  body:interview
PATCH  /applications/api/v1/applications/{application_id}/interviews/{interview_id}/ 401  403  404  200  404  200  404  404  404  body:interview_edit
DELETE /applications/api/v1/applications/{application_id}/interviews/{interview_id}/ 401  403  404  200  404  200  404  404  404  interview_id=fresh:interview
POST   /applications/api/v1/test-submissions/                                 401  201  404  404  404  404  404  404  404  body:submission
GET    /applications/api/v1/test-submissions/{submission_id}/                 401  200  404  200  404  200  404  404  404
PATCH  /applications/api/v1/test-submissions/{submission_id}/grade/           401  403  404  200  404  200  404  404  404  body:grades

GET    /companies/api/v1/companies/                                           200  200  200  200  200  200  200  200  200
POST   /companies/api/v1/companies/                                           401  403  403  409  409  409  409  403  403  body:company
GET    /companies/api/v1/companies/by-slug/{slug}/                            200  200  200  200  200  200  200  200  200  slug=$slug
GET    /companies/api/v1/companies/{company_id}/                              200  200  200  200  200  200  200  200  200
PATCH  /companies/api/v1/companies/{company_id}/                              401  403  403  403  403  200  403  403  403  body:company_edit
POST   /companies/api/v1/companies/{company_id}/team/                         401  403  403  403  403  201  403  403  403  body:invite
GET    /companies/api/v1/companies/{company_id}/invitations/                  401  403  403  403  403  200  403  403  403
DELETE /companies/api/v1/companies/{company_id}/invitations/{invitation_id}/  401  403  403  403  403  204  403  403  403  invitation_id=fresh:invitation
DELETE /companies/api/v1/companies/{company_id}/team/{user_id}/               401  403  403  403  403  204  403  403  403  user_id=fresh:member
POST   /companies/api/v1/companies/{company_id}/follow/                       401  200  200  403  403  403  403  403  403
DELETE /companies/api/v1/companies/{company_id}/follow/                       401  200  200  403  403  403  403  403  403
GET    /companies/api/v1/invitations/                                         401  403  403  200  200  200  200  403  403
POST   /companies/api/v1/invitations/{invitation_id}/accept/                  401  403  403  404  404  404  409  403  403  invitation_id=fresh:invitation
POST   /companies/api/v1/invitations/{invitation_id}/decline/                 401  403  403  404  404  404  200  403  403  invitation_id=fresh:invitation

GET    /matching/api/v1/job-matches/job/{job_id}/                             401  403  403  200  403  200  403  403  403
GET    /matching/api/v1/job-matches/candidate/me/                             401  200  200  403  403  403  403  403  403
POST   /matching/api/v1/job-matches/recalculate/                              401  403  403  200  403  200  403  403  200  body:recalculate

GET    /notifications/api/v1/notifications/                                   401  200  200  200  200  200  200  200  200
PATCH  /notifications/api/v1/notifications/{notification_id}/read/            401  200  404  404  404  404  404  404  404
POST   /notifications/api/v1/notifications/mark-all-read/                     401  200  200  200  200  200  200  200  200
GET    /notifications/api/v1/preferences/                                     401  200  200  200  200  200  200  200  200
PATCH  /notifications/api/v1/preferences/                                     401  200  200  200  200  200  200  200  200  body:preferences
# Messaging: the cast's conversation is the job's recruiter's with the candidate who applied.
# Starting one: the recruiter already shares it (200), their company's other recruiters may
# write to its applicant (201), company B's recruiter too (the candidate is in B's job
# matches), a site admin to anyone; oneself is 400, another candidate or an NGO manager 403.
GET    /messaging/api/v1/conversations/                                       401  200  200  200  200  200  200  200  200
POST   /messaging/api/v1/conversations/                                       401  400  403  200  201  201  201  403  201  body:start_conversation
GET    /messaging/api/v1/conversations/{conversation_id}/messages/            401  200  404  200  404  404  404  404  404
POST   /messaging/api/v1/conversations/{conversation_id}/messages/            401  201  404  201  404  404  404  404  404  body:message
"""
# fmt: on
