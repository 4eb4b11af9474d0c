namespace Marketplace.Web.Tests.Security;

/// <summary>Who may use a route: everyone, any signed-in account, or accounts of the given roles.</summary>
public sealed record Access(string Name, Role[] Roles)
{
    public static readonly Access Public = new("public", [Role.Anonymous, Role.Staff, Role.Expert, Role.Vendor, Role.Office]);
    public static readonly Access SignedIn = new("signed-in", [Role.Staff, Role.Expert, Role.Vendor, Role.Office]);
    public static readonly Access Staff = new("staff", [Role.Staff]);
    public static readonly Access Office = new("national office", [Role.Office]);
    public static readonly Access Expert = new("expert", [Role.Expert]);
    public static readonly Access Vendor = new("vendor", [Role.Vendor]);
    public static readonly Access ExpertOrVendor = new("expert or vendor", [Role.Expert, Role.Vendor]);
    public static readonly Access StaffOrOffice = new("staff or national office", [Role.Staff, Role.Office]);

    public bool Allows(Party p) => Roles.Contains(AttackWorld.RoleOf(p));
}

/// <summary>
/// Route values to try: <see cref="Owners"/> null means anyone the access allows; otherwise only those parties (an
/// empty list: nobody, for ids that do not exist or do not belong together).
/// </summary>
public sealed record Target(string Label, IReadOnlyDictionary<string, string> Values, Party[]? Owners)
{
    public static readonly Target None = new("", new Dictionary<string, string>(), null);
}

/// <summary>
/// The expected access of one route. <see cref="Read"/> is for GET, <see cref="Write"/> for POST. A
/// <see cref="SecretLink"/> route is public but acts only with a secret from a mail (a token, a code): a POST without
/// it must change nothing, whoever sends it. <see cref="NoReadableTarget"/> marks routes no entitled party can open
/// with the seeded data (e.g. a page that only redirects), so the test does not require a 200 from them.
/// </summary>
public sealed record AccessRule(string Pattern, Access Read, Access Write, IReadOnlyList<Target> Targets)
{
    public bool SecretLink { get; init; }
    public bool NoReadableTarget { get; init; }

    public bool MayRead(Party p, Target t) => Read.Allows(p) && (t.Owners is null || t.Owners.Contains(p));
    public bool MayWrite(Party p, Target t) => !SecretLink && Write.Allows(p) && (t.Owners is null || t.Owners.Contains(p));
}

/// <summary>
/// Every route of the app with who may use it, checked by <see cref="RouteRoleTests"/> against the running app's
/// endpoints: a route missing here fails the test until it is classified.
/// </summary>
public static class RouteAccessTable
{
    private static Target T(string label, Party[]? owners, params (string Name, object Value)[] values) =>
        new(label, values.ToDictionary(v => v.Name, v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture)!), owners);

    private static Target Id(string label, int id, params Party[]? owners) => T(label, owners, ("id", id));

    private static Target Missing(params (string Name, object Value)[] values) => T("missing", [], values);

    private static Target MissingId => Missing(("id", AttackWorld.Missing));

    private static AccessRule R(string pattern, Access access, params Target[] targets) =>
        new(pattern, access, access, targets.Length == 0 ? [Target.None] : targets);

    public static IReadOnlyList<AccessRule> Build(AttackWorld w)
    {
        Party[] a = [Party.GovA], b = [Party.GovB];
        Party[]? any = null;
        var openings = new[] { Id("draft of A", w.OpeningDraftA, a), Id("draft of B", w.OpeningDraftB, b), Id("published of A", w.OpeningPubA, a), Id("published of B", w.OpeningPubB, b), MissingId };
        var calls = new[] { Id("draft of A", w.CallDraftA, a), Id("published of A", w.CallPubA, a), Id("published of B", w.CallPubB, b), MissingId };
        var publicOpenings = new[] { Id("published of A", w.OpeningPubA, any), Id("draft of A", w.OpeningDraftA, any), MissingId };
        var publicCalls = new[] { Id("published of A", w.CallPubA, any), Id("draft of A", w.CallDraftA, any), MissingId };
        var publicCases = new[] { Id("published of A", w.CasePubA, any), Id("draft of A", w.CaseDraftA, any), MissingId };
        var cases = new[] { Id("draft of A", w.CaseDraftA, a), Id("draft of B", w.CaseDraftB, b), Id("published of A", w.CasePubA, a), MissingId };
        var vendorCalls = new[] { Id("published of A", w.CallPubA, any), Id("published of B", w.CallPubB, any), Id("draft of A", w.CallDraftA, []), MissingId };
        return
        [
            // Public pages and endpoints.
            R("/", Access.Public),
            R("/openings", Access.Public),
            R("/openings/{id:int}", Access.Public, publicOpenings),
            R("/openings/{id:int}/apply", Access.Expert, publicOpenings),
            R("/openings/{id:int}/attachments/{attachmentId:int}", Access.Public,
                Missing(("id", w.OpeningPubA), ("attachmentId", AttackWorld.Missing)), Missing(("id", w.OpeningDraftA), ("attachmentId", AttackWorld.Missing))) with { NoReadableTarget = true },
            R("/calls", Access.Public),
            R("/calls/{id:int}", Access.Public, publicCalls),
            R("/calls/{id:int}/attachments/{attachmentId:int}", Access.Public,
                T("draft's attachment", any, ("id", w.CallDraftA), ("attachmentId", w.CallAttachmentA)),
                T("attachment under another call", [], ("id", w.CallPubA), ("attachmentId", w.CallAttachmentA))) with { NoReadableTarget = true },
            R("/cases", Access.Public),
            R("/cases/{id:int}", Access.Public, publicCases) with { Write = Access.Staff },
            R("/cases/{id:int}/attachments/{attachmentId:int}", Access.Public,
                T("draft's attachment", any, ("id", w.CaseDraftA), ("attachmentId", w.CaseAttachmentA)),
                T("attachment under another case", [], ("id", w.CasePubA), ("attachmentId", w.CaseAttachmentA))) with { NoReadableTarget = true },
            R("/cases/experts/{id:int}", Access.Public, Id("expert A", w.ProfileA, any), Id("expert B", w.ProfileB, any), MissingId) with { NoReadableTarget = true },
            R("/dispatch-results", Access.Public),
            R("/notices/{id:int}", Access.Public, Id("notice", w.NoticeId, any), MissingId),
            R("/help", Access.Public),
            R("/help/{slug}", Access.Public, T("topic", any, ("slug", Marketplace.Web.Features.Help.HelpTopics.All[0].Slug)), Missing(("slug", "no-such-topic"))),
            R("/error", Access.Public),
            R("/health", Access.Public),
            R("/culture", Access.Public),
            R("/api/openings/", Access.Public),
            R("/api/openings/export.csv", Access.Public),
            R("/api/openings/{id:int}", Access.Public, publicOpenings),
            R("/pay-benchmark", Access.Public),
            R("/api/pay-benchmark/", Access.Public),
            R("/api/pay-benchmark/position", Access.Public),
            R("/api/calls/", Access.Public),
            R("/api/calls/{id:int}", Access.Public, publicCalls),
            R("/api/ocds/calls/{id:int}", Access.Public, publicCalls),
            R("/api/ocds/releases", Access.Public),
            R("/openapi/{documentName}.json", Access.Public, T("v1", any, ("documentName", "v1")), Missing(("documentName", "v9"))),
            R("/scalar/{documentName?}", Access.Public, T("reference", any, ("documentName", "v1"))),
            R("/scalar/favicon.svg", Access.Public),
            R("/scalar/scalar.js", Access.Public),
            R("/scalar/scalar.aspnetcore.js", Access.Public),
            // Static files (wwwroot); a name that is no file answers 404 to everyone.
            R("/{**path:file}", Access.Public, T("file", any, ("path", "favicon.ico")), Missing(("path", "no-such-file.txt"))) with { NoReadableTarget = true },

            // Signing in and out, sign-up, links from mail (act only with the secret in the link).
            R("/account/login", Access.Public),
            R("/account/logout", Access.Public),
            R("/account/register", Access.Public),
            R("/account/register-staff", Access.Public),
            R("/account/forgot-password", Access.Public),
            R("/account/access-denied", Access.Public) with { NoReadableTarget = true },
            R("/account/check-email", Access.Public),
            R("/account/reset-password", Access.Public) with { SecretLink = true, NoReadableTarget = true },
            R("/account/accept-invitation", Access.Public) with { SecretLink = true, NoReadableTarget = true },
            R("/account/confirm-email", Access.Public) with { SecretLink = true, NoReadableTarget = true },
            R("/account/confirm-email-change", Access.Public) with { SecretLink = true, NoReadableTarget = true },
            R("/account/two-factor/sign-in", Access.Public) with { SecretLink = true, NoReadableTarget = true },
            R("/notifications/unsubscribe", Access.Public) with { SecretLink = true, NoReadableTarget = true },
            R("/saved-searches/unsubscribe", Access.Public) with { SecretLink = true, NoReadableTarget = true },

            // Any signed-in account, about itself.
            R("/dashboard", Access.SignedIn),
            R("/account/data", Access.SignedIn),
            R("/account/email", Access.SignedIn),
            R("/account/password", Access.SignedIn),
            R("/account/sessions", Access.SignedIn),
            R("/account/notifications", Access.SignedIn),
            R("/account/two-factor", Access.SignedIn),
            R("/account/two-factor/enable", Access.SignedIn),
            R("/account/two-factor/passkeys/add", Access.SignedIn),
            R("/cases/advice", Access.SignedIn),
            R("/cases/advice/{id:int}", Access.SignedIn, Id("内子町 → 大洲市", w.AdviceA, a), MissingId),

            // Experts.
            R("/profile", Access.Expert),
            R("/profile/edit", Access.Expert),
            R("/applications", Access.Expert),
            R("/applications/{id:int}", Access.Expert, Id("of expert A", w.ApplicationA, Party.ExpertA), Id("of expert B", w.ApplicationB, Party.ExpertB), MissingId),
            R("/recommendations", Access.Expert),
            R("/cases/track-record", Access.Expert),
            R("/dispatch", Access.Expert),
            R("/dispatch/certification", Access.Expert),
            R("/dispatch/proposals/{id:int}", Access.Expert, Id("to expert B", w.DispatchProposalB, Party.ExpertB), MissingId),
            R("/dispatch/assignments/{id:int}", Access.Expert, Id("of expert B", w.DispatchB, Party.ExpertB), MissingId),
            R("/saved-searches", Access.ExpertOrVendor),

            // Vendors.
            R("/vendor", Access.Vendor),
            R("/vendor/staff", Access.Vendor),
            R("/vendor/calls/{id:int}/proposal", Access.Vendor, vendorCalls),
            R("/vendor/calls/{id:int}/questions", Access.Vendor, vendorCalls),
            R("/vendor/calls/{id:int}/result", Access.Vendor, vendorCalls) with { NoReadableTarget = true },
            R("/vendor/calls/{id:int}/proposal/attachments/{attachmentId:int}", Access.Vendor,
                T("vendor A's", [Party.VendorA], ("id", w.CallPubA), ("attachmentId", w.ProposalAttachmentA)),
                T("under another call", [], ("id", w.CallPubB), ("attachmentId", w.ProposalAttachmentA))),

            // Local-government staff, their own government's things.
            // Past results recorded after the fact: staff for their own government, the office for any.
            R("/past-results", Access.StaffOrOffice),
            R("/past-results/calls/new", Access.StaffOrOffice),
            R("/past-results/appointments/new", Access.StaffOrOffice),
            R("/import", Access.StaffOrOffice),
            R("/manage/openings", Access.Staff),
            R("/manage/openings/new", Access.Staff),
            R("/manage/openings/{id:int}", Access.Staff, openings),
            R("/manage/openings/{id:int}/edit", Access.Staff, openings),
            R("/manage/openings/{id:int}/applicants", Access.Staff, openings),
            R("/manage/openings/{id:int}/recommendations", Access.Staff, openings),
            R("/manage/openings/{id:int}/attachments/{attachmentId:int}", Access.Staff,
                Missing(("id", w.OpeningDraftA), ("attachmentId", AttackWorld.Missing)), Missing(("id", w.OpeningDraftB), ("attachmentId", AttackWorld.Missing))) with { NoReadableTarget = true },
            R("/manage/openings/{id:int}/experts/{expertId:int}", Access.Staff,
                T("A's applicant", a, ("id", w.OpeningPubA), ("expertId", w.ProfileA)), T("B's applicant", b, ("id", w.OpeningPubB), ("expertId", w.ProfileB)),
                Missing(("id", w.OpeningPubA), ("expertId", AttackWorld.Missing))),
            R("/manage/applications/{id:int}", Access.Staff, Id("to A", w.ApplicationA, a), Id("to B", w.ApplicationB, b), MissingId),
            R("/manage/calls", Access.Staff),
            R("/manage/calls/new", Access.Staff),
            R("/manage/calls/{id:int}", Access.Staff, calls),
            R("/manage/calls/{id:int}/edit", Access.Staff, calls),
            R("/manage/calls/{id:int}/committee", Access.Staff, calls),
            R("/manage/calls/{id:int}/evaluation", Access.Staff, calls),
            R("/manage/calls/{id:int}/questions", Access.Staff, calls),
            R("/manage/calls/{id:int}/sheet", Access.Staff, calls) with { NoReadableTarget = true },
            R("/manage/calls/{id:int}/proposals", Access.Staff, calls),
            R("/manage/calls/{id:int}/attachments/{attachmentId:int}", Access.Staff,
                T("A's draft's", a, ("id", w.CallDraftA), ("attachmentId", w.CallAttachmentA)), T("under B's call", [], ("id", w.CallPubB), ("attachmentId", w.CallAttachmentA))),
            R("/manage/calls/{id:int}/sheets/{memberId:int}", Access.Staff,
                Missing(("id", w.CallPubA), ("memberId", AttackWorld.Missing)), Missing(("id", w.CallPubB), ("memberId", AttackWorld.Missing))) with { NoReadableTarget = true },
            R("/manage/calls/{id:int}/proposals/{proposalId:int}", Access.Staff,
                T("A's", a, ("id", w.CallPubA), ("proposalId", w.ProposalA)), T("B's", b, ("id", w.CallPubB), ("proposalId", w.ProposalB)),
                T("A's proposal under B's call", [], ("id", w.CallPubB), ("proposalId", w.ProposalA))) with { NoReadableTarget = true },
            R("/manage/calls/{id:int}/proposals/{proposalId:int}/attachments/{attachmentId:int}", Access.Staff,
                T("A's", a, ("id", w.CallPubA), ("proposalId", w.ProposalA), ("attachmentId", w.ProposalAttachmentA)),
                T("under B's call", [], ("id", w.CallPubB), ("proposalId", w.ProposalB), ("attachmentId", w.ProposalAttachmentA))) with { NoReadableTarget = true },
            R("/manage/cases", Access.Staff),
            R("/manage/cases/new", Access.Staff),
            R("/manage/cases/{id:int}", Access.Staff, cases),
            R("/manage/dispatch", Access.Staff),
            R("/manage/dispatch/readiness", Access.Staff),
            R("/manage/dispatch/requests/new", Access.Staff),
            R("/manage/dispatch/requests/{id:int}", Access.Staff, Id("B's", w.RequestB, b), MissingId),
            R("/manage/dispatch/dispatches/{id:int}", Access.Staff, Id("B's", w.DispatchB, b), MissingId),
            R("/manage/dispatch/claims", Access.Staff),
            R("/manage/dispatch/claims/{id:int}", Access.Staff, Id("B's", w.ClaimB, b), MissingId),
            R("/manage/staff/invite", Access.Staff),
            R("/manage/vendor-contracts", Access.Staff),
            R("/manage/audit", Access.Staff),

            // The national office.
            R("/admin/organizations", Access.Office),
            R("/admin/organizations/import", Access.Office),
            R("/admin/staff-requests", Access.Office),
            R("/admin/outbox", Access.Office),
            R("/admin/matching", Access.Office),
            R("/admin/audit", Access.Office),
            R("/admin/two-factor", Access.Office),
            R("/admin/jobs/{**path}", Access.Office, T("dashboard", any, ("path", ""))),
            R("/metrics", Access.Office),
            R("/admin/cases", Access.Office),
            R("/admin/cases/new", Access.Office),
            R("/admin/cases/{id:int}", Access.Office, Id("draft of A", w.CaseDraftA, any), Id("published of A", w.CasePubA, any), MissingId),
            R("/admin/dispatch", Access.Office),
            R("/admin/dispatch/dashboard", Access.Office),
            R("/admin/dispatch/rounds/new", Access.Office),
            R("/admin/dispatch/rounds/{id:int}", Access.Office, Id("round", w.RoundId, any), MissingId),
            R("/admin/dispatch/rounds/{id:int}/edit", Access.Office, Id("round", w.RoundId, any), MissingId),
            R("/admin/dispatch/certifications", Access.Office),
            R("/admin/dispatch/certifications/{id:int}", Access.Office, Id("pending", w.CertificationApplication, any), MissingId),
            R("/admin/dispatch/requests/{id:int}", Access.Office, Id("B's", w.RequestB, any), MissingId),
            R("/admin/dispatch/dispatches/{id:int}", Access.Office, Id("B's", w.DispatchB, any), MissingId),
            R("/admin/dispatch/claims", Access.Office),
            R("/admin/dispatch/claims/{id:int}", Access.Office, Id("B's", w.ClaimB, any), MissingId),
        ];
    }
}
