namespace Marketplace.Web.Features.Calls;

public sealed class CompanyInput
{
    public string? Name { get; set; }
    public string? Address { get; set; }
    public string? RepresentativeName { get; set; }
}

public sealed class StaffMemberInput
{
    public string? FullName { get; set; }
    public bool IsEmployee { get; set; }
    public string? Qualifications { get; set; }
    /// <summary>The e-mail of the person's expert account, to link the profile (optional).</summary>
    public string? ExpertEmail { get; set; }
}

/// <summary>
/// A vendor representative's own company, the staff it may name, and its questions. Every method takes the
/// signed-in user's id; the company is looked up from it, so no request can act for another company.
/// </summary>
public sealed class VendorService(MarketplaceDbContext db, IStringLocalizer<SharedResource> t, TimeProvider clock, ProposalNotifications notify, Quotas.DailyQuotas quotas)
{
    public const int MaxStaff = 100;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<int?> CompanyIdAsync(string userId, CancellationToken ct = default) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.VendorCompanyId).FirstOrDefaultAsync(ct);

    public async Task<VendorCompany?> CompanyAsync(string userId, CancellationToken ct = default) =>
        await CompanyIdAsync(userId, ct) is { } id ? await db.VendorCompanies.FirstOrDefaultAsync(c => c.Id == id, ct) : null;

    public async Task<ServiceResult<VendorCompany>> UpdateCompanyAsync(string userId, CompanyInput input, CancellationToken ct = default)
    {
        var company = await CompanyAsync(userId, ct);
        if (company is null) return ServiceResult<VendorCompany>.NotFound;
        var e = new Dictionary<string, string>();
        var name = input.Name?.Trim() ?? "";
        var address = input.Address?.Trim() ?? "";
        var representative = input.RepresentativeName?.Trim() ?? "";
        if (name.Length == 0) e[nameof(input.Name)] = t["Val_Required", t["Field_CompanyName"]];
        else if (name.Length > 200) e[nameof(input.Name)] = t["Val_TooLong", t["Field_CompanyName"], 200, name.Length];
        if (address.Length > 300) e[nameof(input.Address)] = t["Val_TooLong", t["Proposal_Field_Address"], 300, address.Length];
        if (representative.Length > 100) e[nameof(input.RepresentativeName)] = t["Val_TooLong", t["Proposal_Field_Representative"], 100, representative.Length];
        if (e.Count > 0) return ServiceResult<VendorCompany>.Invalid(e);
        company.Name = name;
        company.Address = address;
        company.RepresentativeName = representative;
        await db.SaveChangesAsync(ct);
        return ServiceResult<VendorCompany>.Ok(company);
    }

    public Task<List<VendorStaffMember>> StaffAsync(int companyId, CancellationToken ct = default) =>
        db.VendorStaffMembers.AsNoTracking().Include(m => m.ExpertProfile)
            .Where(m => m.VendorCompanyId == companyId).OrderBy(m => m.Id).ToListAsync(ct);

    /// <summary>
    /// Adds a person the company may name. Linking an expert profile needs the expert's consent, which the
    /// expert gives by naming this company's 法人番号 as their affiliation in their own profile.
    /// </summary>
    public async Task<ServiceResult<VendorStaffMember>> AddStaffAsync(string userId, StaffMemberInput input, CancellationToken ct = default)
    {
        var company = await CompanyAsync(userId, ct);
        if (company is null) return ServiceResult<VendorStaffMember>.NotFound;
        var e = new Dictionary<string, string>();
        var name = input.FullName?.Trim() ?? "";
        var qualifications = input.Qualifications?.Trim() ?? "";
        if (name.Length == 0) e[nameof(input.FullName)] = t["Val_Required", t["Proposal_Field_PersonName"]];
        else if (name.Length > 100) e[nameof(input.FullName)] = t["Val_TooLong", t["Proposal_Field_PersonName"], 100, name.Length];
        if (qualifications.Length > 1_000) e[nameof(input.Qualifications)] = t["Val_TooLong", t["Proposal_Field_Qualifications"], 1_000, qualifications.Length];
        int? profileId = null;
        var email = input.ExpertEmail?.Trim() ?? "";
        if (email.Length > 0)
        {
            var normalized = email.ToUpperInvariant();
            var profile = await db.ExpertProfiles.Where(p => p.User!.NormalizedEmail == normalized)
                .Select(p => new { p.Id, p.VendorCorporateNumber }).FirstOrDefaultAsync(ct);
            // The same message whether no such expert exists or the expert has not named this company, so the form cannot probe accounts.
            if (profile is null || profile.VendorCorporateNumber != company.CorporateNumber) e[nameof(input.ExpertEmail)] = t["Proposal_Val_ExpertNotAffiliated", company.CorporateNumber];
            else if (await db.VendorStaffMembers.AnyAsync(m => m.VendorCompanyId == company.Id && m.ExpertProfileId == profile.Id, ct)) e[nameof(input.ExpertEmail)] = t["Proposal_Val_ExpertAlreadyLinked"];
            else profileId = profile.Id;
        }
        if (await db.VendorStaffMembers.CountAsync(m => m.VendorCompanyId == company.Id, ct) >= MaxStaff) e[""] = t["Proposal_Val_TooManyStaff", MaxStaff];
        if (e.Count > 0) return ServiceResult<VendorStaffMember>.Invalid(e);
        var member = new VendorStaffMember
        {
            VendorCompanyId = company.Id, FullName = name, IsEmployee = input.IsEmployee, Qualifications = qualifications,
            ExpertProfileId = profileId, CreatedAt = Now,
        };
        db.VendorStaffMembers.Add(member);
        await db.SaveChangesAsync(ct);
        return ServiceResult<VendorStaffMember>.Ok(member);
    }

    /// <summary>A person named in any proposal stays, so that submitted proposals keep their people.</summary>
    public async Task<ServiceResult<bool>> RemoveStaffAsync(string userId, int memberId, CancellationToken ct = default)
    {
        var companyId = await CompanyIdAsync(userId, ct);
        var member = await db.VendorStaffMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.VendorCompanyId == companyId, ct);
        if (member is null) return ServiceResult<bool>.NotFound;
        if (await db.ProposalStaffing.AnyAsync(s => s.VendorStaffMemberId == memberId, ct)) return ServiceResult<bool>.Fail(t["Proposal_Val_StaffInUse", member.FullName]);
        db.VendorStaffMembers.Remove(member);
        await db.SaveChangesAsync(ct);
        return ServiceResult<bool>.Ok(true);
    }

    public Task<List<CallQuestion>> OwnQuestionsAsync(int companyId, int callId, CancellationToken ct = default) =>
        db.CallQuestions.AsNoTracking().Where(q => q.CallId == callId && q.VendorCompanyId == companyId)
            .OrderBy(q => q.AskedAt).ToListAsync(ct);

    /// <summary>A question to a published call, until its question deadline.</summary>
    public async Task<ServiceResult<CallQuestion>> AskAsync(string userId, int callId, string? body, CancellationToken ct = default)
    {
        var companyId = await CompanyIdAsync(userId, ct);
        var call = await db.ProposalCalls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId && c.Status == CallStatus.Published, ct);
        if (companyId is null || call is null) return ServiceResult<CallQuestion>.NotFound;
        if (Now > call.QuestionDeadline) return ServiceResult<CallQuestion>.Fail(t["Call_QuestionsClosed"]);
        var text = body?.Trim() ?? "";
        if (text.Length == 0) return ServiceResult<CallQuestion>.Invalid(new Dictionary<string, string> { ["body"] = t["Val_Required", t["Call_Question"]] });
        if (text.Length > CallQuestionConfiguration.BodyMax) return ServiceResult<CallQuestion>.Invalid(new Dictionary<string, string> { ["body"] = t["Val_TooLong", t["Call_Question"], CallQuestionConfiguration.BodyMax, text.Length] });
        if (await quotas.QuestionRefusalAsync(userId, ct) is { } refusal) return ServiceResult<CallQuestion>.Fail(refusal);
        var question = new CallQuestion { CallId = callId, VendorCompanyId = companyId.Value, AskedByUserId = userId, Body = text, AskedAt = Now };
        db.CallQuestions.Add(question);
        await notify.QuestionAskedAsync(call, ct);
        await db.SaveChangesAsync(ct);
        return ServiceResult<CallQuestion>.Ok(question);
    }

    /// <summary>Calls the company has asked about or proposed to, newest first.</summary>
    public async Task<List<(ProposalCall Call, Proposal? Proposal)>> MyCallsAsync(int companyId, CancellationToken ct = default)
    {
        var proposals = await db.Proposals.AsNoTracking().Include(p => p.Call).ThenInclude(c => c!.Organization)
            .Where(p => p.VendorCompanyId == companyId).ToListAsync(ct);
        var asked = await db.CallQuestions.AsNoTracking().Where(q => q.VendorCompanyId == companyId).Select(q => q.CallId).Distinct().ToListAsync(ct);
        var others = await db.ProposalCalls.AsNoTracking().Include(c => c.Organization)
            .Where(c => asked.Contains(c.Id) && !proposals.Select(p => p.CallId).Contains(c.Id)).ToListAsync(ct);
        return proposals.Select(p => (p.Call!, (Proposal?)p)).Concat(others.Select(c => (c, (Proposal?)null)))
            .OrderByDescending(x => x.Item1.SubmissionDeadline).ToList();
    }
}
