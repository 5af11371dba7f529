import Foundation
import Vapor

/// Every page and endpoint of the site: routes are registered from it and every link is built from it, so a view
/// never contains a string URL and a renamed path cannot leave a dead link behind.
enum SiteURL: Sendable, Equatable {
    case home
    case healthz
    case metrics
    case stylesheet
    case divisions
    case division(code: String)
    case newDivision(parent: String?)
    case createDivision
    case servicePoints(query: [(String, String)] = [])
    case servicePoint(id: UUID)
    case newServicePoint
    case createServicePoint
    case editServicePoint(id: UUID)
    case updateServicePoint(id: UUID)
    case disableServicePoint(id: UUID)
    case enableServicePoint(id: UUID)
    case serviceCategory(key: String)
    case serviceGuide(seq: Int)
    case apiServicePoints
    case apiDivision(code: String)
    case login
    case loginStatus(ticket: String)
    case loginScan(ticket: String)
    case loginComplete
    case loginChoose
    case cardCallback
    case logout
    case loginScript
    case cardSimulator(ticket: String)
    case cardSimulatorScan
    case auditLog(query: [(String, String)] = [])
    case accounts
    case newAccount
    case account(id: UUID)
    case accountStatus(id: UUID)
    case accountGrants(id: UUID)
    case accountReview
    case myAccount
    case reportLeak
    case notifications
    case notificationRead(id: UUID)
    case accountApplications(query: [(String, String)] = [])
    case newAccountApplication(rows: Int? = nil)
    case createAccountApplication
    case accountApplication(id: UUID)
    case accountApplicationPrint(id: UUID)
    case withdrawAccountApplication(id: UUID)
    case forwardAccountApplication(id: UUID)
    case decideAccountApplication(id: UUID)
    case carryOutAccountApplication(id: UUID)
    case accountApplicationsExport(query: [(String, String)] = [])
    case workCalendar(query: [(String, String)] = [])
    case loadWorkCalendarYear
    case cases(query: [(String, String)] = [])
    case newCase(citizen: UUID, item: Int)
    case acceptCase
    case caseStatistics(query: [(String, String)] = [])
    case caseFile(id: UUID)
    case caseAction(id: UUID)
    case caseReceipt(id: UUID)
    case citizens
    case citizenLookup
    case registerCitizen
    case citizen(id: UUID)
    case revealCitizen(id: UUID)
    case problems(query: [(String, String)] = [])
    case newProblem
    case fileProblem
    case problem(id: UUID)
    case problemAction(id: UUID)
    case problemScreenshot(id: UUID, position: Int)
    case problemsExport(query: [(String, String)] = [])
    case responsibilityList
    case problemOversight(query: [(String, String)] = [])
    case scheduleTraining
    case monthlyReport(query: [(String, String)] = [])
    case servicePointAcceptance(id: UUID)
    case servicePointMilestones(id: UUID)
    case acceptancePhoto(id: UUID, position: Int)
    case kiosks
    case policies(query: [(String, String)] = [])
    case newPolicy
    case policy(id: UUID)
    case editPolicy(id: UUID)
    case withdrawPolicy(id: UUID)
    case pointMap(query: [(String, String)] = [])
    case monthlyReportEntry(query: [(String, String)] = [])
    case monthlyReportException
    case monthlyReportDecision
    case monthlyReportExceptionDecision(id: UUID)
    case monthlyReportCountyTasks
    case retireKiosk(id: UUID)
    case monthlyReportExport(query: [(String, String)] = [])
    case monthlyReportEvidence(id: UUID)
    case employers(query: [(String, String)] = [])
    case newEmployer
    case employer(id: UUID)
    case newJobPosting(employer: UUID)
    case jobPostings(query: [(String, String)] = [])
    case jobPosting(id: UUID)
    case jobPostingSeekers(id: UUID)
    case closeJobPosting(id: UUID)
    case jobSeekers(query: [(String, String)] = [])
    case jobRecommendations(citizen: UUID)
    case jobSeekerEmployed(citizen: UUID)
    case pushJobRecommendations(citizen: UUID)
    case developmentSMS
    case gigs(query: [(String, String)] = [])
    case gig(id: UUID)
    case gigHired(id: UUID)
    case gigSkills
    /// A county skill's code is `localN` or a default's code: letters and digits, safe in a path as it is.
    case gigSkillRename(code: String)
    case gigSkillRetire(code: String)
    case gigSkillRestore(code: String)
    case gigRecommendations(citizen: UUID)
    case gigRecruiter(citizen: UUID)
    case gigWorkers(query: [(String, String)] = [])
    case jobFairs(query: [(String, String)] = [])
    case newJobFair
    case jobFair(id: UUID)
    case editJobFair(id: UUID)
    case cancelJobFair(id: UUID)
    case archiveOffices(query: [(String, String)] = [])
    case newArchiveOffice
    case archiveOffice(id: UUID)
    case editArchiveOffice(id: UUID)
    case employmentCard(citizen: UUID)
    case endEmploymentRegistration(id: UUID)

    static func == (lhs: SiteURL, rhs: SiteURL) -> Bool { lhs.path == rhs.path }

    /// The path with parameters filled in, for links.
    var path: String {
        switch self {
        case .home: "/"
        case .healthz: "/healthz"
        case .metrics: "/metrics"
        case .stylesheet: "/static/app.css"
        case .divisions: "/divisions"
        case .division(let code): "/divisions/\(code)"
        case .newDivision(let parent): "/divisions/new" + (parent.map { "?parent=\($0)" } ?? "")
        case .createDivision: "/divisions"
        case .servicePoints(let query): "/service-points" + Self.queryString(query)
        case .servicePoint(let id): "/service-points/\(id.uuidString.lowercased())"
        case .newServicePoint: "/service-points/new"
        case .createServicePoint: "/service-points"
        case .editServicePoint(let id): "/service-points/\(id.uuidString.lowercased())/edit"
        case .updateServicePoint(let id): "/service-points/\(id.uuidString.lowercased())"
        case .disableServicePoint(let id): "/service-points/\(id.uuidString.lowercased())/disable"
        case .enableServicePoint(let id): "/service-points/\(id.uuidString.lowercased())/enable"
        case .serviceCategory(let key): "/services/\(key)"
        case .serviceGuide(let seq): "/services/items/\(seq)"
        case .apiServicePoints: "/api/service-points"
        case .apiDivision(let code): "/api/divisions/\(code)"
        case .login: "/login"
        case .loginStatus(let ticket): "/login/status" + Self.queryString([("ticket", ticket)])
        case .loginScan(let ticket): "/login/scan" + Self.queryString([("ticket", ticket)])
        case .loginComplete: "/login/complete"
        case .loginChoose: "/login/choose"
        case .cardCallback: "/login/card/callback"
        case .logout: "/logout"
        case .loginScript: "/static/login.js"
        case .cardSimulator(let ticket): "/dev/card-simulator" + Self.queryString([("ticket", ticket)])
        case .cardSimulatorScan: "/dev/card-simulator"
        case .auditLog(let query): "/audit" + Self.queryString(query)
        case .accounts: "/accounts"
        case .newAccount: "/accounts/new"
        case .account(let id): "/accounts/\(id.uuidString.lowercased())"
        case .accountStatus(let id): "/accounts/\(id.uuidString.lowercased())/status"
        case .accountGrants(let id): "/accounts/\(id.uuidString.lowercased())/grants"
        case .accountReview: "/accounts/review"
        case .myAccount: "/my-account"
        case .reportLeak: "/my-account/leak"
        case .notifications: "/notifications"
        case .notificationRead(let id): "/notifications/\(id.uuidString.lowercased())/read"
        case .accountApplications(let query): "/account-applications" + Self.queryString(query)
        case .newAccountApplication(let rows): "/account-applications/new" + Self.queryString([("rows", rows.map(String.init) ?? "")])
        case .createAccountApplication: "/account-applications"
        case .accountApplication(let id): "/account-applications/\(id.uuidString.lowercased())"
        case .accountApplicationPrint(let id): "/account-applications/\(id.uuidString.lowercased())/print"
        case .withdrawAccountApplication(let id): "/account-applications/\(id.uuidString.lowercased())/withdraw"
        case .forwardAccountApplication(let id): "/account-applications/\(id.uuidString.lowercased())/forward"
        case .decideAccountApplication(let id): "/account-applications/\(id.uuidString.lowercased())/decide"
        case .carryOutAccountApplication(let id): "/account-applications/\(id.uuidString.lowercased())/carry-out"
        case .accountApplicationsExport(let query): "/account-applications/export" + Self.queryString(query)
        case .workCalendar(let query): "/calendar" + Self.queryString(query)
        case .loadWorkCalendarYear: "/calendar"
        case .cases(let query): "/cases" + Self.queryString(query)
        case .newCase(let citizen, let item):
            "/cases/new" + Self.queryString([("citizen", citizen.uuidString.lowercased()), ("item", String(item))])
        case .acceptCase: "/cases"
        case .caseStatistics(let query): "/cases/statistics" + Self.queryString(query)
        case .caseFile(let id): "/cases/\(id.uuidString.lowercased())"
        case .caseAction(let id): "/cases/\(id.uuidString.lowercased())/actions"
        case .caseReceipt(let id): "/cases/\(id.uuidString.lowercased())/receipt"
        case .citizens, .registerCitizen: "/citizens"
        case .citizenLookup: "/citizens/lookup"
        case .citizen(let id): "/citizens/\(id.uuidString.lowercased())"
        case .revealCitizen(let id): "/citizens/\(id.uuidString.lowercased())/reveal"
        case .problems(let query): "/problems" + Self.queryString(query)
        case .newProblem: "/problems/new"
        case .fileProblem: "/problems"
        case .problem(let id): "/problems/\(id.uuidString.lowercased())"
        case .problemAction(let id): "/problems/\(id.uuidString.lowercased())/actions"
        case .problemScreenshot(let id, let position): "/problems/\(id.uuidString.lowercased())/screenshots/\(position)"
        case .problemsExport(let query): "/problems/export" + Self.queryString(query)
        case .responsibilityList: "/problems/responsibilities"
        case .problemOversight(let query): "/problems/oversight" + Self.queryString(query)
        case .scheduleTraining: "/problems/trainings"
        case .monthlyReport(let query): "/reports/monthly" + Self.queryString(query)
        case .servicePointAcceptance(let id): "/service-points/\(id.uuidString.lowercased())/acceptance"
        case .servicePointMilestones(let id): "/service-points/\(id.uuidString.lowercased())/milestones"
        case .acceptancePhoto(let id, let position): "/acceptances/\(id.uuidString.lowercased())/photos/\(position)"
        case .kiosks: "/kiosks"
        case .policies(let query): "/policies" + Self.queryString(query)
        case .newPolicy: "/policies/new"
        case .policy(let id): "/policies/\(id.uuidString.lowercased())"
        case .editPolicy(let id): "/policies/\(id.uuidString.lowercased())/edit"
        case .withdrawPolicy(let id): "/policies/\(id.uuidString.lowercased())/withdraw"
        case .pointMap(let query): "/reports/map" + Self.queryString(query)
        case .monthlyReportEntry(let query): "/reports/monthly/entry" + Self.queryString(query)
        case .monthlyReportException: "/reports/monthly/exception"
        case .monthlyReportDecision: "/reports/monthly/decision"
        case .monthlyReportExceptionDecision(let id): "/reports/monthly/exceptions/\(id.uuidString.lowercased())"
        case .monthlyReportCountyTasks: "/reports/monthly/county-tasks"
        case .retireKiosk(let id): "/kiosks/\(id.uuidString.lowercased())/retire"
        case .monthlyReportExport(let query): "/reports/monthly/export" + Self.queryString(query)
        case .monthlyReportEvidence(let id): "/reports/monthly/evidence/\(id.uuidString.lowercased())"
        case .employers(let query): "/jobs/employers" + Self.queryString(query)
        case .newEmployer: "/jobs/employers/new"
        case .employer(let id): "/jobs/employers/\(id.uuidString.lowercased())"
        case .newJobPosting(let employer): "/jobs/employers/\(employer.uuidString.lowercased())/postings"
        case .jobPostings(let query): "/jobs/postings" + Self.queryString(query)
        case .jobPosting(let id): "/jobs/postings/\(id.uuidString.lowercased())"
        case .jobPostingSeekers(let id): "/jobs/postings/\(id.uuidString.lowercased())/seekers"
        case .closeJobPosting(let id): "/jobs/postings/\(id.uuidString.lowercased())/close"
        case .jobSeekers(let query): "/jobs/seekers" + Self.queryString(query)
        case .jobRecommendations(let citizen): "/jobs/recommendations/\(citizen.uuidString.lowercased())"
        case .jobSeekerEmployed(let citizen): "/jobs/recommendations/\(citizen.uuidString.lowercased())/employed"
        case .pushJobRecommendations(let citizen): "/jobs/recommendations/\(citizen.uuidString.lowercased())/push"
        case .developmentSMS: "/dev/sms"
        case .gigs(let query): "/gigs" + Self.queryString(query)
        case .gig(let id): "/gigs/\(id.uuidString.lowercased())"
        case .gigHired(let id): "/gigs/\(id.uuidString.lowercased())/hired"
        case .gigSkills: "/gigs/skills"
        case .gigSkillRename(let code): "/gigs/skills/\(code)/rename"
        case .gigSkillRetire(let code): "/gigs/skills/\(code)/retire"
        case .gigSkillRestore(let code): "/gigs/skills/\(code)/restore"
        case .gigRecommendations(let citizen): "/gigs/recommendations/\(citizen.uuidString.lowercased())"
        case .gigRecruiter(let citizen): "/gigs/recruiters/\(citizen.uuidString.lowercased())"
        case .gigWorkers(let query): "/gigs/workers" + Self.queryString(query)
        case .jobFairs(let query): "/job-fairs" + Self.queryString(query)
        case .newJobFair: "/job-fairs/new"
        case .jobFair(let id): "/job-fairs/\(id.uuidString.lowercased())"
        case .editJobFair(let id): "/job-fairs/\(id.uuidString.lowercased())/edit"
        case .cancelJobFair(let id): "/job-fairs/\(id.uuidString.lowercased())/cancel"
        case .archiveOffices(let query): "/archive-offices" + Self.queryString(query)
        case .newArchiveOffice: "/archive-offices/new"
        case .archiveOffice(let id): "/archive-offices/\(id.uuidString.lowercased())"
        case .editArchiveOffice(let id): "/archive-offices/\(id.uuidString.lowercased())/edit"
        case .employmentCard(let citizen): "/registrations/card/\(citizen.uuidString.lowercased())"
        case .endEmploymentRegistration(let id): "/registrations/\(id.uuidString.lowercased())/end"
        }
    }

    static func queryString(_ items: [(String, String)]) -> String {
        let kept = items.filter { !$0.1.isEmpty }
        guard !kept.isEmpty else { return "" }
        var components = URLComponents()
        components.queryItems = kept.map { URLQueryItem(name: $0.0, value: $0.1) }
        return "?" + (components.percentEncodedQuery ?? "")
    }
}
