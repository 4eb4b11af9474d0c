namespace Marketplace.Web.Features.Security;

/// <summary>Action codes written to the audit log.</summary>
public static class AuditActions
{
    public const string ApplicationRead = "application.read";
    public const string ApplicantsRead = "applicants.read";
    public const string ApplicantsExport = "applicants.export";
    public const string PersonalDataExport = "personal_data.export";
    public const string PaymentRecorded = "payment.record";
    public const string TwoFactorEnabled = "two_factor.enable";
    public const string TwoFactorDisabled = "two_factor.disable";
    public const string TwoFactorReset = "two_factor.reset";
    public const string TwoFactorResetByOffice = "two_factor.office_reset";
    public const string TwoFactorRecoveryCodes = "two_factor.recovery_codes";
    public const string PasskeyAdded = "passkey.add";
    public const string PasskeyRemoved = "passkey.remove";
    public const string ProposalRead = "proposal.read";
    public const string EvaluationSheetRead = "evaluation_sheet.read";
    public const string EvaluationRankingRead = "evaluation_ranking.read";
    public const string RoleChanged = "role.change";
    public const string AuditExport = "audit.export";
    public const string PastResultRecorded = "past_result.record";
    public const string ImportConfirmed = "import.confirm";
    public const string ExpertProfileRead = "expert_profile.read";
    public const string ProposalsRead = "proposals.read";
    public const string ProposalAttachmentRead = "proposal_attachment.read";
    public const string CertificationRead = "certification.read";
    public const string VendorContractAdded = "vendor_contract.add";
    public const string VendorContractRemoved = "vendor_contract.remove";

    public static readonly string[] All =
    [
        ApplicationRead, ApplicantsRead, ApplicantsExport, PersonalDataExport, PaymentRecorded,
        TwoFactorEnabled, TwoFactorDisabled, TwoFactorReset, TwoFactorResetByOffice, TwoFactorRecoveryCodes,
        PasskeyAdded, PasskeyRemoved, ProposalRead, EvaluationSheetRead, EvaluationRankingRead, RoleChanged, AuditExport, PastResultRecorded, ImportConfirmed,
        ExpertProfileRead, ProposalsRead, ProposalAttachmentRead, CertificationRead, VendorContractAdded, VendorContractRemoved,
    ];
}

/// <summary>One page of the audit log, with the names of the accounts that acted.</summary>
public sealed record AuditPage(Paged<AuditEntry> Entries, Dictionary<string, string> ActorNames);

/// <summary>
/// Who read or exported personal data and who recorded a payment. Entries are only ever added (the context refuses
/// changes); <see cref="Add"/> joins the caller's save, so a payment and its entry are written together.
/// </summary>
public sealed class AuditLog(MarketplaceDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public const int PageSize = 50;

    public void Add(string action, string subjectType, object? subjectId, int? organizationId, string? detail = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorUserId = http.HttpContext?.User.UserId(),
            OrganizationId = organizationId,
            Action = action,
            SubjectType = subjectType,
            SubjectId = Convert.ToString(subjectId, CultureInfo.InvariantCulture),
            Detail = detail,
        });

    public async Task WriteAsync(string action, string subjectType, object? subjectId, int? organizationId, string? detail = null, CancellationToken ct = default)
    {
        Add(action, subjectType, subjectId, organizationId, detail);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Entries newest first; a government sees only entries about its own data (<paramref name="organizationId"/>), the office all.</summary>
    public IQueryable<AuditEntry> Query(int? organizationId, string? action)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (organizationId is { } org) q = q.Where(e => e.OrganizationId == org);
        if (!string.IsNullOrEmpty(action) && AuditActions.All.Contains(action)) q = q.Where(e => e.Action == action);
        return q.OrderByDescending(e => e.Id);
    }

    public async Task<AuditPage> PageAsync(int? organizationId, string? action, int page, CancellationToken ct = default)
    {
        var entries = await Query(organizationId, action).ToPagedAsync(page, PageSize, ct);
        return new AuditPage(entries, await NamesAsync(entries.Items, ct));
    }

    /// <summary>The filtered entries as CSV (UTF-8 with BOM), at most 100,000 rows.</summary>
    public async Task<byte[]> CsvAsync(int? organizationId, string? action, CancellationToken ct = default)
    {
        var entries = await Query(organizationId, action).Take(100_000).ToListAsync(ct);
        var names = await NamesAsync(entries, ct);
        var csv = Csv.Text().Header(["at_utc", "actor_id", "actor", "organization_id", "action", "subject_type", "subject_id", "detail"]);
        foreach (var e in entries)
        {
            csv.Row(
            [
                e.At.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), e.ActorUserId, e.ActorUserId is null ? null : names.GetValueOrDefault(e.ActorUserId),
                e.OrganizationId?.ToString(CultureInfo.InvariantCulture), e.Action, e.SubjectType, e.SubjectId, e.Detail,
            ]);
        }
        return Csv.Encode(csv.ToString(), shiftJis: false);
    }

    private Task<Dictionary<string, string>> NamesAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        var ids = entries.Where(e => e.ActorUserId is not null).Select(e => e.ActorUserId!).Distinct().ToList();
        return db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }
}
