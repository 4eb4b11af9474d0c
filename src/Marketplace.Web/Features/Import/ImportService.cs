using Marketplace.Web.Features.PastResults;
using Marketplace.Web.Features.Quotas;

namespace Marketplace.Web.Features.Import;

/// <summary>What one valid row will create, as the preview shows it: the amounts and day rate as understood, and what to look at.</summary>
public sealed record ImportPreviewRow(int Line, string Title, string Organization, string DayRate, IReadOnlyList<string> Understood, IReadOnlyList<string> Warnings);

/// <summary>A checked file: every problem at its place, or (when there is none) the rows and the unsaved records they make.</summary>
public sealed record ImportCheck(ImportKind Kind, string FileName, string EncodingName, List<ImportProblem> Problems, List<ImportPreviewRow> Rows, List<object> Records)
{
    public bool CanSave => Problems.Count == 0 && Records.Count > 0;
}

public sealed record ImportSaved(int Count, List<(string Title, string Url)> Created);

/// <summary>
/// Bulk import of openings, calls and past results (事後登録) from CSV (UTF-8 or Shift_JIS) or JSON. Every row is checked
/// by the service behind the matching form, with the form's messages, so an import can never save what the form refuses.
/// Staff import for their own government only (a row naming another is an error at its cell); the national office for
/// any government it names by 団体コード. Nothing is saved unless every row is valid, and then all rows in one transaction.
/// Openings and calls become drafts to review and publish; past results are recorded as the forms record them.
/// </summary>
public sealed class ImportService(MarketplaceDbContext db, ImportReader reader, OpeningService openings, CallService calls, PastResultService past,
    OpeningDisplay openingDisplay, CallDisplay callDisplay, AuditLog audit, DailyQuotas quotas, IStringLocalizer<SharedResource> t)
{
    public const int MaxRows = 2_000;
    public const int MaxFileMegabytes = 2;
    public const long MaxFileBytes = MaxFileMegabytes * 1024L * 1024L;

    /// <summary>Reads and checks a file; nothing is saved. <paramref name="staffOrganizationId"/> is null for the national office.</summary>
    public async Task<ImportCheck> CheckAsync(int? staffOrganizationId, string userId, ImportKind kind, string fileName, byte[] bytes, ImportEncoding encoding, CancellationToken ct = default)
    {
        var table = reader.Read(kind, fileName, bytes, encoding);
        var check = new ImportCheck(kind, fileName, table.EncodingName, [.. table.Problems], [], []);
        if (table.Rows.Count == 0)
        {
            if (check.Problems.Count == 0) check.Problems.Add(new ImportProblem(1, 1, "", t["Import_Empty"]));
            return check;
        }
        if (table.Rows.Count > MaxRows)
        {
            check.Problems.Add(new ImportProblem(table.Rows[MaxRows].Line, 1, "", t["Import_TooManyRows", MaxRows]));
            return check;
        }
        if (await quotas.ImportRefusalAsync(userId, table.Rows.Count, ct) is { } refusal)
        {
            check.Problems.Add(new ImportProblem(table.Rows[0].Line, 1, "", refusal));
            return check;
        }

        var own = staffOrganizationId is { } id ? await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == id, ct) : null;
        var organizations = new Dictionary<string, Organization?>();
        var firstLine = new Dictionary<(int, string, DateOnly?), int>();
        var keys = new List<(ImportRow Row, int OrganizationId, string Title, DateOnly? Date)>();
        foreach (var row in table.Rows)
        {
            var input = ImportFormat.NewInput(kind);
            foreach (var (name, cell) in row.Cells)
            {
                var column = ImportFormat.Find(kind, name)!;
                if (column.Type == CellType.Bool && ImportFormat.ParseBool(cell.Value) is null)
                {
                    check.Problems.Add(new ImportProblem(cell.Line, cell.Column, name, t["Import_Val_Bool", cell.Value.Trim()]));
                }
                else if (cell.Value.Trim().Length > 0) column.Set(input, cell.Value);
            }
            var org = await OrganizationAsync(own, row, organizations, check.Problems, ct);
            if (org is null) continue;

            var (record, errors, understood) = await CheckRowAsync(kind, org, userId, input, ct);
            foreach (var (field, message) in errors)
            {
                var (line, column) = field.Length == 0 ? (row.Line, row.Column) : row.PlaceOf(field);
                check.Problems.Add(new ImportProblem(line, column, field, message));
            }
            if (record is null) continue;

            var (title, date) = record switch
            {
                Opening o => (o.Title, o.RecordedAfterTheFact ? o.FilledOn : o.ApplicationDeadline),
                ProposalCall c => (c.Title, c.RecordedAfterTheFact ? c.ResultDate : c.ContractStart),
                _ => ("", (DateOnly?)null),
            };
            if (firstLine.TryGetValue((org.Id, title, date), out var first))
            {
                var (line, column) = row.PlaceOf("Title");
                check.Problems.Add(new ImportProblem(line, column, "Title", t["Import_Val_DuplicateRow", first]));
                continue;
            }
            firstLine[(org.Id, title, date)] = row.Line;
            keys.Add((row, org.Id, title, date));
            check.Records.Add(record);
            check.Rows.Add(Preview(row.Line, record, org, understood));
        }
        await DuplicatesInDatabaseAsync(kind, keys, check.Problems, ct);
        check.Problems.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        if (check.Problems.Count > 0)
        {
            check.Rows.Clear();
            check.Records.Clear();
        }
        return check;
    }

    /// <summary>
    /// Saves every record of a checked file in one transaction with its audit entries: a failure anywhere (a duplicate the
    /// database refuses, a crash) rolls everything back.
    /// </summary>
    public async Task<ImportSaved> SaveAsync(ImportCheck check, string userId, CancellationToken ct = default)
    {
        if (!check.CanSave) throw new InvalidOperationException("Only a file without problems can be saved.");
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                foreach (var record in check.Records)
                {
                    switch (record)
                    {
                        case Opening o when o.RecordedAfterTheFact: past.AddAppointment(o, userId); break;
                        case Opening o: db.Openings.Add(o); break;
                        case ProposalCall c when c.RecordedAfterTheFact: past.AddCall(c, userId); break;
                        case ProposalCall c: db.ProposalCalls.Add(c); break;
                    }
                }
                await db.SaveChangesAsync(ct);

                var created = new List<(string Title, string Url, int OrganizationId)>();
                foreach (var record in check.Records)
                {
                    var (subject, id, orgId, title, url, detail) = record switch
                    {
                        Opening o => ("opening", o.Id, o.OrganizationId, o.Title, o.RecordedAfterTheFact ? $"/openings/{o.Id}" : $"/manage/openings/{o.Id}", PastResultService.AuditDetail(o)),
                        ProposalCall c => ("call", c.Id, c.OrganizationId, c.Title, c.RecordedAfterTheFact ? $"/calls/{c.Id}" : $"/manage/calls/{c.Id}", PastResultService.AuditDetail(c)),
                        _ => throw new InvalidOperationException(),
                    };
                    if (check.Kind is ImportKind.PastCalls or ImportKind.PastAppointments) audit.Add(AuditActions.PastResultRecorded, subject, id, orgId, detail);
                    created.Add((title, url, orgId));
                }
                foreach (var group in created.GroupBy(c => c.OrganizationId))
                {
                    var detail = $"{check.Kind} / {check.FileName} / {check.EncodingName} / {group.Count()}";
                    audit.Add(AuditActions.ImportConfirmed, "import", null, group.Key, detail.Length > 500 ? detail[..500] : detail);
                }
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return new ImportSaved(created.Count, [.. created.Select(c => (c.Title, c.Url))]);
            });
        }
        catch
        {
            // Nothing of the file stays tracked to be saved by a later call on this context.
            db.ChangeTracker.Clear();
            throw;
        }
    }

    private async Task<(object? Record, IReadOnlyDictionary<string, string> Errors, IReadOnlyDictionary<string, string> Understood)> CheckRowAsync(
        ImportKind kind, Organization org, string userId, object input, CancellationToken ct)
    {
        switch (kind)
        {
            case ImportKind.Openings:
                var o = await openings.CheckNewAsync(org.Id, userId, (OpeningInput)input, ct);
                return (o.Value, o.Errors, o.Understood);
            case ImportKind.Calls:
                var c = await calls.CheckNewAsync(org.Id, userId, (CallInput)input, ct);
                return (c.Value, c.Errors, new Dictionary<string, string>());
            case ImportKind.PastCalls:
                var pastCall = (PastCallInput)input;
                pastCall.OrganizationCode = null;
                var pc = await past.CheckCallAsync(org.Id, pastCall, ct);
                return (pc.Value, pc.Errors, pc.Understood);
            default:
                var appointment = (PastAppointmentInput)input;
                appointment.OrganizationCode = null;
                var pa = await past.CheckAppointmentAsync(org.Id, appointment, ct);
                return (pa.Value, pa.Errors, pa.Understood);
        }
    }

    /// <summary>Staff: blank or their own 団体コード (another government is an error at its cell). The office: a 団体コード is required.</summary>
    private async Task<Organization?> OrganizationAsync(Organization? own, ImportRow row, Dictionary<string, Organization?> cache, List<ImportProblem> problems, CancellationToken ct)
    {
        const string column = ImportFormat.OrganizationCode;
        var code = JapaneseText.NormalizeCode(row.Value(column));
        var (line, col) = row.PlaceOf(column);
        if (own is not null)
        {
            if (code.Length == 0 || code == own.Code) return own;
            problems.Add(new ImportProblem(line, col, column, t["Import_Val_OtherOrganization", code, own.Code, own.NameJa]));
            return null;
        }
        if (code.Length == 0)
        {
            problems.Add(new ImportProblem(line, col, column, t["Val_Required", t["Field_OrganizationCode"]]));
            return null;
        }
        if (!cache.TryGetValue(code, out var org))
        {
            cache[code] = org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Code == code, ct);
        }
        if (org is null) problems.Add(new ImportProblem(line, col, column, t["Past_Val_UnknownOrganization", code]));
        return org;
    }

    /// <summary>A row already recorded (same government, title and date: a file imported twice) is refused at its title.</summary>
    private async Task DuplicatesInDatabaseAsync(ImportKind kind, List<(ImportRow Row, int OrganizationId, string Title, DateOnly? Date)> keys, List<ImportProblem> problems, CancellationToken ct)
    {
        if (keys.Count == 0) return;
        var orgIds = keys.Select(k => k.OrganizationId).Distinct().ToList();
        var titles = keys.Select(k => k.Title).Distinct().ToList();
        List<(int OrganizationId, string Title, DateOnly? Date, int Id)> existing = kind switch
        {
            ImportKind.Openings => [.. (await db.Openings.AsNoTracking().Where(o => orgIds.Contains(o.OrganizationId) && titles.Contains(o.Title) && !o.RecordedAfterTheFact)
                .Select(o => new { o.OrganizationId, o.Title, o.ApplicationDeadline, o.Id }).ToListAsync(ct)).Select(o => (o.OrganizationId, o.Title, (DateOnly?)o.ApplicationDeadline, o.Id))],
            ImportKind.PastAppointments => [.. (await db.Openings.AsNoTracking().Where(o => orgIds.Contains(o.OrganizationId) && titles.Contains(o.Title) && o.RecordedAfterTheFact)
                .Select(o => new { o.OrganizationId, o.Title, o.FilledOn, o.Id }).ToListAsync(ct)).Select(o => (o.OrganizationId, o.Title, o.FilledOn, o.Id))],
            ImportKind.Calls => [.. (await db.ProposalCalls.AsNoTracking().Where(c => orgIds.Contains(c.OrganizationId) && titles.Contains(c.Title) && !c.RecordedAfterTheFact)
                .Select(c => new { c.OrganizationId, c.Title, c.ContractStart, c.Id }).ToListAsync(ct)).Select(c => (c.OrganizationId, c.Title, (DateOnly?)c.ContractStart, c.Id))],
            _ => [.. (await db.ProposalCalls.AsNoTracking().Where(c => orgIds.Contains(c.OrganizationId) && titles.Contains(c.Title) && c.RecordedAfterTheFact)
                .Select(c => new { c.OrganizationId, c.Title, c.ResultDate, c.Id }).ToListAsync(ct)).Select(c => (c.OrganizationId, c.Title, c.ResultDate, c.Id))],
        };
        var index = existing.ToLookup(e => (e.OrganizationId, e.Title, e.Date), e => e.Id);
        foreach (var key in keys)
        {
            if (index[(key.OrganizationId, key.Title, key.Date)].FirstOrDefault() is var id and > 0)
            {
                var (line, column) = key.Row.PlaceOf("Title");
                problems.Add(new ImportProblem(line, column, "Title", t["Import_Val_AlreadyRecorded", id]));
            }
        }
    }

    private ImportPreviewRow Preview(int line, object record, Organization org, IReadOnlyDictionary<string, string> understood)
    {
        var warnings = new List<string>();
        var understoodText = understood.Select(u => $"{u.Key}: {u.Value}").ToList();
        switch (record)
        {
            case Opening o:
                if (o.PayNotStated) warnings.Add(t["Import_Warn_PayNotStated"]);
                else if (o.DaysPerWeekNotStated) warnings.Add(t["Import_Warn_DaysNotStated"]);
                if (!o.RecordedAfterTheFact) warnings.Add(t["Import_Warn_Draft"]);
                return new(line, o.Title, org.NameJa, o.PayNotStated ? t["NotStated"] : openingDisplay.DayRate(o), understoodText, warnings);
            case ProposalCall c:
                if (c.RecordedAfterTheFact && c.SupplierCorporateNumber is null) warnings.Add(t["Import_Warn_NoCorporateNumber"]);
                if (!c.RecordedAfterTheFact) warnings.Add(t["Import_Warn_Draft"]);
                return new(line, c.Title, org.NameJa, callDisplay.DayRateEquivalent(c), understoodText, warnings);
            default:
                throw new InvalidOperationException();
        }
    }
}

public static class ImportServices
{
    public static IServiceCollection AddImport(this IServiceCollection services)
    {
        services.AddScoped<ImportReader>();
        services.AddScoped<ImportService>();
        services.AddSingleton<ImportPreviewToken>();
        return services;
    }
}
