using System.Text;
using Marketplace.Matching.Codes;

namespace Marketplace.Web.Features.Organizations;

public static class OrganizationKinds
{
    private static readonly Dictionary<string, OrganizationKind> Codes = new()
    {
        ["prefecture"] = OrganizationKind.Prefecture,
        ["designated_city"] = OrganizationKind.DesignatedCity,
        ["city"] = OrganizationKind.City,
        ["special_ward"] = OrganizationKind.SpecialWard,
        ["town"] = OrganizationKind.Town,
        ["village"] = OrganizationKind.Village,
    };

    public static OrganizationKind? Parse(string? code) => code is not null && Codes.TryGetValue(code.Trim(), out var k) ? k : null;
    public static string Code(OrganizationKind kind) => Codes.First(c => c.Value == kind).Key;
    public static IEnumerable<OrganizationKind> Municipal => Codes.Values.Where(k => k != OrganizationKind.Prefecture);
}

public sealed record NewOrganization(string? Code, string? Kind, string? NameJa, string? NameEn);

/// <summary>Adding and importing municipalities (national office only).</summary>
public sealed class OrganizationService(MarketplaceDbContext db, IStringLocalizer<SharedResource> t, TimeProvider clock)
{
    public const int MaxImportRows = 5_000;
    public const int PageSize = 50;

    /// <summary>
    /// One page of the registered governments in code order, filtered by name (Japanese, or English in any case) or
    /// code as people type it, by prefecture and by kind.
    /// </summary>
    public Task<Paged<Organization>> SearchAsync(string? q, string? prefecture, string? kind, int page, CancellationToken ct = default)
    {
        var query = db.Organizations.AsNoTracking().Include(o => o.Prefecture).AsQueryable();
        if (q is not null)
        {
            var text = q.Normalize(NormalizationForm.FormKC).Trim();
            var lower = text.ToLowerInvariant();
            var code = JapaneseText.NormalizeCode(q);
            query = code.Length > 0
                ? query.Where(o => o.NameJa.Contains(text) || o.NameEn.ToLower().Contains(lower) || o.Code.Contains(code))
                : query.Where(o => o.NameJa.Contains(text) || o.NameEn.ToLower().Contains(lower));
        }
        if (prefecture is not null) query = query.Where(o => o.PrefectureCode == prefecture);
        if (OrganizationKinds.Parse(kind) is { } k) query = query.Where(o => o.Kind == k);
        return query.OrderBy(o => o.Code).ToPagedAsync(page, PageSize, ct);
    }

    public Task<List<Prefecture>> PrefecturesAsync(CancellationToken ct = default) =>
        db.Prefectures.AsNoTracking().OrderBy(x => x.Code).ToListAsync(ct);

    /// <summary>
    /// What is wrong with a 団体コード (already normalised), saying what to fix: six digits, a prefecture 01–47, or the
    /// check digit with the code it would be if the first five digits are right; null when it is a valid code.
    /// </summary>
    public static string? CodeProblem(IStringLocalizer t, string code) => LocalGovernmentCode.Check(code) switch
    {
        CodeCheck.NotSixDigits => t["Org_CodeNotSixDigits"].Value,
        CodeCheck.UnknownPrefecture => t["Org_CodeUnknownPrefecture"].Value,
        CodeCheck.WrongCheckDigit => t["Org_CodeWrongCheckDigit", code[..5] + LocalGovernmentCode.CheckDigit(code.AsSpan(0, 5))].Value,
        _ => null,
    };

    /// <summary>Checks one row; the code is taken as people type it (全角数字, spaces and hyphens allowed).</summary>
    public List<(string Field, string Message)> Validate(NewOrganization input, out Organization? organization)
    {
        var errors = new List<(string, string)>();
        organization = null;
        var code = JapaneseText.NormalizeCode(input.Code);
        if (CodeProblem(t, code) is { } problem) errors.Add(("Code", problem));
        var kind = OrganizationKinds.Parse(input.Kind);
        if (kind is null || kind == OrganizationKind.Prefecture) errors.Add(("Kind", t["Org_KindInvalid"]));
        else if (errors.Count == 0 && LocalGovernmentCode.IsPrefectureBody(code)) errors.Add(("Code", t["Org_CodeIsPrefecture"]));
        var nameJa = input.NameJa?.Trim() ?? "";
        if (nameJa.Length is 0 or > 100) errors.Add(("NameJa", t["Org_NameRequired"]));
        var nameEn = input.NameEn?.Trim() ?? "";
        if (nameEn.Length > 100) errors.Add(("NameEn", t["Val_TooLong", t["Field_NameEn"], 100, nameEn.Length]));
        if (errors.Count == 0)
        {
            organization = new Organization
            {
                Code = code,
                PrefectureCode = code[..2],
                Kind = kind!.Value,
                NameJa = nameJa,
                NameEn = nameEn,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
        }
        return errors;
    }

    /// <summary>Registers one municipality; refused with a message per field (Code, Kind, NameJa, NameEn) when a check fails or the code is taken.</summary>
    public async Task<ServiceResult> AddAsync(NewOrganization input, CancellationToken ct = default)
    {
        var errors = Validate(input, out var org);
        if (org is not null && await db.Organizations.AnyAsync(o => o.Code == org.Code, ct))
        {
            errors.Add(("Code", t["Org_CodeExists", org.Code]));
        }
        if (errors.Count > 0) return ServiceResult.Invalid(errors);
        db.Organizations.Add(org!);
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok(org!.Id);
    }

    /// <summary>
    /// Imports a CSV with columns org_code, kind, name_ja and optionally name_en (other columns ignored).
    /// Every problem is reported as file:line; nothing is imported unless every row is valid.
    /// Codes already registered are skipped, so the same file can be imported twice.
    /// </summary>
    public async Task<ImportResult> ImportAsync(Stream csvStream, string fileName, CancellationToken ct = default)
    {
        var errors = new List<string>();
        var toAdd = new List<Organization>();
        var existing = (await db.Organizations.Select(o => o.Code).ToListAsync(ct)).ToHashSet();
        var skipped = 0;
        List<CsvLine> records;
        try
        {
            using var reader = new StreamReader(csvStream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var parsed = Csv.Read(reader.ReadToEnd());
            records = parsed.Records;
            errors.AddRange(parsed.Problems.Select(e => $"{fileName}:{e.Line}:{e.Column}: {t["Csv_Syntax"]} ({e.Message})"));
        }
        catch (System.Text.DecoderFallbackException)
        {
            return new ImportResult(0, 0, [t["Org_ImportUnreadable", fileName]]);
        }
        if (records.Count == 0) return new ImportResult(0, 0, [t["Org_ImportEmpty", fileName]]);
        var header = records[0].Fields.Select(h => h.Trim()).ToArray();
        foreach (var col in new[] { "org_code", "kind", "name_ja" }.Where(c => !header.Contains(c)))
        {
            errors.Add(t["Org_ImportMissingColumn", fileName, col]);
        }
        if (errors.Count > 0) return new ImportResult(0, 0, errors);
        if (records.Count - 1 > MaxImportRows) return new ImportResult(0, 0, [t["Org_ImportTooMany", fileName, MaxImportRows]]);
        var seen = new HashSet<string>();
        foreach (var record in records.Skip(1))
        {
            string? Field(string name)
            {
                var i = Array.IndexOf(header, name);
                return i >= 0 && i < record.Fields.Count ? record.Fields[i] : null;
            }
            var rowErrors = Validate(new NewOrganization(Field("org_code"), Field("kind"), Field("name_ja"), Field("name_en")), out var org);
            errors.AddRange(rowErrors.Select(e => $"{fileName}:{record.Line}: {ColumnName(e.Field)}: {e.Message}"));
            if (org is null) continue;
            if (!seen.Add(org.Code)) errors.Add($"{fileName}:{record.Line}: org_code: {t["Org_ImportDuplicate", org.Code]}");
            else if (existing.Contains(org.Code)) skipped++;
            else toAdd.Add(org);
        }
        if (errors.Count > 0) return new ImportResult(0, 0, errors);
        db.Organizations.AddRange(toAdd);
        await db.SaveChangesAsync(ct);
        return new ImportResult(toAdd.Count, skipped, []);
    }

    private static string ColumnName(string field) => field switch
    {
        "Code" => "org_code",
        "Kind" => "kind",
        "NameJa" => "name_ja",
        "NameEn" => "name_en",
        _ => field,
    };
}

public sealed record ImportResult(int Added, int Skipped, IReadOnlyList<string> Errors);
