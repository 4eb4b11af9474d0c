using Marketplace.Matching.Pay;

namespace Marketplace.Web.Features.Openings;

/// <summary>Read-only JSON for published openings, with the same query parameters as the /openings page.</summary>
public static class OpeningsApi
{
    public static IEndpointRouteBuilder MapOpeningsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/openings").WithTags("Openings").CacheForAnonymous();
        api.MapGet("/", async (HttpRequest request, OpeningSearch search, CancellationToken ct) =>
        {
            var result = await search.SearchAsync(OpeningQuery.FromRequest(request.Query), ct);
            return Results.Ok(new
            {
                result.Page,
                result.PageSize,
                result.Total,
                result.TotalCapped,
                result.PageCount,
                Assumptions = PayAssumptions,
                Items = result.Items,
            });
        });
        // Open data: every opening the search finds (not only a page), with every fact, as CSV (UTF-8, or ?encoding=sjis).
        api.MapGet("/export.csv", async (HttpContext http, OpeningSearch search, IConfiguration config, CancellationToken ct) =>
        {
            var query = OpeningQuery.FromRequest(http.Request.Query);
            var sjis = Csv.WantsShiftJis(http.Request.Query["encoding"]);
            var ids = await search.OpeningIdsAsync(query, ExportLimit, ct);
            var baseUrl = (config["Site:BaseUrl"] ?? $"{http.Request.Scheme}://{http.Request.Host}").TrimEnd('/');
            http.Response.ContentType = sjis ? "text/csv; charset=shift_jis" : "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"openings-{DateTime.UtcNow:yyyyMMdd}{(sjis ? "-sjis" : "")}.csv\"";
            await http.Response.Body.WriteAsync(Csv.Encode(OpeningCsv.Header, sjis), ct);
            // In batches, written as they are read: a national export is tens of thousands of rows.
            foreach (var batch in ids.Chunk(500))
            {
                var text = new System.Text.StringBuilder();
                foreach (var o in await search.OpeningsByIdAsync(batch, ct)) text.Append(OpeningCsv.Row(o, baseUrl));
                await http.Response.Body.WriteAsync(Csv.Encode(text.ToString(), sjis, start: false), ct);
            }
        }).WithName("ExportOpenings").WithSummary("Every opening the search finds (same query parameters as /api/openings), with every fact, as CSV; encoding=sjis for Shift_JIS.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        api.MapGet("/{id:int}", async (int id, OpeningSearch search, CancellationToken ct) =>
        {
            var o = await search.FindPublicAsync(id, ct);
            return o is null
                ? Results.NotFound()
                : Results.Ok(new
                {
                    o.Id, o.NoticeId, Organization = new { o.Organization!.Code, o.Organization.NameJa, o.Organization.NameEn, o.Organization.PrefectureCode },
                    Status = o.Status.ToString(), o.RoleCode, o.EngagementCode, o.Title, o.Description, o.Duties, o.Rank, o.Positions,
                    o.Department, Serves = o.ServesCode, o.ServesDetail,
                    Term = new
                    {
                        o.FirstTermMonths, o.FirstTermApproximate, o.StartDate, RenewalRule = o.RenewalRule.ToString(), o.RenewalMaxCount, o.RenewalMaxTotalMonths,
                        o.RenewalMaxAdditionalMonths, o.FollowOnTermMonths, FollowOn = o.FollowOnTermMonths is null ? null : o.FollowOnGuaranteed ? "guaranteed" : "planned", o.TermNotes,
                    },
                    Pay = new
                    {
                        PayAmountYen = o.PayNotStated ? (long?)null : o.PayAmountYen, o.PayNotStated, o.PayApproximate, PayUnit = o.PayUnit.ToString(), o.PayTaxIncluded,
                        AllowancesIncluded = o.AllowancesNotStated ? null : o.AllowancesIncluded, o.AllowancesNotStated,
                        CommutingAllowancePaid = o.CommutingNotStated ? (bool?)null : o.CommutingAllowancePaid, o.CommutingNotStated,
                        TravelExpenses = o.TravelExpenses.ToString(), o.PayNotes,
                        DayRateYen = o.PayNotStated ? (long?)null : o.DayRateYen, o.DayRateLowYen, o.DayRateHighYen,
                        AnnualEquivalentYen = o.PayNotStated || o.DayRateLowYen is not null ? (long?)null : o.AnnualEquivalentYen,
                        AssumedWorkload = o.DaysPerWeekNotStated ? ComparablePay.PlausibleWorkload(o.EngagementCode) : (Workload?)null,
                    },
                    WorkStyle = new
                    {
                        DaysPerWeek = o.DaysPerWeekNotStated ? (double?)null : o.DaysPerWeek, o.DaysPerWeekNotStated, o.DaysPerWeekApproximate,
                        OnsiteDays = o.OnsiteNotStated ? (double?)null : o.OnsiteDays, OnsitePeriod = o.OnsitePeriod.ToString(),
                        OnsiteDaysPerMonth = o.OnsiteNotStated ? (double?)null : o.OnsiteDaysPerMonth, o.OnsiteNotStated, o.OnsiteApproximate,
                        o.RemoteAllowed, o.WorkLocation, o.WorkStyleNotes,
                    },
                    RequiredSkills = o.RequiredSkillCodes, PreferredSkills = o.PreferredSkillCodes,
                    o.PublicSectorExperienceRequired, o.CertifiedCioOnly, o.ApplicationDeadline, o.SelectionSteps, o.PublishedAt,
                    o.RecordedAfterTheFact,
                    Filled = o.FilledOn is null ? null : new { o.FilledOn, Appointee = o.AppointeeName },
                    Assumptions = PayAssumptions,
                });
        }).WithName("GetOpening").WithSummary("One published or closed opening with every stated fact, what is approximate or not stated, and its day rate or day-rate range.");
        return app;
    }

    /// <summary>Rows in one export at most (every government's postings for a few years).</summary>
    public const int ExportLimit = 50_000;

    private static readonly object PayAssumptions = new
    {
        ComparablePay.WorkingWeeksPerYear,
        ComparablePay.HoursPerDay,
        ComparablePay.ConsumptionTaxRate,
    };
}
