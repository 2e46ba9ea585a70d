"""Test doubles, in one place: in-memory fakes of the ports that behave like the real adapters
where it matters (unique constraints raise the same core errors, single-use things are single
use, the cascades the use cases rely on happen, messages count only once committed), and local
fakes of third-party HTTP APIs served for real on loopback (``linkedin_server``).

Each fake subclasses its Protocol, so a signature drift fails (``tests/unit/test_fakes.py``
finds each port's fake by that, checks every port is served and listed below and every member
implemented with the port's signature; mypy checks the types). Read-model fakes build their views from the write fakes' state, which they
are handed (``InMemoryJobQueries(jobs, companies, users, applications)``), as the SQL queries
join the tables. ``tests/unit/hiring.py`` wires them all; ``tests/unit/world.py`` the accounts.

Port (core/ports/)            Fake, or real pure adapter
----------------------------  --------------------------------------------------------------
AccountSetup                  accounts.FakeAccountSetup
ActionTokens                  real: adapters.security.action_tokens.SignedActionTokens
ApplicationQueries            applications.InMemoryApplicationQueries
ApplicationQuota              applications.FakeApplicationQuota
ApplicationRepository         applications.InMemoryApplications
BatchScorer                   real: adapters.matching.pairwise.PairwiseBatchScorer
CalendarInvites               real: adapters.documents.calendar.ICalendarInvites
CandidateProfileRepository    profiles.InMemoryCandidateProfiles
CandidateTies                 messaging.InMemoryCandidateTies
Clock                         platform.FakeClock
CompanyQueries                companies.InMemoryCompanyQueries
CompanyRepository             companies.InMemoryCompanies
ConversationQueries           messaging.InMemoryConversationQueries
ConversationRepository        messaging.InMemoryConversations
CvRenderer                    profiles.FakeCvRenderer (real FpdfCvRenderer is pure but slow)
EmailRenderer                 platform.EchoRenderer (real JinjaEmailRenderer: test_email_templates)
EmailSender                   platform.RecordingEmailSender
FileStorage                   platform.InMemoryFileStorage
Gazetteer                     matching.FakeGazetteer (real GeonamesGazetteer takes ~2 s to index)
InterviewRepository           applications.InMemoryInterviews
JobPostingQuota               jobs.FakeJobPostingQuota
JobQueries                    jobs.InMemoryJobQueries
JobRepository                 jobs.InMemoryJobs
JobSearch                     jobs.InMemoryJobSearch
JobTestRepository             job_tests.InMemoryJobTests
LinkedInClient                accounts.FakeLinkedInClient
LiveUpdates                   platform.FakeLiveUpdates (pushes count once committed)
MatchQueries                  matching.InMemoryMatchQueries
MatchStore                    matching.InMemoryMatchStore
MatchingFeatures              matching.InMemoryMatchingFeatures
NotificationRepository        notifications.InMemoryNotifications
OAuthStateStore               accounts.InMemoryOAuthStates
PasswordHasher                accounts.FakePasswordHasher
ProfileEntryRepository        profiles.InMemoryProfileEntries
RecruiterProfileRepository    companies.InMemoryRecruiterProfiles
RefreshTokenStore             accounts.InMemoryRefreshTokens
SessionUsers                  accounts.InMemorySessionUsers
TaskQueue                     platform.FakeTaskQueue (+ platform.FakeWorker: relay and worker)
TeamInvitationRepository      companies.InMemoryTeamInvitations
TokenIssuer                   real: adapters.security.jwt_tokens.JwtTokenIssuer
TransactionManager            platform.FakeTransactionManager
UserRepository                accounts.InMemoryUsers

Where they differ from the database: the in-memory stores write through, so a rollback drops
the messages of the transaction but not its writes (the use cases check before they write).
"""
