using Marketplace.Web.Features.Corrections;

namespace Marketplace.Web.Features.Calls;

public sealed record AttachmentInfo(int Id, string FileName, long SizeBytes);

/// <summary>
/// What staff do to their government's calls for proposals. Every method takes the caller's government and
/// treats another government's call as not found, so no page or crafted request can reach it.
/// </summary>
public sealed class CallService(MarketplaceDbContext db, IStringLocalizer<SharedResource> t, TimeProvider clock, ProposalNotifications notify, TaxonomyCatalog taxonomy,
    PostingCorrections corrections, Quotas.DailyQuotas quotas)
{
    public const int PageSize = 20;
    public const int MaxEligibilityLines = 30;
    public const int LineMax = 500;
    public const long MaxCeilingYen = 100_000_000_000;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<ProposalCall?> FindOwnAsync(int organizationId, int id, CancellationToken ct = default) =>
        db.ProposalCalls.Include(c => c.Roles).Include(c => c.Criteria).Include(c => c.Organization)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == id && c.OrganizationId == organizationId, ct);

    public Task<List<AttachmentInfo>> AttachmentsAsync(int callId, CancellationToken ct = default) =>
        db.CallAttachments.Where(a => a.CallId == callId).OrderBy(a => a.Id)
            .Select(a => new AttachmentInfo(a.Id, a.FileName, a.SizeBytes)).ToListAsync(ct);

    public async Task<Paged<ProposalCall>> ListOwnAsync(int organizationId, CallStatus? status, string? q, int page, CancellationToken ct = default)
    {
        var query = db.ProposalCalls.AsNoTracking().Where(c => c.OrganizationId == organizationId);
        if (status is { } s) query = query.Where(c => c.Status == s);
        foreach (var term in JapaneseText.SearchTerms(q)) query = query.Where(c => c.SearchText.Contains(term));
        var total = await query.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var items = await query.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new Paged<ProposalCall>(items, page, PageSize, total);
    }

    /// <summary>
    /// Published calls for everyone: <paramref name="state"/> "open" (still taking proposals), "closed"
    /// (deadline passed, not yet awarded), "awarded", or anything else for all of them, newest first.
    /// </summary>
    public async Task<Paged<ProposalCall>> SearchPublicAsync(string? q, string? prefecture, string? state, int page, CancellationToken ct = default)
    {
        var now = Now;
        var query = db.ProposalCalls.AsNoTracking().Include(c => c.Organization)
            .Where(c => c.PublishedAt != null && (c.Status == CallStatus.Published || c.Status == CallStatus.Awarded));
        foreach (var term in JapaneseText.SearchTerms(q)) query = query.Where(c => c.SearchText.Contains(term));
        if (!string.IsNullOrEmpty(prefecture)) query = query.Where(c => c.Organization!.PrefectureCode == prefecture);
        query = state switch
        {
            "open" => query.Where(c => c.Status == CallStatus.Published && c.SubmissionDeadline > now),
            "closed" => query.Where(c => c.Status == CallStatus.Published && c.SubmissionDeadline <= now),
            "awarded" => query.Where(c => c.Status == CallStatus.Awarded),
            _ => query,
        };
        var total = await query.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var items = await query.OrderByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new Paged<ProposalCall>(items, page, PageSize, total);
    }

    public async Task<ServiceResult<ProposalCall>> CreateAsync(int organizationId, string userId, CallInput input, CancellationToken ct = default)
    {
        if (await quotas.DraftRefusalAsync(userId, ct) is { } refusal) return ServiceResult<ProposalCall>.Fail(refusal);
        return await db.AddCheckedAsync(await CheckNewAsync(organizationId, userId, input, ct), ct);
    }

    /// <summary>Validates a new draft call by the form's rules and builds it unsaved (what <see cref="CreateAsync"/> saves; a bulk import checks every row with it).</summary>
    public async Task<ServiceResult<ProposalCall>> CheckNewAsync(int organizationId, string userId, CallInput input, CancellationToken ct = default)
    {
        var call = new ProposalCall { OrganizationId = organizationId, CreatedByUserId = userId, CreatedAt = Now };
        var errors = await ApplyAsync(call, input, organizationId, ct);
        return errors.Count > 0 ? ServiceResult<ProposalCall>.Invalid(errors) : ServiceResult<ProposalCall>.Ok(call);
    }

    /// <summary>
    /// Saves the form over a draft, or corrects a call open for proposals (until its submission deadline): then what
    /// changed is logged publicly with the reason staff give (required), and the vendors who asked a question or are
    /// writing a proposal are told, in the same transaction as the save.
    /// </summary>
    public async Task<ServiceResult<ProposalCall>> UpdateAsync(int organizationId, int id, string userId, CallInput input, CancellationToken ct = default)
    {
        var call = await FindOwnAsync(organizationId, id, ct);
        if (call is null) return ServiceResult<ProposalCall>.NotFound;
        if (!IsEditable(call)) return ServiceResult<ProposalCall>.Fail(t["Call_OnlyDraftEditable"]);
        var before = PostingCorrections.SnapshotIf(call.Status == CallStatus.Published, () => ToInput(call));
        db.ExpectConcurrencyToken(call, input.ConcurrencyToken);
        var errors = await ApplyAsync(call, input, organizationId, ct);
        // A call's correction asks for its reason only once the rest of the form is valid.
        return await corrections.SaveEditAsync(errors.Count > 0 ? null : before, () => ToInput(call), input.CorrectionReason, errors,
            (reason, changes) => corrections.CallCorrectedAsync(call, userId, reason, changes, ct), () => db.SaveOrRefuseStaleAsync(t, call, ct));
    }

    public Task<bool> IsPublishedAsync(int organizationId, int id, CancellationToken ct = default) =>
        db.ProposalCalls.AnyAsync(c => c.Id == id && c.OrganizationId == organizationId && c.Status == CallStatus.Published, ct);

    /// <summary>A draft, or a published call whose proposals are not yet due (a correction, 訂正).</summary>
    public bool IsEditable(ProposalCall call) =>
        call.Status == CallStatus.Draft || call.Status == CallStatus.Published && call.SubmissionDeadline > Now;

    public Task<ServiceResult<ProposalCall>> PublishAsync(int organizationId, int id, string? token, CancellationToken ct = default) =>
        TransitionAsync(organizationId, id, token, c =>
        {
            if (c.Status != CallStatus.Draft) return t["Call_PublishOnlyDraft"];
            if (c.SubmissionDeadline <= Now) return t["Call_DeadlinePassedCannotPublish"];
            c.Status = CallStatus.Published;
            c.PublishedAt = Now;
            return null;
        }, ct);

    public Task<ServiceResult<ProposalCall>> CancelAsync(int organizationId, int id, string? token, CancellationToken ct = default) =>
        TransitionAsync(organizationId, id, token, c =>
        {
            if (c.Status is not (CallStatus.Draft or CallStatus.Published)) return t["Call_CancelOnlyOpen"];
            c.Status = CallStatus.Cancelled;
            return null;
        }, ct);

    private async Task<ServiceResult<ProposalCall>> TransitionAsync(int organizationId, int id, string? token, Func<ProposalCall, string?> change, CancellationToken ct) =>
        await db.ChangeStateAsync(t, await FindOwnAsync(organizationId, id, ct), token, change, c => c.UpdatedAt = Now, ct);

    /// <summary>Adds a PDF (実施要領, 仕様書 ...) to a call that is still a draft or open for proposals.</summary>
    public async Task<ServiceResult<AttachmentInfo>> AddAttachmentAsync(int organizationId, int id, IFormFile? file, CancellationToken ct = default)
    {
        var call = await db.ProposalCalls.FirstOrDefaultAsync(c => c.Id == id && c.OrganizationId == organizationId, ct);
        if (call is null) return ServiceResult<AttachmentInfo>.NotFound;
        if (!(call.Status == CallStatus.Draft || call.Status == CallStatus.Published && call.SubmissionDeadline > Now))
        {
            return ServiceResult<AttachmentInfo>.Fail(t["Call_AttachmentsClosed"]);
        }
        var (pdf, errors) = await PdfFiles.AttachAsync<CallAttachment>(file, await db.CallAttachments.CountAsync(a => a.CallId == id, ct), t, Now, ct);
        if (pdf is null) return ServiceResult<AttachmentInfo>.Invalid(errors!);
        pdf.CallId = id;
        db.CallAttachments.Add(pdf);
        call.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);
        return ServiceResult<AttachmentInfo>.Ok(new AttachmentInfo(pdf.Id, pdf.FileName, pdf.SizeBytes));
    }

    /// <summary>Attachments of a draft can be removed; once published, vendors may have relied on them.</summary>
    public async Task<ServiceResult<bool>> RemoveAttachmentAsync(int organizationId, int id, int attachmentId, CancellationToken ct = default)
    {
        var call = await db.ProposalCalls.FirstOrDefaultAsync(c => c.Id == id && c.OrganizationId == organizationId, ct);
        var attachment = call is null ? null : await db.CallAttachments.FirstOrDefaultAsync(a => a.Id == attachmentId && a.CallId == id, ct);
        if (attachment is null) return ServiceResult<bool>.NotFound;
        if (call!.Status != CallStatus.Draft) return ServiceResult<bool>.Fail(t["Call_OnlyDraftEditable"]);
        db.CallAttachments.Remove(attachment);
        await db.SaveChangesAsync(ct);
        return ServiceResult<bool>.Ok(true);
    }

    /// <summary>A call attachment for its own government's staff, whatever the call's state.</summary>
    public Task<CallAttachment?> OwnAttachmentAsync(int organizationId, int id, int attachmentId, CancellationToken ct = default) =>
        db.CallAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.CallId == id
            && db.ProposalCalls.Any(c => c.Id == id && c.OrganizationId == organizationId), ct);

    // Questions

    public Task<List<CallQuestion>> QuestionsAsync(int organizationId, int id, CancellationToken ct = default) =>
        db.CallQuestions.AsNoTracking().Where(q => q.CallId == id && q.Call!.OrganizationId == organizationId)
            .OrderBy(q => q.AskedAt).ThenBy(q => q.Id).ToListAsync(ct);

    /// <summary>Answers (or corrects the answer to) a question; the answer is then public on the call page without the asker.</summary>
    public async Task<ServiceResult<CallQuestion>> AnswerAsync(int organizationId, int id, int questionId, string userId, string? answer, CancellationToken ct = default)
    {
        var question = await db.CallQuestions.Include(q => q.Call)
            .FirstOrDefaultAsync(q => q.Id == questionId && q.CallId == id && q.Call!.OrganizationId == organizationId, ct);
        if (question is null) return ServiceResult<CallQuestion>.NotFound;
        var text = answer?.Trim() ?? "";
        if (text.Length == 0) return ServiceResult<CallQuestion>.Invalid(new Dictionary<string, string> { ["answer"] = t["Val_Required", t["Call_Answer"]] });
        if (text.Length > CallQuestionConfiguration.BodyMax * 2)
        {
            return ServiceResult<CallQuestion>.Invalid(new Dictionary<string, string> { ["answer"] = t["Val_TooLong", t["Call_Answer"], CallQuestionConfiguration.BodyMax * 2, text.Length] });
        }
        if (question.Call!.Status is not CallStatus.Published) return ServiceResult<CallQuestion>.Fail(t["Call_NotOpen"]);
        question.Answer = text;
        question.AnsweredAt = Now;
        question.AnsweredByUserId = userId;
        await notify.AnswerPublishedAsync(question.Call, ct);
        await db.SaveChangesAsync(ct);
        return ServiceResult<CallQuestion>.Ok(question);
    }

    /// <summary>Validates the whole input and copies it onto the call only if nothing is wrong.</summary>
    private async Task<Dictionary<string, string>> ApplyAsync(ProposalCall c, CallInput input, int organizationId, CancellationToken ct)
    {
        var e = new Dictionary<string, string>();
        void Err(string field, string key, params object[] args) => e.TryAdd(field, t[key, args]);
        var numbers = new NumberFields(t, e);

        var title = numbers.Text(nameof(input.Title), input.Title, "Call_Field_Title", ProposalCallConfiguration.TitleMax, true);
        var purpose = numbers.Text(nameof(input.Purpose), input.Purpose, "Call_Field_Purpose", ProposalCallConfiguration.TextMax, true);
        var scope = numbers.Text(nameof(input.Scope), input.Scope, "Call_Field_Scope", ProposalCallConfiguration.TextMax, true);
        var onsiteNotes = numbers.Text(nameof(input.OnsiteNotes), input.OnsiteNotes, "Call_Field_OnsiteNotes", ProposalCallConfiguration.NotesMax, false);
        var department = numbers.Text(nameof(input.Department), input.Department, "Field_Department", OpeningConfiguration.DepartmentMax, false);
        var servesDetail = numbers.Text(nameof(input.ServesDetail), input.ServesDetail, "Field_ServesDetail", OpeningConfiguration.DepartmentMax, false);
        var servesCode = string.IsNullOrWhiteSpace(input.ServesCode) ? null : input.ServesCode;
        if (servesCode is not null && !TaxonomyCatalog.Contains(taxonomy.Serves, servesCode)) Err(nameof(input.ServesCode), "Val_Choose", t["Field_Serves"]);
        if (!Enum.TryParse<ExpensePolicy>(input.TravelExpenses ?? nameof(ExpensePolicy.NotStated), out var travel) || !Enum.IsDefined(travel)) Err(nameof(input.TravelExpenses), "Val_Choose", t["Field_TravelExpenses"]);

        var eligibility = (input.Eligibility ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (eligibility.Count > MaxEligibilityLines) Err(nameof(input.Eligibility), "Val_TooManyLines", t["Call_Field_Eligibility"], MaxEligibilityLines);
        else if (eligibility.Any(l => l.Length > LineMax)) Err(nameof(input.Eligibility), "Val_LineTooLong", t["Call_Field_Eligibility"], LineMax);

        var start = Date(nameof(input.ContractStart), input.ContractStart, "Call_Field_ContractStart", true);
        var end = Date(nameof(input.ContractEnd), input.ContractEnd, "Call_Field_ContractEnd", true);
        if (start is { } s0 && end is { } e0 && e0 <= s0) Err(nameof(input.ContractEnd), "Call_Val_EndBeforeStart");

        long ceiling = 0;
        if (string.IsNullOrWhiteSpace(input.Ceiling)) Err(nameof(input.Ceiling), "Val_Required", t["Call_Field_Ceiling"]);
        else if (!JapaneseText.TryParseYen(input.Ceiling, out ceiling)) Err(nameof(input.Ceiling), "Val_Yen", t["Call_Field_Ceiling"]);
        else if (ceiling <= 0 || ceiling > MaxCeilingYen) Err(nameof(input.Ceiling), "Call_Val_CeilingRange", Yen(MaxCeilingYen));

        var onsite = numbers.Dec(nameof(input.OnsiteDaysPerWeek), input.OnsiteDaysPerWeek, "Call_Field_OnsiteDaysPerWeek", 0, 5, required: true) ?? 0;

        var questionDeadline = Deadline(nameof(input.QuestionDeadline), input.QuestionDeadline, "Call_Field_QuestionDeadline");
        var submissionDeadline = Deadline(nameof(input.SubmissionDeadline), input.SubmissionDeadline, "Call_Field_SubmissionDeadline");
        if (submissionDeadline is { } sd && sd <= Now) Err(nameof(input.SubmissionDeadline), "Call_Val_DeadlinePast");
        if (questionDeadline is { } qd && submissionDeadline is { } sd2 && qd > sd2) Err(nameof(input.QuestionDeadline), "Call_Val_QuestionAfterSubmission");
        var submissionDay = submissionDeadline is { } sd3 ? DateOnly.FromDateTime(DisplayFormatter.ToJst(sd3)) : (DateOnly?)null;
        if (start is { } s1 && submissionDay is { } day && s1 <= day) Err(nameof(input.ContractStart), "Call_Val_StartBeforeDeadline");
        var presentation = Date(nameof(input.PresentationDate), input.PresentationDate, "Call_Field_PresentationDate", false);
        if (presentation is { } p && submissionDay is { } day2 && p < day2) Err(nameof(input.PresentationDate), "Call_Val_PresentationBeforeDeadline");
        var result = Date(nameof(input.ResultDate), input.ResultDate, "Call_Field_ResultDate", false);
        if (result is { } r && (presentation is { } p2 && r < p2 || submissionDay is { } day3 && r < day3)) Err(nameof(input.ResultDate), "Call_Val_ResultTooEarly");

        var scale = numbers.Int(nameof(input.ScoreScale), input.ScoreScale, "Call_Field_ScoreScale", 1, 100, required: true) ?? 5;
        var priceWeight = numbers.Int(nameof(input.PriceWeight), input.PriceWeight, "Call_Field_PriceWeight", 0, 1000, required: true) ?? 0;
        if (!Enum.TryParse<PriceFormula>(input.PriceFormula, out var formula) || !Enum.IsDefined(formula)) Err(nameof(input.PriceFormula), "Val_Choose", t["Call_Field_PriceFormula"]);

        var roles = new List<CallRole>();
        for (var i = 0; i < input.Roles.Count; i++)
        {
            var row = input.Roles[i];
            var name = row.Name?.Trim() ?? "";
            if (name.Length == 0) continue;
            if (name.Length > 100) Err($"Roles[{i}].Name", "Val_TooLong", t["Call_Field_RoleName"], 100, name.Length);
            else if (roles.Any(x => x.Name == name)) Err($"Roles[{i}].Name", "Call_Val_RoleDuplicate", name);
            roles.Add(new CallRole { Name = name, MustBeOwnEmployee = row.MustBeOwnEmployee, MayCombine = row.MayCombine, SortOrder = roles.Count });
        }
        if (roles.Count == 0) Err("Roles[0].Name", "Call_Val_RoleRequired");

        var criteria = new List<EvaluationCriterion>();
        for (var i = 0; i < input.Criteria.Count; i++)
        {
            var row = input.Criteria[i];
            var name = row.Name?.Trim() ?? "";
            var description = row.Description?.Trim() ?? "";
            if (name.Length == 0 && description.Length == 0 && string.IsNullOrWhiteSpace(row.Weight)) continue;
            if (name.Length == 0) Err($"Criteria[{i}].Name", "Val_Required", t["Call_Field_CriterionName"]);
            else if (name.Length > 200) Err($"Criteria[{i}].Name", "Val_TooLong", t["Call_Field_CriterionName"], 200, name.Length);
            if (description.Length > 1_000) Err($"Criteria[{i}].Description", "Val_TooLong", t["Call_Field_CriterionDescription"], 1_000, description.Length);
            var weight = numbers.Int($"Criteria[{i}].Weight", row.Weight, "Call_Field_CriterionWeight", 1, 1000, required: true) ?? 0;
            criteria.Add(new EvaluationCriterion { Name = name, Description = description, Weight = weight, SortOrder = criteria.Count });
        }
        if (criteria.Count == 0) Err("Criteria[0].Name", "Call_Val_CriterionRequired");

        if (e.Count > 0) return e;

        c.Title = title;
        c.Purpose = purpose;
        c.Scope = scope;
        c.Department = department.Length == 0 ? null : department;
        c.ServesCode = servesCode;
        c.ServesDetail = servesDetail.Length == 0 ? null : servesDetail;
        c.TravelExpenses = travel;
        c.ContractStart = start!.Value;
        c.ContractEnd = end!.Value;
        c.CeilingYen = ceiling;
        c.CeilingTaxIncluded = input.CeilingTaxIncluded;
        c.OnsiteDaysPerWeek = onsite;
        c.OnsiteNotes = onsiteNotes;
        c.Eligibility = eligibility;
        c.QuestionDeadline = questionDeadline!.Value;
        c.SubmissionDeadline = submissionDeadline!.Value;
        c.PresentationDate = presentation;
        c.ResultDate = result;
        c.ScoreScale = scale;
        c.PriceWeight = priceWeight;
        c.PriceFormula = formula;
        c.UpdatedAt = Now;
        if (c.Status == CallStatus.Draft)
        {
            // Rows are replaced as a whole: a draft has no proposals or scores that could refer to them.
            db.CallRoles.RemoveRange(c.Roles);
            db.EvaluationCriteria.RemoveRange(c.Criteria);
            c.Roles = roles;
            c.Criteria = criteria;
        }
        else
        {
            // A published call is corrected row by row, so the proposals already naming people for a role keep it.
            var removedRoles = c.Roles.OrderBy(r => r.SortOrder).Skip(roles.Count).Select(r => r.Id).ToList();
            if (removedRoles.Count > 0 && await db.Set<ProposalStaffing>().AnyAsync(s => removedRoles.Contains(s.CallRoleId), ct))
            {
                e["Roles[0].Name"] = t["Call_Val_RoleInUse"];
                return e;
            }
            Reconcile(c.Roles, roles, (row, from) => { row.Name = from.Name; row.MustBeOwnEmployee = from.MustBeOwnEmployee; row.MayCombine = from.MayCombine; row.SortOrder = from.SortOrder; }, r => r.SortOrder);
            Reconcile(c.Criteria, criteria, (row, from) => { row.Name = from.Name; row.Description = from.Description; row.Weight = from.Weight; row.SortOrder = from.SortOrder; }, r => r.SortOrder);
            // Every submitted price restated on the ceiling's (possibly corrected) tax basis, which scoring and the award
            // read: correcting 税込 to 税抜 left each proposal's converted price as it was (helper review, stop 32).
            foreach (var proposal in await db.Proposals.Where(p => p.CallId == c.Id).ToListAsync(ct))
            {
                var onBasis = ConsumptionTax.OnBasis(proposal.PriceYen, proposal.PriceTaxIncluded, c.CeilingTaxIncluded);
                if (proposal.PriceOnCallBasisYen != onBasis) proposal.PriceOnCallBasisYen = onBasis;
            }
        }
        var orgNames = await db.Organizations.Where(x => x.Id == organizationId).Select(x => x.NameJa + " " + x.NameEn + " " + x.Prefecture!.NameJa).FirstOrDefaultAsync(ct);
        c.SearchText = JapaneseText.Normalize(string.Join('\n', title, orgNames, purpose, scope));
        return e;

        DateOnly? Date(string field, string? text, string label, bool required)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                if (required) Err(field, "Val_Required", t[label]);
                return null;
            }
            if (OpeningService.TryParseDate(text, out var d)) return d;
            Err(field, "Val_Date", t[label]);
            return null;
        }

        DateTime? Deadline(string field, string? text, string label)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                Err(field, "Val_Required", t[label]);
                return null;
            }
            if (JapanTime.TryParse(text, out var utc)) return utc;
            Err(field, "Call_Val_DateTime", t[label]);
            return null;
        }
    }

    /// <summary>Updates rows in place by position, adds the new ones at the end and removes the surplus.</summary>
    private void Reconcile<TRow>(List<TRow> existing, List<TRow> wanted, Action<TRow, TRow> copy, Func<TRow, int> order) where TRow : class
    {
        var current = existing.OrderBy(order).ToList();
        for (var i = 0; i < wanted.Count; i++)
        {
            if (i < current.Count) copy(current[i], wanted[i]);
            else existing.Add(wanted[i]);
        }
        foreach (var surplus in current.Skip(wanted.Count))
        {
            existing.Remove(surplus);
            db.Remove(surplus);
        }
    }

    private static string Yen(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    public string TokenOf(ProposalCall c) => db.ConcurrencyTokenOf(c);

    public CallInput ToInput(ProposalCall c)
    {
        var input = new CallInput
        {
            Title = c.Title,
            Purpose = c.Purpose,
            Scope = c.Scope,
            Department = c.Department,
            ServesCode = c.ServesCode,
            ServesDetail = c.ServesDetail,
            TravelExpenses = c.TravelExpenses.ToString(),
            ContractStart = c.ContractStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ContractEnd = c.ContractEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Ceiling = c.CeilingYen.ToString(CultureInfo.InvariantCulture),
            CeilingTaxIncluded = c.CeilingTaxIncluded,
            OnsiteDaysPerWeek = c.OnsiteDaysPerWeek.ToString(CultureInfo.InvariantCulture),
            OnsiteNotes = c.OnsiteNotes,
            Eligibility = string.Join('\n', c.Eligibility),
            QuestionDeadline = JapanTime.ToInput(c.QuestionDeadline),
            SubmissionDeadline = JapanTime.ToInput(c.SubmissionDeadline),
            PresentationDate = c.PresentationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ResultDate = c.ResultDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ScoreScale = c.ScoreScale.ToString(CultureInfo.InvariantCulture),
            PriceWeight = c.PriceWeight.ToString(CultureInfo.InvariantCulture),
            PriceFormula = c.PriceFormula.ToString(),
            Roles = c.Roles.OrderBy(r => r.SortOrder).Select(r => new RoleInput { Name = r.Name, MustBeOwnEmployee = r.MustBeOwnEmployee, MayCombine = r.MayCombine }).ToList(),
            Criteria = c.Criteria.OrderBy(r => r.SortOrder).Select(r => new CriterionInput { Name = r.Name, Description = r.Description, Weight = r.Weight.ToString(CultureInfo.InvariantCulture) }).ToList(),
            ConcurrencyToken = db.ConcurrencyTokenOf(c),
        };
        return input;
    }
}
