using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Marketplace.Web.Features.Experts;

/// <summary>
/// Everything the service holds about the signed-in user, as one JSON document: the account, the
/// notification settings, invitations sent to colleagues, and for an expert the profile (career, skills
/// and every other field), the invitations to apply and the applications with their stage history and messages. It only ever reads the data of the user id it is given.
/// </summary>
public sealed class PersonalDataExport(MarketplaceDbContext db, UserManager<AppUser> users, TaxonomyCatalog taxonomy, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // Japanese is written as is (not \uXXXX) so the file is readable in any editor.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>marketplace-data-YYYYMMDD.json, with today's date in Japan.</summary>
    public string FileName() => $"marketplace-data-{DisplayFormatter.TodayInJapan(clock):yyyyMMdd}.json";

    /// <summary>The UTF-8 JSON export of <paramref name="userId"/>, or null if there is no such user.</summary>
    public async Task<byte[]?> ExportAsync(string userId, CancellationToken ct = default)
    {
        var data = await CollectAsync(userId, ct);
        return data is null ? null : JsonSerializer.SerializeToUtf8Bytes(data, Json);
    }

    public async Task<object?> CollectAsync(string userId, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Organization).Include(u => u.VendorCompany)
            .FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return null;
        var roles = await users.GetRolesAsync(user);

        var profile = await db.ExpertProfiles.AsNoTracking().Include(p => p.Skills).Include(p => p.Career)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.UserId == userId, ct);

        var applications = profile is null
            ? []
            : await db.Applications.AsNoTracking()
                .Include(a => a.Opening).ThenInclude(o => o!.Organization)
                .Include(a => a.History).Include(a => a.Messages)
                .AsSplitQuery()
                .Where(a => a.ExpertProfileId == profile.Id)
                .OrderBy(a => a.CreatedAt)
                .ToListAsync(ct);

        var invitations = profile is null
            ? []
            : await db.ExpertInvitations.AsNoTracking().Include(i => i.Opening).ThenInclude(o => o!.Organization)
                .Where(i => i.ExpertProfileId == profile.Id).OrderBy(i => i.CreatedAt).ToListAsync(ct);
        // Colleagues a staff member invited: the addresses they typed, and whether the invitation was used.
        var staffInvitations = await db.StaffInvitations.AsNoTracking().Where(i => i.InvitedByUserId == userId).OrderBy(i => i.CreatedAt).ToListAsync(ct);
        var notificationSettings = await db.NotificationSettings.AsNoTracking().FirstOrDefaultAsync(n => n.UserId == userId, ct);
        var savedSearches = await db.SavedSearches.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.Id).ToListAsync(ct);

        return new
        {
            exportedAt = clock.GetUtcNow().UtcDateTime,
            account = new
            {
                id = user.Id,
                email = user.Email,
                emailConfirmed = user.EmailConfirmed,
                displayName = user.DisplayName,
                phoneNumber = user.PhoneNumber,
                roles,
                status = user.Status,
                createdAt = user.CreatedAt,
                organization = user.Organization is { } org ? new { code = org.Code, name = org.NameJa } : null,
                vendorCompany = user.VendorCompany is { } vc ? new { name = vc.Name, corporateNumber = vc.CorporateNumber } : null,
            },
            profile = profile is null ? null : new
            {
                fullName = profile.FullName,
                phone = profile.Phone,
                homePrefectureCode = profile.HomePrefectureCode,
                career = profile.Career.OrderBy(c => c.From).Select(c => new
                {
                    organization = c.Organization,
                    role = c.Role,
                    from = ProfileYearMonth(c.From),
                    to = c.To is { } to ? ProfileYearMonth(to) : null,
                    current = c.To is null,
                    publicSector = c.PublicSector,
                }),
                skills = profile.Skills.OrderBy(s => s.SkillCode).Select(s => new
                {
                    code = s.SkillCode,
                    label = TaxonomyCatalog.Label(taxonomy.Skills, s.SkillCode),
                    years = s.Years,
                }),
                certifications = profile.Certifications,
                certifiedCio = profile.CertifiedCio,
                yearsExperience = profile.YearsExperience,
                publicSectorYears = profile.PublicSectorYears,
                availableDaysPerWeek = profile.AvailableDaysPerWeek,
                maxOnsiteDaysPerMonth = profile.MaxOnsiteDaysPerMonth,
                desiredPayAmountYen = profile.DesiredPayAmountYen,
                desiredPayUnit = profile.DesiredPayUnit,
                desiredDayRateYen = profile.DesiredDayRateYen,
                acceptedEngagements = profile.AcceptedEngagements,
                sideJob = profile.SideJob,
                vendorAffiliationName = profile.VendorAffiliationName,
                vendorCorporateNumber = profile.VendorCorporateNumber,
                summary = profile.Summary,
                visibility = profile.Visibility,
                updatedAt = profile.UpdatedAt,
            },
            applications = applications.Select(a => new
            {
                id = a.Id,
                opening = OpeningRef(a.OpeningId, a.Opening),
                stage = a.Stage,
                motivation = a.Motivation,
                createdAt = a.CreatedAt,
                updatedAt = a.UpdatedAt,
                stageHistory = a.History.OrderBy(h => h.ChangedAt).ThenBy(h => h.Id).Select(h => new
                {
                    from = h.FromStage,
                    to = h.ToStage,
                    reason = h.Reason,
                    changedAt = h.ChangedAt,
                    byExpert = h.ByExpert,
                }),
                messages = a.Messages.OrderBy(m => m.SentAt).ThenBy(m => m.Id).Select(m => new
                {
                    fromExpert = m.FromExpert,
                    body = m.Body,
                    sentAt = m.SentAt,
                }),
            }),
            invitations = invitations.Select(i => new
            {
                opening = OpeningRef(i.OpeningId, i.Opening),
                message = i.Message,
                createdAt = i.CreatedAt,
            }),
            staffInvitationsSent = staffInvitations.Select(i => new
            {
                email = i.Email,
                createdAt = i.CreatedAt,
                expiresAt = i.ExpiresAt,
                acceptedAt = i.AcceptedAt,
            }),
            // Without a saved row every notification is on and there is no digest (the defaults).
            notificationSettings = new
            {
                disabledKinds = (notificationSettings?.DisabledKinds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                digest = notificationSettings?.Digest ?? DigestFrequency.Off,
                lastDigestAt = notificationSettings?.LastDigestAt,
                updatedAt = notificationSettings?.UpdatedAt,
            },
            savedSearches = savedSearches.Select(s => new
            {
                name = s.Name,
                query = s.Query,
                alerts = s.Frequency,
                createdAt = s.CreatedAt,
                lastAlertAt = s.LastAlertAt,
            }),
        };
    }

    /// <summary>An opening an application or invitation is about, as the export names it (typed as object so the JSON writes its fields).</summary>
    private static object OpeningRef(int id, Opening? opening) => new { id, title = opening?.Title, government = opening?.Organization?.NameJa };

    private static string ProfileYearMonth(DateOnly d) => ExpertProfileService.YearMonthText(d);
}
