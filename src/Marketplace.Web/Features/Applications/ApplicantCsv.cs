namespace Marketplace.Web.Features.Applications;

/// <summary>
/// Applicants of an opening as CSV (<see cref="Csv"/>: UTF-8 with a BOM by default, Shift_JIS on request).
/// </summary>
public static class ApplicantCsv
{
    public static byte[] Build(IReadOnlyList<Application> applicants, IReadOnlyDictionary<int, ConflictFlag> flags, IStringLocalizer t, DisplayFormatter fmt, Taxonomy.TaxonomyCatalog taxonomy, bool shiftJis)
    {
        var csv = Csv.Text().Header([
            t["Csv_ApplicationId"], t["Csv_Name"], t["Field_Email"], t["Csv_Phone"], t["Csv_HomePrefecture"], t["Csv_Stage"],
            t["Csv_AppliedAt"], t["Csv_UpdatedAt"], t["Csv_DesiredDayRate"], t["Csv_PublicSectorYears"], t["Csv_Conflict"], t["Field_Motivation"],
        ]);
        foreach (var a in applicants)
        {
            var e = a.Expert!;
            csv.Row([
                a.Id.ToString(CultureInfo.InvariantCulture),
                e.AnonymizedAt is null ? e.FullName : t["Applicant_Deleted"],
                e.User?.Email,
                e.Phone,
                Taxonomy.TaxonomyCatalog.Label(taxonomy.Prefectures, e.HomePrefectureCode),
                t[$"Stage_{a.Stage}"],
                fmt.DateTime(a.CreatedAt),
                fmt.DateTime(a.UpdatedAt),
                e.DesiredDayRateYen.ToString(CultureInfo.InvariantCulture),
                e.PublicSectorYears.ToString(CultureInfo.InvariantCulture),
                flags.TryGetValue(e.Id, out var flag) ? flag.Reason : "",
                a.Motivation,
            ]);
        }
        return Csv.Encode(csv.ToString(), shiftJis);
    }
}
